/**
 * A small IPv4 range allocator for generated bench configs: hands out
 * aligned, non-overlapping blocks of any prefix length from 10.0.0.0/8,
 * skipping ranges that are already taken.
 */

/** An IPv4 range as [first address, size], addresses as unsigned integers. */
export type Range = readonly [start: number, size: number];

const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Parse `a.b.c.d/n`, or undefined when the string is not an IPv4 CIDR range. */
export function parseCidr(text: string): Range | undefined {
  const m = CIDR.exec(text);
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const bits = Number(m[5]);
  if (octets.some((o) => o > 255) || bits > 32) return undefined;
  const address = octets.reduce((acc, o) => acc * 256 + o, 0);
  const size = 2 ** (32 - bits);
  return [address - (address % size), size];
}

/** Format a range as `a.b.c.d/n`. */
export function formatCidr([start, size]: Range): string {
  const octets = [24, 16, 8, 0].map((shift) => Math.floor(start / 2 ** shift) % 256);
  return `${octets.join(".")}/${32 - Math.log2(size)}`;
}

/** True when two ranges share an address. */
export function overlaps([a, aSize]: Range, [b, bSize]: Range): boolean {
  return a < b + bSize && b < a + aSize;
}

/** Allocates aligned blocks from a pool, in address order, never twice. */
export class CidrAllocator {
  private cursor: number;
  private readonly taken: Range[] = [];

  constructor(private readonly pool: Range = parseCidr("10.0.0.0/8")!) {
    this.cursor = pool[0];
  }

  /** Mark a range as used so that no allocation overlaps it. */
  reserve(range: Range): void {
    this.taken.push(range);
  }

  /** The next free block with `size` addresses (a power of two). */
  allocate(size: number): Range {
    let start = Math.ceil(this.cursor / size) * size;
    for (;;) {
      if (start + size > this.pool[0] + this.pool[1]) {
        throw new Error(`bench: ${formatCidr(this.pool)} has no free /${32 - Math.log2(size)} left`);
      }
      const block: Range = [start, size];
      const clash = this.taken.find((r) => overlaps(r, block));
      if (!clash) break;
      start = Math.ceil((clash[0] + clash[1]) / size) * size;
    }
    this.cursor = start + size; // blocks below the cursor are never handed out again
    return [start, size];
  }
}
