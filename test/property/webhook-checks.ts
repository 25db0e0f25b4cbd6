import { expect } from "vitest";

import { describeExchange, type Exchange } from "./exchange";
import type { PropertyFixtures } from "./fixtures";
import { checkPageEnvelope, parseRequestBody, queryOf, type PageEnvelope } from "./page-checks";

// Checks of webhook success responses against their requests. They cover the webhook or
// delivery in the path, the caller's workspace, list order and filters, the secret (shown
// only by the operations that the document names) and the fields that a create or update
// sets. Requests in a batch may change the same webhook, so a check reads only what its own
// request decided.

interface WebhookBody {
  id: string;
  name: string;
  description: string | null;
  event_types: string[];
  status: string;
  secret_prefix: string;
  created_at: string;
  secret?: string;
}

interface DeliveryBody {
  id: string;
  webhook_id: string;
  status: string;
  next_attempt_at: string | null;
  created_at: string;
  attempts: { attempt_number: number }[];
}

export const WEBHOOK_OPERATIONS = new Set([
  "listWebhooks",
  "createWebhook",
  "getWebhook",
  "updateWebhook",
  "rotateWebhookSecret",
  "testWebhook",
  "listWebhookDeliveries",
  "redeliverWebhookDelivery",
]);

/** Returns the decoded path segment at `index`, in lower case: 3 is the webhook id, 5 the delivery id. */
function pathId(exchange: Exchange, index: number): string {
  return decodeURIComponent(exchange.pathname.split("/")[index] ?? "").toLowerCase();
}

/** Compares two items by a timestamp, then by id as SQLite compares text, and returns -1 or 1. */
function orderOf(previous: { id: string; created_at: string }, current: { id: string; created_at: string }): number {
  const byTime = Math.sign(Date.parse(current.created_at) - Date.parse(previous.created_at));
  if (byTime !== 0) {
    return byTime;
  }
  return current.id > previous.id ? 1 : -1;
}

/** Checks that a webhook the fixtures know belongs to the caller's workspace. Webhooks that requests created are unknown to them. */
function checkOwner(exchange: Exchange, webhookId: string, fixtures: PropertyFixtures): void {
  const known = fixtures.webhooks.find((webhook) => webhook.id === webhookId);
  const caller = exchange.request.caller;
  if (known !== undefined && caller !== undefined) {
    expect(known.organizationId, `The webhook belongs to another workspace.\n${describeExchange(exchange)}`).toBe(
      caller.organizationId,
    );
  }
}

function checkSecret(exchange: Exchange, operationId: string, webhook: WebhookBody): void {
  const description = describeExchange(exchange);
  if (operationId === "createWebhook" || operationId === "rotateWebhookSecret") {
    expect(webhook.secret, `The response has no secret.\n${description}`).toMatch(/^whsec_/);
    expect(
      webhook.secret!.startsWith(webhook.secret_prefix),
      `secret_prefix is not the start of the secret.\n${description}`,
    ).toBe(true);
  } else {
    expect(webhook, `Only create and rotate-secret may show the secret.\n${description}`).not.toHaveProperty("secret");
  }
}

/** Checks that a create or update response carries the fields that its request set. */
function checkRequestedFields(exchange: Exchange, operationId: string, webhook: WebhookBody): void {
  const description = describeExchange(exchange);
  const request = parseRequestBody(exchange);
  if (request === undefined) {
    return;
  }
  const defaults = operationId === "createWebhook" ? { status: "ACTIVE", description: null } : {};
  const expected = { ...defaults, ...request };

  for (const field of ["name", "description", "status"] as const) {
    if (field in expected) {
      expect(webhook[field], `${field} differs from the request.\n${description}`).toBe(expected[field]);
    }
  }
  if ("event_types" in expected) {
    expect(webhook.event_types, `event_types differs from the request.\n${description}`).toEqual(expected.event_types);
  }
}

