/**
 * A seeded pseudo-random number generator (mulberry32). The same seed gives the same
 * sequence in Node and in workerd, which is what keeps the dataset deterministic.
 * It is not suitable for secrets.
 */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Returns the next unsigned 32-bit integer. */
  nextUint32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let value = this.state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return (value ^ (value >>> 14)) >>> 0;
  }

  /** Returns a float in [0, 1). */
  nextFloat(): number {
    return this.nextUint32() / 0x1_0000_0000;
  }

  /** Returns an integer in [min, max], both ends included. */
  integer(min: number, max: number): number {
    return min + Math.floor(this.nextFloat() * (max - min + 1));
  }

  /** Returns true with the given probability. */
  chance(probability: number): boolean {
    return this.nextFloat() < probability;
  }

  pick<Item>(items: readonly Item[]): Item {
    if (items.length === 0) {
      throw new RangeError("Cannot pick from an empty list.");
    }
    return items[Math.floor(this.nextFloat() * items.length)]!;
  }

  /** Picks one value, each with a chance proportional to its weight. */
  weighted<Item>(entries: readonly (readonly [Item, number])[]): Item {
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    if (!(total > 0)) {
      throw new RangeError("Cannot pick from weights that add up to zero.");
    }

    let remaining = this.nextFloat() * total;
    for (const [item, weight] of entries) {
      remaining -= weight;
      if (remaining < 0) {
        return item;
      }
    }
    return entries[entries.length - 1]![0];
  }
}
