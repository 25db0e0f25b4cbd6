/**
 * Creates a seeded pseudo-random generator (mulberry32), so a round of a test sends the same
 * mix of requests every time it runs with the same seed.
 */
export function createRandom(seed: number) {
  let state = seed >>> 0;

  function next(): number {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  }

  function integer(maxExclusive: number): number {
    return Math.floor(next() * maxExclusive);
  }

  function pick<Item>(items: readonly Item[]): Item {
    if (items.length === 0) {
      throw new Error("Cannot pick from an empty list.");
    }
    return items[integer(items.length)]!;
  }

  return { next, integer, pick };
}

export type Random = ReturnType<typeof createRandom>;
