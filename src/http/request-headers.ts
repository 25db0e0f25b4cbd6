import { z } from "@hono/zod-openapi";

import { MAX_ENTITY_TAGS, parseEntityTagCondition } from "./entity-tags";

// The optional request headers that operations declare. The header validator matches
// these names without regard to case, as HTTP does.

export const IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

export const IdempotencyKeySchema = z
  .string()
  .min(1)
  .max(MAX_IDEMPOTENCY_KEY_LENGTH)
  .regex(/^[\x21-\x7e]+$/, { error: "must contain only visible ASCII characters" });

const ENTITY_TAG_ERRORS = {
  malformed: 'must be * or a comma-separated list of quoted entity tags, such as "v3"',
  tooMany: `must list at most ${MAX_ENTITY_TAGS} entity tags`,
} as const;

function entityTagHeader() {
  return z
    .string()
    .transform((value, context) => {
      const parsed = parseEntityTagCondition(value);
      if (!parsed.ok) {
        context.issues.push({ code: "custom", message: ENTITY_TAG_ERRORS[parsed.reason], input: value });
        return z.NEVER;
      }
      return parsed.condition;
    })
    .optional()
    .openapi({ type: "string", example: '"v3"' });
}

const idempotencyKeyParameter = IdempotencyKeySchema.optional().openapi({
  description:
    "Makes the request safe to retry. A retry with the same key and the same method, path, " +
    "query, If-Match and body within 24 hours gets the first response again, marked with " +
    "Idempotent-Replayed: true, and changes nothing. The same key with a different request " +
    "is a 422; a retry while the first request is still running is a 409. Keys belong to " +
    "the API key that sent them.",
  example: "9f1c2e4a-sync-run-2025-03-13",
});

/** The headers of any operation that changes something. */
export const ChangeHeadersSchema = z.object({ [IDEMPOTENCY_KEY_HEADER]: idempotencyKeyParameter });

/** The headers of an operation that changes a task. */
export const TaskChangeHeadersSchema = ChangeHeadersSchema.extend({
  "If-Match": entityTagHeader().openapi({
    description:
      "Applies the change only if the task's current ETag is one of these. When the task " +
      "changed since, the answer is 412 and nothing is written.",
  }),
});

/** The headers of an operation that reads a task. */
export const TaskReadHeadersSchema = z.object({
  "If-None-Match": entityTagHeader().openapi({
    description: "Returns 304 Not Modified, without a body, when the task's current ETag is one of these.",
  }),
});
