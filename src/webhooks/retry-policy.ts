// When a failed delivery is tried again, and when a failing subscription is disabled.
//
// Delays double from 30 seconds up to the 12 hours that a queue send can be delayed. Each is
// drawn at random between 80% and 120% of its base, so that receivers recovering from an
// outage are not hit by every delivery at once. A delivery is retried for 24 hours after it
// was queued (about 12 attempts); the first failed attempt after that marks it FAILED.

export const RETRY_WINDOW_MS = 24 * 60 * 60 * 1000;

/** A subscription whose attempts have all failed for this long is DISABLED. */
export const DISABLE_AFTER_FAILING_MS = 24 * 60 * 60 * 1000;

const FIRST_DELAY_SECONDS = 30;
const MAX_DELAY_SECONDS = 12 * 60 * 60;
const JITTER = 0.2;

/** Returns the delay before the next attempt, in whole seconds, after `failedAttempts` failed ones (1 or more). */
export function retryDelaySeconds(failedAttempts: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_DELAY_SECONDS, FIRST_DELAY_SECONDS * 2 ** Math.min(failedAttempts - 1, 20));
  const jittered = base * (1 - JITTER + 2 * JITTER * random());
  return Math.min(MAX_DELAY_SECONDS, Math.max(1, Math.round(jittered)));
}

/** Builds the reason stored on a subscription that the consumer disabled. */
export function disabledReasonOf(failingSince: number, lastError: string): string {
  return (
    `Disabled automatically: every delivery attempt since ${new Date(failingSince).toISOString()} ` +
    `failed, the last one with: ${lastError}. Set status to ACTIVE to resume deliveries.`
  );
}
