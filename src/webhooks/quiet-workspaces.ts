// Workspaces that this isolate found without an active webhook. Most workspaces have none,
// and for them the outbox after a task change would spend two D1 calls only to move its
// cursor, so it is skipped while the finding is fresh. A webhook created or resumed through
// another isolate is picked up within QUIET_WORKSPACE_TTL_MS, or by the next cron run:
// either way the outbox then reads every event recorded since the webhook was created.

export const QUIET_WORKSPACE_TTL_MS = 30_000;

// Bounded like the key cache; the oldest finding goes first.
const MAX_QUIET_WORKSPACES = 1_000;

const foundQuietAt = new Map<string, number>();

/** Reports whether the workspace was found without an active webhook less than the TTL ago. */
export function isKnownQuiet(organizationId: string, now: number): boolean {
  const foundAt = foundQuietAt.get(organizationId);
  return foundAt !== undefined && now - foundAt < QUIET_WORKSPACE_TTL_MS;
}

/** Records what an outbox run saw: whether the workspace has an active webhook. */
export function recordWebhookPresence(organizationId: string, hasActiveWebhook: boolean, now: number): void {
  foundQuietAt.delete(organizationId);
  if (hasActiveWebhook) {
    return;
  }
  if (foundQuietAt.size >= MAX_QUIET_WORKSPACES) {
    foundQuietAt.delete(foundQuietAt.keys().next().value!);
  }
  foundQuietAt.set(organizationId, now);
}

/** Drops the finding after a webhook of the workspace was created or changed in this isolate. */
export function forgetWebhookPresence(organizationId: string): void {
  foundQuietAt.delete(organizationId);
}
