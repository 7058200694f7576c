/** Which Fluent theme follows the Office theme. Passed to the pane as a prop so tests can render both. */
export type PaneTheme = "light" | "dark";

export interface OfficeThemeLike {
  isDarkTheme?: boolean;
  bodyBackgroundColor?: string;
}

/**
 * Office tells us directly where it can (isDarkTheme); otherwise a dark body background
 * (relative luminance below 0.5) means a dark theme. No theme at all: light.
 */
export function paneThemeFor(officeTheme: OfficeThemeLike | null | undefined): PaneTheme {
  if (!officeTheme) return "light";
  if (typeof officeTheme.isDarkTheme === "boolean") return officeTheme.isDarkTheme ? "dark" : "light";
  const luminance = relativeLuminance(officeTheme.bodyBackgroundColor ?? "");
  if (luminance === null) return "light";
  return luminance < 0.5 ? "dark" : "light";
}

/** WCAG relative luminance of "#RRGGBB" (or "RRGGBB"), 0..1; null for anything else. */
export function relativeLuminance(colour: string): number | null {
  const match = /^#?([0-9a-f]{6})$/i.exec(colour.trim());
  if (!match?.[1]) return null;
  const hex = match[1];
  const channel = (offset: number): number => {
    const value = parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
}
