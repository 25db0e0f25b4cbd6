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

/**
 * Converts an ISO 8601 date-time to epoch milliseconds. Stored times have millisecond
 * precision, so a finer instant is rounded the way a strict comparison needs: down for
 * "after" (created > t holds exactly when created > floor(t)) and up for "before".
 */
export function toEpochMilliseconds(iso: string, rounding: "floor" | "ceil"): number {
  const milliseconds = Date.parse(iso);
  const fraction = /\.(\d+)/.exec(iso)?.[1] ?? "";
  const hasFinerPrecision = /[1-9]/.test(fraction.slice(3));

  return rounding === "ceil" && hasFinerPrecision ? milliseconds + 1 : milliseconds;
}
