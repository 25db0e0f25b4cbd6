// The error model of the whole API. Every error response is built from this table, and so
// is every error response that the OpenAPI document declares, so the two cannot drift.

/** The largest request body the API reads, in bytes. */
export const MAX_BODY_BYTES = 16_384;

/**
 * The maximum length of a query string, in characters after the "?". The longest useful
 * list query, with every filter given and each repeatable one at its limit, is about 3,500
 * characters, so this leaves room for percent-encoding.
 */
export const MAX_QUERY_STRING_LENGTH = 8_192;

export const ERROR_KINDS = {
  validation: {
    status: 400,
    type: "ValidationIssue",
    description: "The path, query parameters or body failed validation.",
    example: "Query parameter size must be at most 100.",
  },
  unauthorized: {
    status: 401,
    type: "UnauthorizedIssue",
    description: "The Authorization header is missing or malformed, or the API key is unknown, revoked or expired.",
    example: "The API key is not valid.",
  },
  forbidden: {
    status: 403,
    type: "UnauthorizedIssue",
    description: "The API key is valid but lacks the scope that the operation requires.",
    example: "This API key lacks the tasks:write scope.",
  },
  notFound: {
    status: 404,
    type: "NotFoundIssue",
    description: "The resource does not exist or belongs to another workspace.",
    example: "Task 019e5f6a-7b8c-9d01-2e3f-4a5b6c7d8e9f was not found.",
  },
  methodNotAllowed: {
    status: 405,
    type: "MethodNotAllowedIssue",
    description: "The path exists but does not accept this HTTP method. The Allow header lists the methods it accepts.",
    example: "DELETE is not allowed on /v1/tasks/{id}; allowed methods: GET, HEAD.",
  },
  conflict: {
    status: 409,
    type: "CommitIssue",
    description:
      "A request with the same Idempotency-Key is still running. Retry after it has finished to get its response.",
    example: "A request with Idempotency-Key sync-2025-03-13 is still running. Retry it in a second.",
  },
  preconditionFailed: {
    status: 412,
    type: "PreconditionFailedIssue",
    description:
      "The task changed since the ETag in If-Match was read, so nothing was written. Fetch the task again and decide anew.",
    example: 'Task 019e5f6a-7b8c-9d01-2e3f-4a5b6c7d8e9f is at ETag "v4", not one that If-Match names.',
  },
  payloadTooLarge: {
    status: 413,
    type: "PayloadTooLargeIssue",
    description: `The request body is larger than the API accepts (${MAX_BODY_BYTES} bytes).`,
    example: `The request body is larger than ${MAX_BODY_BYTES} bytes.`,
  },
  uriTooLong: {
    status: 414,
    type: "UriTooLongIssue",
    description: `The query string is longer than the API accepts (${MAX_QUERY_STRING_LENGTH} characters).`,
    example: `The query string is longer than ${MAX_QUERY_STRING_LENGTH} characters.`,
  },
  gone: {
    status: 410,
    type: "GoneIssue",
    description:
      "What the request asks for is no longer kept. For the task event log: events after the " +
      "given after_sequence_number were deleted by retention, so resuming from there would skip " +
      "them. data.pruned_through_sequence_number is the highest event number deleted.",
    example: "Task events up to sequence number 1200 were deleted by retention; after_sequence_number 1150 is too old.",
    exampleData: { pruned_through_sequence_number: 1200 },
  },
  unsupportedMediaType: {
    status: 415,
    type: "UnsupportedMediaTypeIssue",
    description: "The request body is not JSON. Send it with Content-Type: application/json.",
    example: "The request body must be sent with Content-Type: application/json.",
  },
  business: {
    status: 422,
    type: "BusinessIssue",
    description: "The business rules do not allow the operation in the resource's current state.",
    example:
      "Task 019e5f6a-7b8c-9d01-2e3f-4a5b6c7d8e9f is COMPLETED; only PENDING or IN_PROGRESS tasks can be skipped.",
  },
  rateLimited: {
    status: 429,
    type: "RateLimitIssue",
    description:
      "The API key has used up its request budget for the current period. Retry after the number of seconds in Retry-After.",
    example: "This API key made more than 300 write requests in 60 seconds.",
  },
  internal: {
    status: 500,
    type: "InternalIssue",
    description: "An unexpected error. It is logged with the request id; the response carries no detail.",
    example: "An unexpected error occurred. Quote the request id when you contact support.",
  },
} as const;

export type ErrorKind = keyof typeof ERROR_KINDS;
export type ErrorStatus = (typeof ERROR_KINDS)[ErrorKind]["status"];
export type ErrorType = (typeof ERROR_KINDS)[ErrorKind]["type"];

export const ERROR_TYPES = [...new Set(Object.values(ERROR_KINDS).map((kind) => kind.type))] as ErrorType[];

/** An error that the API returns to the client as is, in the family's error body. */
export class ApiError extends Error {
  readonly kind: ErrorKind;
  readonly data: Record<string, unknown> | undefined;
  readonly headers: Record<string, string>;

  constructor(
    kind: ErrorKind,
    message: string,
    options: { data?: Record<string, unknown>; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = "ApiError";
    this.kind = kind;
    this.data = options.data;
    this.headers = options.headers ?? {};
  }

  get status(): ErrorStatus {
    return ERROR_KINDS[this.kind].status;
  }
}
