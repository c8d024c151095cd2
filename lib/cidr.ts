/**
 * IPv4 ranges as numbers, and which of them overlap: one source for the
 * config check (across every tenant) and `TenantLandingZone` (across its own
 * environments), so both refuse the same ranges with the same message.
 */

/** An IPv4 CIDR as a [first, last] address range, or undefined if it is not one (an octet above 255, a prefix above 32). */
export function cidrRange(cidr: string): [number, number] | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const bits = Number(m[5]);
  if (octets.some((octet) => octet > 255) || bits > 32) return undefined;
  const ip = octets.reduce((acc, octet) => acc * 256 + octet, 0);
  const size = 2 ** (32 - bits);
  const first = ip - (ip % size);
  return [first, first + size - 1];
}

/** Whether two [first, last] ranges share an address. */
export function rangesOverlap([first, last]: readonly [number, number], [otherFirst, otherLast]: readonly [number, number]): boolean {
  return first <= otherLast && otherFirst <= last;
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
    const clash = seen.find((s) => rangesOverlap(s.bounds, bounds));
    if (clash) found.push({ range, problem: `"${range.cidr}" overlaps ${clash.where} (allowed: ranges that do not overlap)` });
    else seen.push({ bounds, where: range.where });
  }
  return found;
}
