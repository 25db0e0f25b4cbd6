import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { MAX_BODY_BYTES, MAX_QUERY_STRING_LENGTH } from "../../src/http/errors";
import { callApi } from "../helpers/api";
import { startReceiver } from "../helpers/webhook-receiver";
import { receiverUrl } from "../helpers/webhooks";
import {
  bodyAtSizeLimit,
  byteLength,
  hostileBody,
  invalidBody,
  validBody,
  type BodyKind,
  type GeneratedBody,
} from "./body-arbitraries";
import { describeExchange, sendConcurrently, sentRequestCount, type Exchange, type GeneratedRequest } from "./exchange";
import { createPropertyFixtures, type KeyFixture, type PropertyFixtures } from "./fixtures";
import {
  listOperations,
  operationsAtPath,
  type OpenApiDocument,
  type OpenApiParameter,
  type Operation,
} from "./openapi";
import { anyMethodPathIds, hostilePathIds, lookupOutcome, pathIdKinds, pathIdsForCaller } from "./path-ids";
import {
  acceptedAuthorization,
  anyAuthorization,
  arbitraryText,
  CONTENT_TYPES,
  edgeQueryValue,
  fillPath,
  HTTP_METHODS,
  invalidQueryValue,
  LYING_CONTENT_LENGTHS,
  longText,
  malformedUuidArbitrary,
  MALFORMED_QUERY_PIECES,
  methodAllowsBody,
  optionalHeaders,
  percentEncode,
  rejectedAuthorization,
  unknownParameterName,
  validFormats,
  type AuthorizationChoice,
} from "./request-arbitraries";
import { checkResponse, createCheckContext, type CheckContext } from "./response-checks";
import {
  arbitraryForSchema,
  flatParameterSchema,
  serializeQueryValue,
  type FormatArbitraries,
} from "./schema-arbitraries";

// Requests generated from the served OpenAPI document, sent through the worker's fetch
// handler against the local D1 database. Every response must keep the API's promises: no
// 5xx, the family's error body on every 4xx, and a body valid against the document on
// every 2xx. Where a request is built to get a known response, its status is checked too.
// Webhooks target the tests' loopback receiver, and a spy on fetch replaces it, so the test
// operation reaches no network at all.

// A fixed seed keeps CI repeatable. The shell's environment variables do not reach tests
// that run inside workerd, so trying another seed means editing this one. On a failure,
// fast-check prints the seed, the path and the shrunk counterexample. To replay it, pass
// the seed and path to fc.assert.
const SEED = 20_250_313;

// Requests go out in batches that run concurrently, which is faster than sending them one
// by one because the worker overlaps their D1 queries. Requests in a batch race as clients'
// requests do: the same task may be skipped and reopened within one batch. A failure names
// the request that failed, and fast-check then shrinks the batch around it.
const MAX_BATCH_SIZE = 6;

// Test timeout for each property, well above its usual run time, so that shrinking a
// failure has time to finish.
const PROPERTY_TIMEOUT_MS = 120_000;

interface Plan {
  request: GeneratedRequest;
  /** The operation the request was generated for, or the path for a request with any method. */
  operationId: string;
  /** What a single-fault request breaks. */
  fault?: string;
  /** The statuses the request must get, when the property can tell them. */
  expected?: number[];
}

let document: OpenApiDocument;
let operations: Operation[];
let context: CheckContext;
let fixtures: PropertyFixtures;
let formats: FormatArbitraries;
let receiver: ReturnType<typeof startReceiver>;
const sentByProperty: string[] = [];

beforeAll(async () => {
  const response = await callApi("/openapi.json");
  expect(response.status).toBe(200);
  document = response.body;
  operations = listOperations(document);
  fixtures = await createPropertyFixtures();
  context = createCheckContext(document, operations, fixtures);
  formats = validFormats(fixtures);
  receiver = startReceiver();
}, 60_000);

afterAll(() => {
  // Undefined when beforeAll failed before it started the receiver.
  receiver?.restore();
  console.log(
    `Property suite: ${sentRequestCount()} generated requests sent through the worker (${sentByProperty.join(", ")}).`,
  );
});

