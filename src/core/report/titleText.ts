/**
 * A title or printed header from its parts, " – " between them, leaving out empty parts: a shareable
 * file made without a school name reads "Attendance summary for governors", never "… for governors – ".
 */
export function titleText(...parts: readonly string[]): string {
  return parts
    .map((part) => part.trim())
    .filter((part) => part !== "")
    .join(" – ");
}
