import { cidrRange, overlappingRanges, rangesOverlap } from "../lib/cidr";

describe("IPv4 ranges (lib/cidr.ts)", () => {
  it("reads a CIDR as its [first, last] addresses, aligned to the prefix", () => {
    expect(cidrRange("10.0.0.0/24")).toEqual([167772160, 167772415]);
    expect(cidrRange("10.0.0.77/24")).toEqual([167772160, 167772415]);
    expect(cidrRange("0.0.0.0/0")).toEqual([0, 2 ** 32 - 1]);
  });

  it("is no range for what is not an IPv4 CIDR: an octet above 255, a prefix above 32, a missing prefix", () => {
    for (const text of ["300.0.0.0/8", "10.0.0.0/33", "10.0.0.0", "10.0.0/8", "1000.0.0.0/8", "a.b.c.d/8"]) {
      expect(cidrRange(text)).toBeUndefined();
    }
  });

  it("tells ranges that share an address from ranges that do not", () => {
    expect(rangesOverlap(cidrRange("10.0.0.0/20")!, cidrRange("10.0.8.0/24")!)).toBe(true);
    expect(rangesOverlap(cidrRange("10.0.0.0/24")!, cidrRange("10.0.1.0/24")!)).toBe(false);
  });

  it("names each range that overlaps an earlier one, and leaves malformed ones to the CIDR rule", () => {
    const ranges = [
      { cidr: "10.0.0.0/16", where: "a" },
      { cidr: "10.0.1.0/24", where: "b" },
      { cidr: "10.1.0.0/33", where: "c" },
      { cidr: "10.1.0.0/24", where: "d" },
    ];
    expect(overlappingRanges(ranges)).toEqual([{ range: ranges[1], problem: '"10.0.1.0/24" overlaps a (allowed: ranges that do not overlap)' }]);
  });
});