function hasScopes(key: KeyFixture, operation: Operation): boolean {
  return operation.requiredScopes.every((scope) => key.scopes.includes(scope));
}

function queryString(pieces: readonly string[]): string {
  return pieces.length === 0 ? "" : `?${pieces.join("&")}`;
}

function encodePairs(pairs: readonly [string, string][]): string[] {
  return pairs.map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`);
}

function buildHeaders(
  authorization: AuthorizationChoice,
  contentType: string | undefined,
  extra: Record<string, string> = {},
): Record<string, string> {
  const headers: Record<string, string> = { ...extra };
  if (authorization.header !== undefined) {
    headers.Authorization = authorization.header;
  }
  if (contentType !== undefined) {
    headers["Content-Type"] = contentType;
  }
  return headers;
}

// Valid requests name at most this many optional query parameters, because every filter
// narrows the list and several filters together almost always match no task at all.
const MAX_OPTIONAL_QUERY_PARAMETERS = 4;

/** Valid query parameters of an operation, as decoded name and value pairs. */
function validQueryPairs(operation: Operation, stringFormats: FormatArbitraries): fc.Arbitrary<[string, string][]> {
  const required = operation.queryParameters.filter((parameter) => parameter.required);
  const optional = operation.queryParameters.filter((parameter) => !parameter.required);

  return fc
    .subarray(optional, { maxLength: Math.min(optional.length, MAX_OPTIONAL_QUERY_PARAMETERS) })
    .chain((chosen) =>
      fc.tuple(
        ...[...required, ...chosen].map((parameter) =>
          arbitraryForSchema(parameter.schema, document, stringFormats).map((value) =>
            serializeQueryValue(parameter.name, value),
          ),
        ),
      ),
    )
    .map((pairs) => pairs.flat());
}

/** Path ids for an operation: rows of both workspaces and absent ones, valid UUIDs all. */
function validPathIds(operation: Operation): fc.Arbitrary<string[]> {
  return pathIdsForCaller(fixtures, operation, undefined);
}

// Idempotency-Key, If-Match and If-None-Match are valid on any request.
// expectedForValidRequest allows the statuses that they may add.
function conditionalHeaders(): fc.Arbitrary<Record<string, string>> {
  return fc.record(
    {
      "Idempotency-Key": fc.uuid(),
      "If-Match": fc.constantFrom('"abc"', "*"),
      "If-None-Match": fc.constantFrom('"abc"', "*"),
    },
    { requiredKeys: [] },
  );
}

// ---------------------------------------------------------------------------------------
// Valid requests

/** Returns the statuses that a request valid against the document may get, given its key and path ids. */
function expectedForValidRequest(request: GeneratedRequest, operation: Operation, ids: readonly string[]): number[] {
  const caller = request.caller;
  if (request.authentication === "rejected" || caller === undefined) {
    return [401, 429];
  }
  if (!hasScopes(caller, operation)) {
    return [403, 429];
  }

  const extra = [429];
  if ("If-Match" in request.headers || "If-None-Match" in request.headers) {
    extra.push(304, 412);
  }
  if ("Idempotency-Key" in request.headers) {
    extra.push(409, 422);
  }
  // A task or webhook of another workspace is a 404 exactly like one that does not exist.
  const lookup = lookupOutcome(fixtures, operation, ids, caller);
  if (lookup === "absent") {
    return [404, ...extra];
  }
  const answers = [...operation.responseSchemas.keys()].filter((status) => status < 300 || status === 422);
  return lookup === "found or deleted" ? [...answers, 404, ...extra] : [...answers, ...extra];
}

/** Mostly keys that may call the operation, so that most valid requests get past the scope check. */
function authorizationForValidRequest(operation: Operation): fc.Arbitrary<AuthorizationChoice> {
  const unpermitted = fixtures.usableKeys.filter((key) => !hasScopes(key, operation));
  const choices = [
    { weight: 8, arbitrary: acceptedAuthorization(permittedKeys(operation)) },
    { weight: 1, arbitrary: rejectedAuthorization(fixtures) },
  ];
  if (unpermitted.length > 0) {
    choices.push({ weight: 1, arbitrary: acceptedAuthorization(unpermitted) });
  }
  return fc.oneof(...choices);
}

function validRequest(operation: Operation): fc.Arbitrary<Plan> {
  return authorizationForValidRequest(operation)
    .chain((authorization) => {
      // Ids in the path and the body follow the caller, so that most requests reach a task, a
      // webhook and a user.
      const callerFormats = validFormats(fixtures, authorization.caller);
      return fc.record({
        ids: pathIdsForCaller(fixtures, operation, authorization.caller),
        query: validQueryPairs(operation, callerFormats),
        authorization: fc.constant(authorization),
        headers: conditionalHeaders(),
        contentType: fc.constantFrom("application/json", "application/json; charset=utf-8"),
        body:
          operation.bodySchema === undefined
            ? fc.constant(undefined)
            : validBody(operation.bodySchema, document, callerFormats),
      });
    })
    .map(({ ids, query, authorization, headers, contentType, body }) => {
      const request: GeneratedRequest = {
        method: operation.method,
        target: `${fillPath(operation.path, ids)}${queryString(encodePairs(query))}`,
        headers: buildHeaders(authorization, body === undefined ? undefined : contentType, headers),
        body: body?.body,
        authentication: authorization.authentication,
        caller: authorization.caller,
      };
      return {
        request,
        operationId: operation.operationId,
        expected: expectedForValidRequest(request, operation, ids),
      };
    });
}

// ---------------------------------------------------------------------------------------
// Single faults: a valid request with exactly one thing wrong

/** Returns the keys that may call an operation, so that a fault is the only reason to reject a request. */
function permittedKeys(operation: Operation): KeyFixture[] {
  return fixtures.usableKeys.filter((key) => hasScopes(key, operation));
}

interface Fault {
  /** What is wrong, for counterexamples. */
  name: string;
  status: number;
  /** Breaks a valid request, given the path ids it was built with. */
  apply: (request: GeneratedRequest, ids: readonly string[]) => fc.Arbitrary<GeneratedRequest>;
}

function withQueryPiece(request: GeneratedRequest, piece: string): GeneratedRequest {
  const separator = request.target.includes("?") ? "&" : "?";
  return { ...request, target: `${request.target}${separator}${piece}` };
}

/** Replaces every occurrence of a query parameter with the given wire-form pieces. */
function replaceQueryParameter(request: GeneratedRequest, name: string, pieces: readonly string[]): GeneratedRequest {
  const [path, query = ""] = request.target.split("?", 2);
  const otherPieces = query.split("&").filter((piece) => piece !== "" && piece.split("=")[0] !== percentEncode(name));
  return { ...request, target: `${path}${queryString([...otherPieces, ...pieces])}` };
}

function queryFaults(operation: Operation): Fault[] {
  const knownNames = operation.queryParameters.map((parameter) => parameter.name);
  const faults: Fault[] = [
    {
      name: "unknown query parameter",
      status: 400,
      apply: (request) =>
        fc
          .tuple(unknownParameterName(knownNames), arbitraryText())
          .map(([name, value]) => withQueryPiece(request, `${name}=${percentEncode(value)}`)),
    },
  ];

  for (const parameter of operation.queryParameters) {
    const schema = flatParameterSchema(parameter.schema, document);
    faults.push({
      name: `invalid ${parameter.name}`,
      status: 400,
      apply: (request) =>
        invalidQueryValue(schema).map((value) =>
          replaceQueryParameter(request, parameter.name, [`${parameter.name}=${percentEncode(value)}`]),
        ),
    });

    if (schema.type !== "array") {
      const value = arbitraryForSchema(schema, document, formats).map(String);
      faults.push({
        name: `repeated ${parameter.name}`,
        status: 400,
        apply: (request) =>
          fc
            .tuple(value, value)
            .map((values) =>
              replaceQueryParameter(request, parameter.name, encodePairs(values.map((item) => [parameter.name, item]))),
            ),
      });
    }

    // Only a parameter whose items have more distinct values than maxItems can exceed it.
    if (schema.type === "array" && schema.maxItems !== undefined && schema.items?.enum === undefined) {
      // Random UUIDs, because the fixtures have fewer distinct ids than the limit.
      const items = fc.uniqueArray(
        arbitraryForSchema(schema.items, document, { ...formats, uuid: fc.uuid() }).map(String),
        {
          minLength: schema.maxItems + 1,
          maxLength: schema.maxItems + 5,
          selector: (item) => item.toLowerCase(),
        },
      );
      faults.push({
        name: `too many ${parameter.name}`,
        status: 400,
        apply: (request) =>
          items.map((values) =>
            replaceQueryParameter(request, parameter.name, encodePairs(values.map((item) => [parameter.name, item]))),
          ),
      });
    }
  }
  return faults;
}

/** Ids that are no UUID once decoded and that keep the path's shape: no empty or dot segments. */
function malformedPathId(): fc.Arbitrary<string> {
  return fc
    .oneof(
      malformedUuidArbitrary(fixtures),
      arbitraryText().filter((text) => text !== "" && text !== "." && text !== ".."),
    )
    .map(percentEncode);
}

function pathFaults(operation: Operation): Fault[] {
  if (operation.pathParameters.length === 0) {
    return [];
  }
  // One id is malformed and any others stay valid, so the malformed one is the only fault.
  return [
    {
      name: "malformed path id",
      status: 400,
      apply: (request, ids) =>
        fc.tuple(malformedPathId(), fc.nat({ max: ids.length - 1 })).map(([id, index]) => {
          const [, query = ""] = request.target.split("?", 2);
          const faultyIds = ids.map((valid, position) => (position === index ? id : valid));
          return { ...request, target: `${fillPath(operation.path, faultyIds)}${query === "" ? "" : `?${query}`}` };
        }),
    },
  ];
}

const STATUS_OF_BODY_KIND: Partial<Record<BodyKind, number>> = { invalid: 400, malformed: 400, oversized: 413 };

function bodyFaults(operation: Operation): Fault[] {
  const faults: Fault[] = [];
  const withBody = (request: GeneratedRequest, body: GeneratedBody): GeneratedRequest => ({
    ...request,
    headers: { ...request.headers, "Content-Type": "application/json" },
    body: body.body,
  });

  if (operation.bodySchema !== undefined) {
    const schema = operation.bodySchema;
    faults.push({
      name: "invalid body",
      status: 400,
      apply: (request) => invalidBody(schema, document, formats).map((body) => withBody(request, body)),
    });
    for (const kind of ["malformed", "invalid", "oversized"] as const) {
      faults.push({
        name: `${kind} body`,
        status: STATUS_OF_BODY_KIND[kind]!,
        apply: (request) =>
          fc
            .oneof(hostileBody(schema, document, formats), bodyAtSizeLimit(schema, document, formats))
            .filter((body) => body.kind === kind)
            .map((body) => withBody(request, body)),
      });
    }
  } else if (methodAllowsBody(operation.method)) {
    // Operations without a body schema ignore a body, but not one over the size limit.
    faults.push({
      name: "oversized body",
      status: 413,
      apply: (request) =>
        longText()
          .map((text) => text.repeat(3))
          .filter((text) => byteLength(text) > MAX_BODY_BYTES)
          .map((text) => ({ ...request, body: text })),
    });
  }
  return faults;
}

function authorizationFaults(operation: Operation): Fault[] {
  const replaceAuthorization = (request: GeneratedRequest, choice: AuthorizationChoice): GeneratedRequest => {
    const { Authorization: _previous, ...headers } = request.headers;
    return {
      ...request,
      headers: choice.header === undefined ? headers : { ...headers, Authorization: choice.header },
      authentication: choice.authentication,
      caller: choice.caller,
    };
  };
  const faults: Fault[] = [
    {
      name: "rejected key",
      status: 401,
      apply: (request) => rejectedAuthorization(fixtures).map((choice) => replaceAuthorization(request, choice)),
    },
  ];

  const unpermitted = fixtures.usableKeys.filter((key) => !hasScopes(key, operation));
  if (unpermitted.length > 0) {
    faults.push({
      name: "key without the scope",
      status: 403,
      apply: (request) => acceptedAuthorization(unpermitted).map((choice) => replaceAuthorization(request, choice)),
    });
  }
  return faults;
}

function faultyRequest(operation: Operation): fc.Arbitrary<Plan> {
  const faults = [
    ...queryFaults(operation),
    ...pathFaults(operation),
    ...bodyFaults(operation),
    ...authorizationFaults(operation),
  ];
  const base = fc
    .record({
      ids: validPathIds(operation),
      query: validQueryPairs(operation, formats),
      authorization: acceptedAuthorization(permittedKeys(operation)),
      body:
        operation.bodySchema === undefined
          ? fc.constant(undefined)
          : validBody(operation.bodySchema, document, formats),
    })
    .map(({ ids, query, authorization, body }) => ({
      ids,
      request: {
        method: operation.method,
        target: `${fillPath(operation.path, ids)}${queryString(encodePairs(query))}`,
        headers: buildHeaders(authorization, body === undefined ? undefined : "application/json"),
        body: body?.body,
        authentication: authorization.authentication,
        caller: authorization.caller,
      } satisfies GeneratedRequest,
    }));

  return fc.tuple(base, fc.constantFrom(...faults)).chain(([{ ids, request }, fault]) =>
    fault.apply(request, ids).map((faulty) => ({
      request: faulty,
      operationId: operation.operationId,
      fault: fault.name,
      expected: [fault.status, 429],
    })),
  );
}

// ---------------------------------------------------------------------------------------
// Hostile requests: every part may be broken at once

function hostileQueryPiece(operation: Operation): fc.Arbitrary<string> {
  const known = operation.queryParameters;
  const knownNames = known.map((parameter) => parameter.name);
  const pieces: fc.Arbitrary<string>[] = [
    fc.constantFrom(...MALFORMED_QUERY_PIECES),
    fc
      .tuple(unknownParameterName(knownNames), arbitraryText())
      .map(([name, value]) => `${name}=${percentEncode(value)}`),
    unknownParameterName(knownNames),
    longText().map((text) => `q=${percentEncode(text)}`),
  ];
  if (known.length > 0) {
    const parameter = fc.constantFrom(...known);
    const piece = (
      arbitrary: (schema: Record<string, any>, parameter: OpenApiParameter) => fc.Arbitrary<string> | undefined,
    ) =>
      parameter.chain((chosen) => {
        const schema = flatParameterSchema(chosen.schema, document);
        return (arbitrary(schema, chosen) ?? fc.constant("")).map((value) => `${chosen.name}=${percentEncode(value)}`);
      });
    pieces.push(
      piece((schema) =>
        arbitraryForSchema(schema.type === "array" ? schema.items : schema, document, formats).map(String),
      ),
      piece((schema) => invalidQueryValue(schema)),
      piece((schema) => edgeQueryValue(schema.type === "array" ? schema.items : schema)),
      piece(() => longText()),
      // A name without "=", which some parsers read as an empty value and others as true.
      parameter.map((chosen) => chosen.name),
    );
  }
  return fc.oneof(...pieces);
}

function hostileQuery(operation: Operation): fc.Arbitrary<string> {
  return fc
    .tuple(fc.array(hostileQueryPiece(operation), { maxLength: 6 }), fc.constantFrom("&", "&", "&", ";", "&&"))
    .map(([pieces, separator]) => (pieces.length === 0 ? "" : `?${pieces.join(separator)}`));
}

function hostileBodyFor(operation: Operation): fc.Arbitrary<GeneratedBody | undefined> {
  const schema = operation.bodySchema;
  const bodies: fc.Arbitrary<GeneratedBody>[] = [hostileBody(schema, document, formats)];
  if (schema !== undefined) {
    bodies.push(
      validBody(schema, document, formats),
      invalidBody(schema, document, formats),
      bodyAtSizeLimit(schema, document, formats),
    );
  }
  return fc.option(fc.oneof(...bodies), { nil: undefined, freq: 3 });
}

function hostileRequest(operation: Operation): fc.Arbitrary<Plan> {
  return fc
    .record({
      method: fc.oneof(
        { weight: 8, arbitrary: fc.constant(operation.method) },
        { weight: 1, arbitrary: fc.constantFrom(...HTTP_METHODS) },
      ),
      ids: hostilePathIds(fixtures, operation.path),
      query: hostileQuery(operation),
      authorization: anyAuthorization(fixtures),
      contentType: fc.constantFrom(...CONTENT_TYPES),
      headers: optionalHeaders(),
      contentLength: fc.option(fc.constantFrom(...LYING_CONTENT_LENGTHS), { nil: undefined, freq: 8 }),
      body: hostileBodyFor(operation),
    })
    .map(({ method, ids, query, authorization, contentType, headers, contentLength, body }) => {
      const sendsBody = body !== undefined && methodAllowsBody(method);
      const extra =
        sendsBody && contentLength !== undefined ? { ...headers, "Content-Length": contentLength } : headers;
      const request: GeneratedRequest = {
        method,
        target: `${fillPath(operation.path, ids)}${query}`,
        headers: buildHeaders(authorization, contentType, extra),
        body: sendsBody ? body.body : undefined,
        authentication: authorization.authentication,
        caller: authorization.caller,
      };
      return { request, operationId: operation.operationId };
    });
}

/** Returns the length of a request target's query string as the worker sees it, without its "?". */
function queryLengthOf(target: string): number {
  const { search } = new URL(`http://localhost${target}`);
  return Math.max(search.length - 1, 0);
}