function checkWebhook(exchange: Exchange, operationId: string, webhook: WebhookBody, fixtures: PropertyFixtures): void {
  if (operationId !== "createWebhook") {
    expect(webhook.id, `The response is another webhook than the one in the path.\n${describeExchange(exchange)}`).toBe(
      pathId(exchange, 3),
    );
  }
  checkOwner(exchange, webhook.id, fixtures);
  checkSecret(exchange, operationId, webhook);
  if (operationId === "createWebhook" || operationId === "updateWebhook") {
    checkRequestedFields(exchange, operationId, webhook);
  }
}

function checkWebhookPage(exchange: Exchange, page: PageEnvelope<WebhookBody>, fixtures: PropertyFixtures): void {
  const description = describeExchange(exchange);
  checkPageEnvelope(exchange, page);

  for (const [index, webhook] of page.items.entries()) {
    checkOwner(exchange, webhook.id, fixtures);
    checkSecret(exchange, "listWebhooks", webhook);
    if (index > 0) {
      expect(orderOf(page.items[index - 1]!, webhook), `Webhooks are not oldest first.\n${description}`).toBe(1);
    }
  }
}

function checkDeliveryPage(exchange: Exchange, page: PageEnvelope<DeliveryBody>, fixtures: PropertyFixtures): void {
  const description = describeExchange(exchange);
  const webhookId = pathId(exchange, 3);
  const status = queryOf(exchange).get("status");
  const known = fixtures.webhooks.find((webhook) => webhook.id === webhookId);
  checkPageEnvelope(exchange, page);
  checkOwner(exchange, webhookId, fixtures);

  for (const [index, delivery] of page.items.entries()) {
    const context = `Delivery ${delivery.id} does not match the request.\n${description}`;
    expect(delivery.webhook_id, context).toBe(webhookId);
    if (status !== null) {
      expect(delivery.status, context).toBe(status);
    }
    expect(
      delivery.attempts.map((attempt) => attempt.attempt_number),
      `Attempts are not numbered from 1 in order.\n${description}`,
    ).toEqual(delivery.attempts.map((_, position) => position + 1));
    if (index > 0) {
      expect(orderOf(page.items[index - 1]!, delivery), `Deliveries are not newest first.\n${description}`).toBe(-1);
    }
  }
  // The outbox adds deliveries as tasks change, so only the fixtures' own deliveries are known.
  const fixtureDeliveries = fixtures.webhooks.flatMap((webhook) => webhook.deliveryIds);
  for (const delivery of page.items.filter((item) => fixtureDeliveries.includes(item.id))) {
    expect(known?.deliveryIds, `The delivery belongs to another webhook.\n${description}`).toContain(delivery.id);
  }
}

function checkRedelivery(exchange: Exchange, delivery: DeliveryBody): void {
  const description = describeExchange(exchange);

  expect(delivery.id, `The response is another delivery than the one in the path.\n${description}`).toBe(
    pathId(exchange, 5),
  );
  expect(delivery.webhook_id, description).toBe(pathId(exchange, 3));
  expect(delivery.status, `A redelivered delivery is PENDING again.\n${description}`).toBe("PENDING");
  expect(delivery.next_attempt_at, description).not.toBeNull();
}

function checkTestResult(
  exchange: Exchange,
  result: { succeeded: boolean; status_code: number | null; error: string | null },
): void {
  const description = describeExchange(exchange);
  const answered2xx = result.status_code !== null && result.status_code >= 200 && result.status_code < 300;

  expect(result.succeeded, `succeeded is true exactly for a 2xx answer.\n${description}`).toBe(answered2xx);
  expect(result.error === null, `error is null exactly when the test succeeded.\n${description}`).toBe(
    result.succeeded,
  );
}

/** Checks a 2xx body of a webhook operation, already valid against its schema, against the request. */
export function checkWebhookSuccess(
  exchange: Exchange,
  operationId: string,
  body: any,
  fixtures: PropertyFixtures,
): void {
  switch (operationId) {
    case "listWebhooks":
      checkWebhookPage(exchange, body, fixtures);
      break;
    case "listWebhookDeliveries":
      checkDeliveryPage(exchange, body, fixtures);
      break;
    case "redeliverWebhookDelivery":
      checkRedelivery(exchange, body);
      break;
    case "testWebhook":
      checkTestResult(exchange, body);
      break;
    default:
      checkWebhook(exchange, operationId, body, fixtures);
  }
}
