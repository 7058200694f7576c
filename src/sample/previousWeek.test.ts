import { analyseGrid } from "../core/analyse";
import { previousWeekExport } from "./previousWeek";
import { sampleExportGrid } from "./sampleExport";

describe("the sample's export of the week before (npm run demo, docs/rules.md §11)", () => {
  const now = sampleExportGrid();
  const before = previousWeekExport(now, { from: "19/12/2025", to: "12/12/2025" });

  it("ends a week earlier: the last week's 10 sessions and their counts are taken away, nothing invented", () => {
    const later = analyseGrid(now);
    const earlier = analyseGrid(before);
    if (!later.ok || !earlier.ok) throw new Error("the sample does not read");
    expect(earlier.analysis.summary.periodEnd).toBe("2025-12-12");
    expect(later.analysis.summary.periodEnd).toBe("2025-12-19");
    expect(later.analysis.mapping.sessions.length - earlier.analysis.mapping.sessions.length).toBe(10);
    expect(earlier.analysis.pupils).toHaveLength(later.analysis.pupils.length);
    later.analysis.pupils.forEach((pupil, i) => {
      const then = earlier.analysis.pupils[i]!;
      expect(then.record.upn).toBe(pupil.record.upn);
      const grew = (pupil.possibleSessions ?? 0) - (then.possibleSessions ?? 0);
      expect(grew).toBeGreaterThanOrEqual(0);
      expect(grew).toBeLessThanOrEqual(10);
      expect((pupil.missedSessions ?? 0) - (then.missedSessions ?? 0)).toBeGreaterThanOrEqual(0);
    });
    // No figure disagrees with its marks: the engine would say so in a warning.
    expect(earlier.analysis.warnings.length).toBe(later.analysis.warnings.length);
  });
});
