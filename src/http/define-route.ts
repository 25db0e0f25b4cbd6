import { createRoute, z, type RouteConfig } from "@hono/zod-openapi";

import { requireScope } from "../auth/require-scope";
import { idempotency } from "../idempotency/idempotency";
import type { Scope } from "../auth/scopes";
import { buildErrorBody, ErrorBodySchema } from "./error-body";
import { ChangeHeadersSchema } from "./request-headers";
import { ERROR_KINDS, type ErrorKind, type ErrorStatus } from "./errors";
import { CHANGE_RESPONSE_HEADERS, COMMON_RESPONSE_HEADERS, ERROR_RESPONSE_HEADERS } from "./response-headers";

export const SECURITY_SCHEME = "bearerAuth";

const EXAMPLE_REQUEST_ID = "01934f7a-1c2d-7e3f-8a4b-5c6d7e8f9a0b";

type ApiRouteConfig = Omit<RouteConfig, "security" | "middleware"> & {
  operationId: string;
  summary: string;
  /** The scope the key must carry, or null for an operation that any valid key may call. */
  scope: Scope | null;
  /** The errors the operation itself can return; see errorKindsOf for the ones added to all. */
  errors: readonly ErrorKind[];
};

function errorResponse(kind: ErrorKind) {
  const entry = ERROR_KINDS[kind];
  const { description, example } = entry;
  const exampleData = "exampleData" in entry ? { ...entry.exampleData } : undefined;
  return {
    description,
    headers: z.object({ ...COMMON_RESPONSE_HEADERS, ...ERROR_RESPONSE_HEADERS[kind] }),
    content: {
      "application/json": {
        schema: ErrorBodySchema,
        example: buildErrorBody(kind, example, EXAMPLE_REQUEST_ID, exampleData),
      },
    },
  };
}

/** Returns the headers that a response declares itself, as zod shapes. */
function shapeOf(response: unknown): Record<string, z.ZodType> {
  const headers = (response as { headers?: unknown }).headers;
  return headers instanceof z.ZodObject ? (headers.shape as Record<string, z.ZodType>) : {};
}

// Partial because each operation declares only the errors it can return.
type ErrorResponses = Partial<Record<ErrorStatus, ReturnType<typeof errorResponse>>>;

// Operations without query parameters still reject unknown ones, so a parameter that a
// client expects to matter (say ?dry_run=true on a write) fails instead of being ignored.
const NO_QUERY_PARAMETERS = z.strictObject({});

/** The errors that any operation can return, whatever it does. */
const COMMON_ERROR_KINDS: readonly ErrorKind[] = [
  "validation",
  "unauthorized",
  // A body over the size limit is refused even on a GET that sends one.
  "payloadTooLarge",
  "uriTooLong",
  "rateLimited",
  "internal",
];

/** Methods that change state, and so accept an Idempotency-Key. */
export const CHANGING_METHODS: ReadonlySet<string> = new Set(["POST", "PATCH"]);

/**
 * Lists the errors an operation can return: its own, those of every operation, and for a
 * change those of its Idempotency-Key (a 409 while the first request runs, a 422 when the
 * key was used for a different request).
 */
function errorKindsOf(changes: boolean, scope: Scope | null, errors: readonly ErrorKind[]): ErrorKind[] {
  const kinds = new Set<ErrorKind>([...errors, ...COMMON_ERROR_KINDS]);
  if (scope !== null) {
    kinds.add("forbidden");
  }
  if (changes) {
    kinds.add("conflict");
    kinds.add("business");
  }
  return [...kinds].sort((left, right) => ERROR_KINDS[left].status - ERROR_KINDS[right].status);
}

/**
 * Declares an operation of the API. The scope is written once here: it becomes the
 * operation's security requirement in the document and the middleware that enforces it.
 * The error responses come from the same table that the error handler sends from.
 */
export function defineApiRoute<const Config extends ApiRouteConfig>(config: Config) {
  const { scope, errors, ...route } = config;
  const changes = CHANGING_METHODS.has(route.method.toUpperCase());
  const kinds = errorKindsOf(changes, scope, errors);

  const scopeText = scope === null ? "Any valid API key may call this operation." : `Requires scope: \`${scope}\`.`;
  const errorText = kinds.map((kind) => `${ERROR_KINDS[kind].status} \`${ERROR_KINDS[kind].type}\``).join(", ");

  // Every success response gets the headers that every response carries, and a change's
  // success the replay marker, next to the headers the operation declares itself.
  const successResponses = Object.fromEntries(
    Object.entries(route.responses).map(([status, response]) => [
      status,
      {
        ...response,
        headers: z.object({
          ...COMMON_RESPONSE_HEADERS,
          ...(changes ? CHANGE_RESPONSE_HEADERS : {}),
          ...shapeOf(response),
        }),
      },
    ]),
  ) as typeof route.responses;

  const errorResponses = Object.fromEntries(
    kinds.map((kind) => [ERROR_KINDS[kind].status, errorResponse(kind)]),
  ) as ErrorResponses;

  return createRoute({
    ...route,
    // A change that declares no headers of its own still takes an Idempotency-Key, so the
    // document declares that header for it.
    request: {
      query: NO_QUERY_PARAMETERS,
      ...(changes ? { headers: ChangeHeadersSchema } : {}),
      ...route.request,
    },
    description: `${route.description ?? ""}\n\n${scopeText}\n\nErrors: ${errorText}.`.trim(),
    security: [{ [SECURITY_SCHEME]: scope === null ? [] : [scope] }],
    middleware: [...(scope === null ? [] : [requireScope(scope)]), ...(changes ? [idempotency] : [])],
    "x-required-scope": scope,
    responses: { ...successResponses, ...errorResponses },
  });
}
