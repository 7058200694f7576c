import { useEffect, useState } from "react";

/**
 * `value`, once the browser has painted a frame without it; null until then (and again for a new value until
 * its frame is painted). For a pass over every pupil that the first view does not need (warnings, the filter
 * lists' choices, the phase): the pupil list is drawn first, then these follow, at 20,000 pupils as at 200
 * (issue 12 §10). Unlike useDeferredValue, the work cannot start before the list's frame is on screen.
 */
export function useAfterPaint<T>(value: T): T | null {
  const [painted, setPainted] = useState<{ value: T } | null>(null);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    // The frame's callbacks run just before it is painted; the timeout runs after.
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setPainted({ value }), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [value]);
  return painted !== null && painted.value === value ? value : null;
}