/**
 * Returns the statuses that follow from the order of the middleware alone. A query string
 * over the limit is a 414 before anything else. Under /v1, a rejected key is then a 401
 * whatever else is wrong. An accepted key with a body over the limit, by its bytes or by
 * its Content-Length, gets a 413.
 */
function expectedFromMiddleware(exchange: Exchange): number[] | undefined {
  const { request } = exchange;
  if (queryLengthOf(request.target) > MAX_QUERY_STRING_LENGTH) {
    return [414];
  }
  if (!exchange.pathname.startsWith("/v1/")) {
    return undefined;
  }
  if (request.authentication === "rejected") {
    return [401, 429];
  }
  const declaredLength = Number(request.headers["Content-Length"] ?? 0);
  const oversized =
    request.body !== undefined && (byteLength(request.body) > MAX_BODY_BYTES || declaredLength > MAX_BODY_BYTES);
  if (request.authentication === "accepted" && oversized) {
    return [413, 429];
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------
// Any method on a documented path

function anyMethodRequest(): fc.Arbitrary<Plan> {
  const paths = [...new Set(operations.map((operation) => operation.path))];
  const pathWithIds = fc
    .constantFrom(...paths)
    .chain((path) => anyMethodPathIds(fixtures, path).map((ids) => ({ path, ids })));
  return fc
    .record({
      path: pathWithIds,
      method: fc.constantFrom(...HTTP_METHODS),
      authorization: fc.oneof(
        { weight: 6, arbitrary: acceptedAuthorization(fixtures.usableKeys) },
        { weight: 1, arbitrary: rejectedAuthorization(fixtures) },
      ),
      body: fc.option(fc.constantFrom('{"assignee_user_id":"00000000-0000-0000-0000-000000000000"}', "{}", "x"), {
        nil: undefined,
      }),
    })
    .map(({ path: { path, ids }, method, authorization, body }) => {
      const sendsBody = body !== undefined && methodAllowsBody(method);
      const request: GeneratedRequest = {
        method,
        target: fillPath(path, ids),
        headers: buildHeaders(authorization, sendsBody ? "application/json" : undefined),
        body: sendsBody ? body : undefined,
        authentication: authorization.authentication,
        caller: authorization.caller,
      };
      return { request, operationId: `any method on ${path}`, expected: expectedForMethod(request) };
    });
}

// The Fetch standard upper-cases these methods whatever their case. Other methods keep theirs.
const NORMALIZED_METHODS = ["DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"];

/**
 * The statuses for a method on a documented path: a 405 when the path does not take the
 * method, else the operation's success status or an error other than a 405. Undefined when
 * the method's letter case leaves it open whether the method is one the path takes.
 */
function expectedForMethod(request: GeneratedRequest): number[] | undefined {
  if (request.authentication === "rejected") {
    return [401, 429];
  }
  const upper = request.method.toUpperCase();
  const pathname = new URL(`http://localhost${request.target}`).pathname;
  const atPath = operationsAtPath(operations, pathname);
  // HEAD runs the GET operation.
  const operation = atPath.find((candidate) => candidate.method === (upper === "HEAD" ? "GET" : upper));
  if (operation === undefined) {
    return [405, 429];
  }
  if (request.method !== upper && !NORMALIZED_METHODS.includes(upper)) {
    return undefined;
  }
  const successes = [...operation.responseSchemas.keys()].filter((status) => status < 300);
  // A PATCH without a body may be rejected as not JSON (415) or as invalid (400).
  return [...successes, 400, 403, 404, 415, 422, 429];
}

// ---------------------------------------------------------------------------------------
// Running the properties

function checkPlan(plan: Plan, exchange: Exchange): void {
  checkResponse(context, exchange);
  const expected = plan.expected ?? expectedFromMiddleware(exchange);
  if (expected !== undefined) {
    expect(expected, `Expected one of ${expected.join(", ")}.\n${describeExchange(exchange)}`).toContain(
      exchange.status,
    );
  }
}

/** Runs a property over batches of plans, each batch sent concurrently, and records how many requests it sent. */
async function assertBatches(name: string, plan: fc.Arbitrary<Plan>, numRuns: number): Promise<void> {
  const before = sentRequestCount();
  const batches = fc.array(plan, { minLength: 1, maxLength: MAX_BATCH_SIZE });

  await fc.assert(
    fc.asyncProperty(batches, async (plans) => {
      const exchanges = await sendConcurrently(plans.map((candidate) => candidate.request));
      exchanges.forEach((exchange, index) => checkPlan(plans[index]!, exchange));
    }),
    { seed: SEED, numRuns },
  );
  sentByProperty.push(`${name} ${sentRequestCount() - before}`);
}

function perOperation(build: (operation: Operation) => fc.Arbitrary<Plan>): fc.Arbitrary<Plan> {
  return fc.oneof(...operations.map(build));
}

describe("requests generated from the OpenAPI document", () => {
  it("covers every operation of the document", () => {
    expect(operations.map((operation) => operation.operationId).sort()).toEqual([
      "applyBulkTaskAction",
      "completeTask",
      "createWebhook",
      "deleteWebhook",
      "getMe",
      "getTask",
      "getWebhook",
      "listTaskEvents",
      "listTaskMessages",
      "listTasks",
      "listWebhookDeliveries",
      "listWebhooks",
      "reassignTask",
      "redeliverWebhookDelivery",
      "reopenTask",
      "rotateWebhookSecret",
      "skipTask",
      "startTask",
      "testWebhook",
      "updateWebhook",
    ]);
  });

  it("knows the kind of row every path id names", () => {
    const kinds = Object.fromEntries(
      operations.map((operation) => [operation.operationId, pathIdKinds(operation.path)]),
    );

    expect(kinds.getTask).toEqual(["task"]);
    expect(kinds.listTasks).toEqual([]);
    expect(kinds.getWebhook).toEqual(["webhook"]);
    expect(kinds.redeliverWebhookDelivery).toEqual(["webhook", "delivery"]);
    for (const operation of operations) {
      expect(kinds[operation.operationId], operation.operationId).toHaveLength(operation.pathParameters.length);
    }
  });

  it(
    "returns documented statuses for valid requests",
    async () => {
      await assertBatches("valid", perOperation(validRequest), 480);
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    "returns errors for single faults",
    async () => {
      await assertBatches("single fault", perOperation(faultyRequest), 420);
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    "returns no 5xx to hostile requests",
    async () => {
      await assertBatches("hostile", perOperation(hostileRequest), 600);
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    "returns 405 only for undeclared methods",
    async () => {
      await assertBatches("any method", anyMethodRequest(), 180);
    },
    PROPERTY_TIMEOUT_MS,
  );

  it("sends webhooks to the loopback receiver only", () => {
    // Runs after the properties, which test webhooks on the way.
    expect(receiver.blocked).toEqual([]);
    expect(receiver.received.length).toBeGreaterThan(0);
    for (const request of receiver.received) {
      expect(request.url.startsWith(receiverUrl("/")), request.url).toBe(true);
    }
  });
});
