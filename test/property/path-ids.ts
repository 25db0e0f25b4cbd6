import fc from "fast-check";

import type { KeyFixture, PropertyFixtures } from "./fixtures";
import { hostileIdArbitrary, taskIdArbitrary, taskIdForCaller } from "./request-arbitraries";
import type { WebhookFixture } from "./webhook-fixtures";

// Ids for the path parameters of an operation, by the kind of row each one names. A request
// never names a webhook that another request may delete under it. Valid DELETE requests name
// disposable webhooks, and other valid requests name the webhooks that are kept for the
// whole run. Requests with any method name no kept webhook at all.

export type PathIdKind = "task" | "webhook" | "delivery";

/** What a request's path ids find in the caller's workspace. */
export type LookupOutcome = "found" | "absent" | "found or deleted";

interface PathOperation {
  method: string;
  /** The path template, such as /v1/webhooks/{id}/deliveries/{delivery_id}/redeliver. */
  path: string;
}

/** Returns the kind of row that each parameter of a path template names, in order. */
export function pathIdKinds(template: string): PathIdKind[] {
  const names = [...template.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
  const idKind: PathIdKind = template.startsWith("/v1/webhooks/") ? "webhook" : "task";
  return names.map((name) => (name === "delivery_id" ? "delivery" : idKind));
}

/** The id as it is, or now and then in upper case, which the API must accept alike. */
function inEitherCase(id: string): fc.Arbitrary<string> {
  return fc.oneof({ weight: 6, arbitrary: fc.constant(id) }, { weight: 1, arbitrary: fc.constant(id.toUpperCase()) });
}

function isDelete(operation: PathOperation): boolean {
  return operation.method.toUpperCase() === "DELETE";
}

/** Deliveries of one webhook, mostly, and now and then any delivery or an absent one. */
function deliveryIdFor(fixtures: PropertyFixtures, webhook: WebhookFixture | undefined): fc.Arbitrary<string> {
  const anyDelivery = anyDeliveryId(fixtures);
  if (webhook === undefined || webhook.deliveryIds.length === 0) {
    return anyDelivery;
  }
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...webhook.deliveryIds).chain(inEitherCase) },
    { weight: 2, arbitrary: anyDelivery },
  );
}

function anyDeliveryId(fixtures: PropertyFixtures): fc.Arbitrary<string> {
  const deliveryIds = fixtures.webhooks.flatMap((webhook) => webhook.deliveryIds);
  return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...deliveryIds) }, { weight: 1, arbitrary: fc.uuid() });
}

/**
 * Webhook and delivery ids for a request that may reach the handler. Most name a webhook of
 * the caller's workspace that the method may name, with one of its deliveries. Some name a
 * webhook of the other workspace or an absent one. Without a caller, the webhooks of both
 * workspaces that the method may name take the place of the caller's own.
 */
function webhookIdsForCaller(
  fixtures: PropertyFixtures,
  operation: PathOperation,
  kinds: readonly PathIdKind[],
  caller: KeyFixture | undefined,
): fc.Arbitrary<string[]> {
  const nameable = fixtures.webhooks.filter((webhook) => webhook.kept !== isDelete(operation));
  const own = nameable.filter((webhook) => webhook.organizationId === caller?.organizationId);
  const foreign =
    caller === undefined
      ? nameable
      : fixtures.webhooks.filter((webhook) => webhook.organizationId !== caller.organizationId);

  const choices: fc.WeightedArbitrary<WebhookFixture | undefined>[] = [
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constantFrom(...foreign) },
  ];
  if (own.length > 0) {
    choices.push({ weight: 7, arbitrary: fc.constantFrom(...own) });
  }

  return fc.oneof(...choices).chain((webhook) => {
    const webhookId = webhook === undefined ? fc.uuid() : inEitherCase(webhook.id);
    return kinds.includes("delivery")
      ? fc.tuple(webhookId, deliveryIdFor(fixtures, webhook))
      : webhookId.map((id) => [id]);
  });
}

/** Path ids for a valid or single-fault request, mostly rows of the caller's workspace. */
export function pathIdsForCaller(
  fixtures: PropertyFixtures,
  operation: PathOperation,
  caller: KeyFixture | undefined,
): fc.Arbitrary<string[]> {
  const kinds = pathIdKinds(operation.path);
  if (kinds.includes("webhook")) {
    return webhookIdsForCaller(fixtures, operation, kinds, caller);
  }
  return fc.tuple(...kinds.map(() => taskIdForCaller(fixtures, caller)));
}

/** Disposable webhooks of either workspace and absent ones, which any request may name. */
function disposableWebhookId(fixtures: PropertyFixtures): fc.Arbitrary<string> {
  const disposable = fixtures.webhooks.filter((webhook) => !webhook.kept).map((webhook) => webhook.id);
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...disposable).chain(inEitherCase) },
    { weight: 1, arbitrary: fc.uuid() },
  );
}

/** Valid path ids for a request with any method and key. They name no kept webhook, because the request may delete it. */
function anyMethodIdOf(fixtures: PropertyFixtures): Record<PathIdKind, fc.Arbitrary<string>> {
  return {
    task: taskIdArbitrary(fixtures),
    webhook: disposableWebhookId(fixtures),
    delivery: anyDeliveryId(fixtures),
  };
}

/** Path ids for a request with any method and key, valid and naming no kept webhook. */
export function anyMethodPathIds(fixtures: PropertyFixtures, template: string): fc.Arbitrary<string[]> {
  const idOf = anyMethodIdOf(fixtures);
  return fc.tuple(...pathIdKinds(template).map((kind) => idOf[kind]));
}

/** Path ids for a hostile request: each one mostly broken, else as for a request with any method. */
export function hostilePathIds(fixtures: PropertyFixtures, template: string): fc.Arbitrary<string[]> {
  const idOf = anyMethodIdOf(fixtures);
  return fc.tuple(
    ...pathIdKinds(template).map((kind) =>
      fc.oneof({ weight: 1, arbitrary: idOf[kind] }, { weight: 2, arbitrary: hostileIdArbitrary(fixtures) }),
    ),
  );
}

/**
 * Tells what the ids in a path find for a caller: a task or webhook of its workspace, and a
 * delivery of that webhook. A disposable webhook may have been deleted by an earlier request.
 */
export function lookupOutcome(
  fixtures: PropertyFixtures,
  operation: PathOperation,
  ids: readonly string[],
  caller: KeyFixture,
): LookupOutcome {
  const kinds = pathIdKinds(operation.path);
  const [firstId, secondId] = ids.map((id) => id.toLowerCase());
  if (kinds.length === 0 || firstId === undefined) {
    return "found";
  }

  if (kinds[0] === "task") {
    return fixtures.taskOrganization.get(firstId) === caller.organizationId ? "found" : "absent";
  }
  const webhook = fixtures.webhooks.find((candidate) => candidate.id === firstId);
  if (webhook === undefined || webhook.organizationId !== caller.organizationId) {
    return "absent";
  }
  if (kinds.includes("delivery") && !webhook.deliveryIds.includes(secondId ?? "")) {
    return "absent";
  }
  return webhook.kept ? "found" : "found or deleted";
}
