/**
 * A small IPv4 range allocator for generated bench configs: hands out
 * aligned, non-overlapping blocks of any prefix length from 10.0.0.0/8,
 * skipping ranges that are already taken. Ranges are lib/cidr.ts's
 * [first, last] addresses.
 */
import { cidrRange, rangesOverlap } from "../lib/cidr";

/** An IPv4 range as [first address, last address], addresses as unsigned integers. */
export type Range = readonly [first: number, last: number];

/** How many addresses a range holds. */
export function sizeOf([first, last]: Range): number {
  return last - first + 1;
}

/** Format a range as `a.b.c.d/n`. */
export function formatCidr(range: Range): string {
  const octets = [24, 16, 8, 0].map((shift) => Math.floor(range[0] / 2 ** shift) % 256);
  return `${octets.join(".")}/${32 - Math.log2(sizeOf(range))}`;
}

/** Allocates aligned blocks from a pool, in address order, never twice. */
export class CidrAllocator {
  private cursor: number;
  private readonly taken: Range[] = [];

  constructor(private readonly pool: Range = cidrRange("10.0.0.0/8")!) {
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
      if (start + size - 1 > this.pool[1]) {
        throw new Error(`bench: ${formatCidr(this.pool)} has no free /${32 - Math.log2(size)} left`);
      }
      const block: Range = [start, start + size - 1];
      const clash = this.taken.find((r) => rangesOverlap(r, block));
      if (!clash) break;
      start = Math.ceil((clash[1] + 1) / size) * size;
    }
    this.cursor = start + size; // blocks below the cursor are never handed out again
    return [start, start + size - 1];
  }
}
