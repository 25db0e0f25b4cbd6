// Fixed dates of the development dataset. Nothing reads the clock, so every build is the same.

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** The first day on which sequence runs start (a Monday). */
export const FIRST_RUN_DAY = Date.UTC(2025, 0, 6);

/** The last day on which sequence runs start. Their tasks go on into the following days. */
export const LAST_RUN_DAY = Date.UTC(2025, 2, 28);

/** The "now" of the dataset: every generated timestamp is earlier than this instant. */
export const DATASET_NOW = Date.UTC(2025, 3, 1);

export function isWeekend(timestamp: number): boolean {
  const weekday = new Date(timestamp).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** Moves a Saturday or Sunday forward to the same time on Monday, and keeps weekdays. */
export function toWeekday(timestamp: number): number {
  let moved = timestamp;
  while (isWeekend(moved)) {
    moved += DAY;
  }
  return moved;
}

/** Returns the start of the UTC day that contains `timestamp`. */
export function startOfDay(timestamp: number): number {
  return timestamp - (((timestamp % DAY) + DAY) % DAY);
}
