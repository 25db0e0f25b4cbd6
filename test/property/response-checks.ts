import { expect } from "vitest";

import { ERROR_KINDS, ERROR_TYPES } from "../../src/http/errors";
import { REPLAYED_HEADER } from "../../src/idempotency/idempotency";
import { describeExchange, type Exchange } from "./exchange";
import type { PropertyFixtures } from "./fixtures";
import { createSchemaChecker, operationsAtPath, type OpenApiDocument, type Operation } from "./openapi";
import { checkSuccessSemantics } from "./success-checks";

// Any operation may start to return these: 429 for a rate limit, and 304 and 412 for the
// conditional requests that If-None-Match and If-Match headers make.
const STATUSES_ANY_OPERATION_MAY_RETURN = [304, 412, 429];

/** What every check reads: the document, what is derived from it once, and the fixtures. */
export interface CheckContext {
  document: OpenApiDocument;
  operations: Operation[];
  validationErrors: ReturnType<typeof createSchemaChecker>;
  fixtures: PropertyFixtures;
}

export function createCheckContext(
  document: OpenApiDocument,
  operations: Operation[],
  fixtures: PropertyFixtures,
): CheckContext {
  return { document, operations, validationErrors: createSchemaChecker(document), fixtures };
}

/** Finds the documented operation that a request reached. HEAD runs the GET operation. */
export function operationOf(context: CheckContext, exchange: Exchange): Operation | undefined {
  const method = exchange.request.method.toUpperCase() === "HEAD" ? "GET" : exchange.request.method.toUpperCase();
  return operationsAtPath(context.operations, exchange.pathname).find((operation) => operation.method === method);
}

function parseJson(exchange: Exchange): unknown {
  try {
    return JSON.parse(exchange.text);
  } catch {
    throw new Error(`The response body is not JSON.\n${describeExchange(exchange)}`);
  }
}

function hasBody(exchange: Exchange): boolean {
  return exchange.request.method.toUpperCase() !== "HEAD" && exchange.status !== 204 && exchange.status !== 304;
}

function checkErrorBody(context: CheckContext, exchange: Exchange, body: any): void {
  const description = describeExchange(exchange);
  const requestId = exchange.headers.get("X-Request-Id");

  expect(body, description).toBeTypeOf("object");
  expect(body.status_code, description).toBe(exchange.status);
  expect(ERROR_TYPES, description).toContain(body.type);
  expect(body.message, description).toBeTypeOf("string");
  // A replayed response keeps the body of the first request, request_id included, while
  // X-Request-Id names the retry.
  if (exchange.headers.get(REPLAYED_HEADER) === "true") {
    expect(body.request_id, description).toBeTypeOf("string");
  } else {
    expect(body.request_id, description).toBe(requestId);
  }

  // A status from the error table carries that status's type, so a 404 is never a ValidationIssue.
  const typesOfStatus = Object.values(ERROR_KINDS)
    .filter((kind) => kind.status === exchange.status)
    .map((kind) => kind.type as string);
  if (typesOfStatus.length > 0) {
    expect(typesOfStatus, description).toContain(body.type);
  }

  const errorSchema = context.document.components.schemas.Error;
  if (errorSchema !== undefined) {
    expect(context.validationErrors(errorSchema, body), description).toEqual([]);
  }
}

function checkSuccessBody(context: CheckContext, exchange: Exchange, body: unknown): void {
  const description = describeExchange(exchange);
  const operation = operationOf(context, exchange);

  // Dot segments can resolve a generated path to /openapi.json or /docs, which are not
  // operations of the document and have no schema to check against.
  if (!exchange.pathname.startsWith("/v1/")) {
    return;
  }
  expect(
    operation,
    `A success came from a path and method that the document does not declare.\n${description}`,
  ).toBeDefined();

  const schema = operation!.responseSchemas.get(exchange.status);
  expect(
    schema,
    `The document declares no JSON schema for ${exchange.status} of ${operation!.operationId}.\n${description}`,
  ).toBeDefined();
  expect(context.validationErrors(schema!, body), description).toEqual([]);
  checkSuccessSemantics(exchange, operation!.operationId, body, context.fixtures);
}

/**
 * Checks what must hold for every response: no 5xx, a request id, the error body on every
 * 4xx, a body valid against the document on every 2xx and consistent with the request,
 * and no body on HEAD, 204 or 304. Under /v1, the status must be one that the document
 * declares for the operation, or one that any operation may start to return.
 */
export function checkResponse(context: CheckContext, exchange: Exchange): void {
  const description = describeExchange(exchange);
  const requestId = exchange.headers.get("X-Request-Id");

  expect(exchange.status, description).toBeLessThan(500);
  expect(requestId, `The response has no X-Request-Id header.\n${description}`).toBeTruthy();

  if (!hasBody(exchange)) {
    expect(exchange.text, `A HEAD, 204 or 304 response has a body.\n${description}`).toBe("");
  }

  const operation = exchange.pathname.startsWith("/v1/") ? operationOf(context, exchange) : undefined;
  if (operation !== undefined && !STATUSES_ANY_OPERATION_MAY_RETURN.includes(exchange.status)) {
    expect(
      [...operation.responseSchemas.keys()],
      `${operation.operationId} does not declare status ${exchange.status}.\n${description}`,
    ).toContain(exchange.status);
  }

  if (exchange.status === 405) {
    const allow = exchange.headers.get("Allow") ?? "";
    expect(allow, `A 405 has no Allow header.\n${description}`).not.toBe("");
    expect(allow.split(", "), `The Allow header lists the method that was rejected.\n${description}`).not.toContain(
      exchange.request.method.toUpperCase(),
    );
  }
  if (exchange.status === 401) {
    expect(exchange.headers.get("WWW-Authenticate") ?? "", description).toMatch(/^Bearer realm="topo"/);
  }

  if (!hasBody(exchange)) {
    return;
  }
  const isJson = exchange.headers.get("Content-Type")?.startsWith("application/json") ?? false;
  if (exchange.status >= 400) {
    expect(isJson, `An error response is not JSON.\n${description}`).toBe(true);
    checkErrorBody(context, exchange, parseJson(exchange));
  } else if (exchange.status >= 200 && exchange.status < 300 && exchange.pathname.startsWith("/v1/")) {
    expect(isJson, `A success response is not JSON.\n${description}`).toBe(true);
    checkSuccessBody(context, exchange, parseJson(exchange));
  }
}
