import { z } from "@hono/zod-openapi";

import { ERROR_KINDS, ERROR_TYPES, type ApiError, type ErrorKind } from "./errors";

export const ErrorBodySchema = z
  .object({
    status_code: z.int().openapi({ description: "The HTTP status of the response.", example: 422 }),
    type: z.enum(ERROR_TYPES).openapi({
      description: "Stable error category. The values are frozen within /v1; new ones may be added.",
      example: "BusinessIssue",
    }),
    message: z.string().openapi({
      description: "A human-readable explanation. Clients must not parse it.",
      example: ERROR_KINDS.business.example,
    }),
    data: z
      .record(z.string(), z.unknown())
      .optional()
      .openapi({
        description: "Structured detail, such as the parameters that failed validation or the task's current status.",
        example: { current_status: "COMPLETED", allowed_statuses: ["PENDING", "IN_PROGRESS"] },
      }),
    request_id: z.string().openapi({
      description: "The id of the request, also sent in the X-Request-Id header. Quote it to support.",
      example: "01934f7a-1c2d-7e3f-8a4b-5c6d7e8f9a0b",
    }),
  })
  .openapi("Error");

export type ErrorBody = z.infer<typeof ErrorBodySchema>;

export function buildErrorBody(
  kind: ErrorKind,
  message: string,
  requestId: string,
  data?: Record<string, unknown>,
): ErrorBody {
  const { status, type } = ERROR_KINDS[kind];
  return data === undefined
    ? { status_code: status, type, message, request_id: requestId }
    : { status_code: status, type, message, data, request_id: requestId };
}

export function errorBodyOf(error: ApiError, requestId: string): ErrorBody {
  return buildErrorBody(error.kind, error.message, requestId, error.data);
}
