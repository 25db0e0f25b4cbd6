import { callApi, describeResponse } from "./api";
import { createApiKey, type Workspace } from "./factories";

export const WEBHOOK_SCOPES = ["tasks:read", "tasks:write", "webhooks:read", "webhooks:write"];

/** Creates a key of the workspace with the task and webhook scopes, and returns the raw key. */
export async function createWebhookKey(workspace: Workspace): Promise<string> {
  return (await createApiKey(workspace.organization.id, { scopes: WEBHOOK_SCOPES })).rawKey;
}

/** Builds a receiver URL on loopback, which the tests' WEBHOOK_ALLOW_LOOPBACK accepts. Nothing listens there. */
export function receiverUrl(path = "/hook"): string {
  return `http://127.0.0.1:9${path}`;
}

/** Creates a webhook through the API and returns the response body, secret included. */
export async function createWebhook(key: string, body: Record<string, unknown> = {}) {
  const response = await callApi("/v1/webhooks", {
    method: "POST",
    key,
    body: { name: "receiver", url: receiverUrl(), event_types: ["task.skipped"], ...body },
  });
  if (response.status !== 201) {
    throw new Error(`Creating a webhook failed: ${describeResponse(response)}`);
  }
  return response.body;
}
