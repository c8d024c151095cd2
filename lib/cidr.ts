/**
 * IPv4 ranges as numbers, and which of them overlap: one source for the
 * config check (across every tenant) and `TenantLandingZone` (across its own
 * environments), so both refuse the same ranges with the same message.
 */

/** An IPv4 CIDR as a [first, last] address range, or undefined if malformed. */
export function cidrRange(cidr: string): [number, number] | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(cidr);
  if (!m) return undefined;
  const ip = m.slice(1, 5).reduce((acc, octet) => acc * 256 + Number(octet), 0);
  const size = 2 ** (32 - Number(m[5]));
  const first = ip - (ip % size);
  return [first, first + size - 1];
}

/** A range and where it was given (`tenants[0].environments[1].subnet`). */
export interface PlacedRange {
  readonly cidr: string;
  readonly where: string;
}

/**
 * Each range that overlaps one given before it, with the message for it:
 * `"<cidr>" overlaps <where> (allowed: ranges that do not overlap)`. A range
 * that overlaps is not itself compared with later ones; malformed ranges are
 * left to the CIDR rule.
 */
export function overlappingRanges<R extends PlacedRange>(ranges: readonly R[]): { readonly range: R; readonly problem: string }[] {
  const seen: { bounds: [number, number]; where: string }[] = [];
  const found: { range: R; problem: string }[] = [];
  for (const range of ranges) {
    const bounds = cidrRange(range.cidr);
    if (!bounds) continue;
    const clash = seen.find((s) => s.bounds[0] <= bounds[1] && bounds[0] <= s.bounds[1]);
    if (clash) found.push({ range, problem: `"${range.cidr}" overlaps ${clash.where} (allowed: ranges that do not overlap)` });
    else seen.push({ bounds, where: range.where });
  }
  return found;
}
