/**
 * Who a pupil is, for matching across runs: the UPN when there is one (unique in England),
 * else name and year group. Never shown anywhere. Snapshots (docs/rules.md §11) and
 * pupil references (docs/rules.md §7) match pupils by it alike.
 */
export function identityKey(upn: string | null, name: string, yearGroup: string | null): string | null {
  const u = (upn ?? "").replace(/\s+/g, "").toUpperCase();
  if (u !== "") return `upn:${u}`;
  const n = name.trim().replace(/\s+/g, " ").toLowerCase();
  if (n === "") return null;
  return `name:${n}|${(yearGroup ?? "").trim().toLowerCase()}`;
}
