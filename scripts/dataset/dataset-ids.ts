import type { SeededRandom } from "./random";

function hex(value: number, digits: number): string {
  return value.toString(16).padStart(digits, "0");
}

/**
 * Creates ids in the UUID version 7 layout: the row's timestamp in milliseconds, then 74
 * bits from the seeded generator. Ids of rows created in 2025 start with 0194 to 0196, so
 * they sort by time and cannot equal the contract's example ids, which start with 018e,
 * 018f, 019d, 019e, 01af, 01b0 or 01c1.
 */
export class DatasetIdFactory {
  private readonly issued = new Set<string>();

  constructor(private readonly random: SeededRandom) {}

  /** Returns a new id for a row created at `timestamp` (epoch milliseconds). */
  create(timestamp: number): string {
    if (!Number.isSafeInteger(timestamp) || timestamp < 0 || timestamp >= 2 ** 48) {
      throw new RangeError(`Invalid id timestamp ${timestamp}: expected epoch milliseconds below 2^48.`);
    }

    const time = hex(timestamp, 12);
    const first = this.random.nextUint32();
    const second = this.random.nextUint32();
    const third = this.random.nextUint32();

    const versionAndRandomA = 0x7000 | (first & 0x0fff);
    const variantAndRandomB = 0x8000 | ((first >>> 12) & 0x3fff);
    const id = [
      time.slice(0, 8),
      time.slice(8, 12),
      hex(versionAndRandomA, 4),
      hex(variantAndRandomB, 4),
      hex(second, 8) + hex(third & 0xffff, 4),
    ].join("-");

    this.reserve(id);
    return id;
  }

  /** Records an id chosen elsewhere, such as a contract id, so no created id can repeat it. */
  reserve(id: string): void {
    if (this.issued.has(id)) {
      throw new Error(`Duplicate dataset id ${id}.`);
    }
    this.issued.add(id);
  }
}
