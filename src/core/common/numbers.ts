/**
 * How the product rounds a figure it shows or writes (a percentage, a change): one decimal place, half
 * away from zero. One home, so the JSON, the sheets, the form and the pane never disagree by 0.1.
 */

/**
 * Rounds half away from zero at 1 decimal place. Going through the shortest decimal text (toPrecision)
 * first means 90.05 rounds to 90.1 as a person would, not to 90.0 as 90.05 * 10 in binary would.
 */
export function oneDecimal(value: number | null): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  const scaled = Number((Math.abs(value) * 10).toPrecision(15));
  return (Math.sign(value) * Math.round(scaled)) / 10 || 0;
}
