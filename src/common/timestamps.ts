/**
 * Formats epoch milliseconds as ISO 8601 in UTC. Whole seconds print without a fraction
 * ("2025-03-13T07:00:00Z", as the contract's examples do); other instants keep their
 * milliseconds ("2025-03-13T07:00:00.250Z").
 */
export function toIsoTimestamp(milliseconds: number): string {
  const iso = new Date(milliseconds).toISOString();
  return iso.endsWith(".000Z") ? `${iso.slice(0, -5)}Z` : iso;
}

export function toIsoTimestampOrNull(milliseconds: number | null): string | null {
  return milliseconds === null ? null : toIsoTimestamp(milliseconds);
}

// An ISO 8601 / RFC 3339 date-time with an explicit offset. Seconds and their fraction are
// optional; the offset may be Z, ±hh:mm, ±hhmm or ±hh; T, t or a space separates the date.
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)$/;

/**
 * The bounds of an instant in epoch milliseconds. Stored times have millisecond precision,
 * so a strict comparison with a finer instant t needs both: created > t is true exactly when
 * created > floor, and created < t exactly when created < ceil.
 */
export interface InstantBounds {
  floor: number;
  ceil: number;
}

/** Parses an ISO 8601 date-time with an offset, or returns undefined if it is not one or names no real time. */
export function parseIsoInstant(text: string): InstantBounds | undefined {
  const match = ISO_DATE_TIME.exec(text);
  if (match === null) {
    return undefined;
  }

  const field = (index: number) => Number(match[index] ?? 0);
  const [year, month, day, hour, minute, second] = [field(1), field(2), field(3), field(4), field(5), field(6)];
  const fraction = match[7] ?? "";
  const offsetSign = match[9] === "-" ? -1 : 1;
  const [offsetHours, offsetMinutes] = [field(10), field(11)];

  // setUTCFullYear rolls 2025-02-30 over to March 2, so a date that does not come back
  // unchanged does not exist. Unlike Date.UTC, it does not read years 0 to 99 as 19xx.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  const wallClock = date.getTime();
  const dateExists = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  const timeExists = hour < 24 && minute < 60 && second < 60 && offsetHours < 24 && offsetMinutes < 60;
  if (!dateExists || !timeExists) {
    return undefined;
  }

  const offsetMilliseconds = offsetSign * (offsetHours * 60 + offsetMinutes) * 60_000;
  const floor = wallClock - offsetMilliseconds + Number(fraction.slice(0, 3).padEnd(3, "0"));
  const hasFinerPrecision = /[1-9]/.test(fraction.slice(3));

  return { floor, ceil: hasFinerPrecision ? floor + 1 : floor };
}
