// Scopes follow the family's resource:action form. This API checks the task and webhook
// scopes only; keys may carry others of the family, which are kept but grant nothing here.
export const SCOPES = ["tasks:read", "tasks:write", "webhooks:read", "webhooks:write"] as const;

export type Scope = (typeof SCOPES)[number];

/**
 * Tells whether the granted scopes include the required one. It denies by default: scopes
 * match exactly, with no wildcards and no implication between read and write.
 */
export function hasScope(granted: readonly string[], required: Scope): boolean {
  return granted.includes(required);
}
