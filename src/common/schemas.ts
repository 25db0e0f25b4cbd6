import { z } from "@hono/zod-openapi";

import { UUID_PATTERN } from "./ids";
import { parseIsoInstant } from "./timestamps";

/** Builds the schema of a UUID-shaped id: any letter case in, lower case out, as ids are stored. */
export function uuidSchema(example: string) {
  return z
    .string()
    .regex(UUID_PATTERN, { error: "must be a UUID, such as 019e5f6a-7b8c-9d01-2e3f-4a5b6c7d8e9f" })
    .transform((value) => value.toLowerCase())
    .openapi({ type: "string", format: "uuid", example });
}

/**
 * An instant in ISO 8601 with an offset, such as 2025-03-13T07:00:00Z, parsed into its
 * millisecond bounds.
 */
export const isoDateTimeQuerySchema = z
  .string()
  .transform((value, context) => {
    const bounds = parseIsoInstant(value);
    if (bounds === undefined) {
      // A + sent unencoded in a URL arrives as a space, which leaves the offset unsigned.
      const hint = /\d \d{2}(:?\d{2})?$/.test(value) ? " (send the + of an offset as %2B in a URL)" : "";
      context.addIssue({
        code: "custom",
        message: `must be an ISO 8601 date-time with Z or a numeric offset, such as 2025-03-13T07:00:00Z or 2025-03-13T08:00:00+01:00${hint}`,
      });
      return z.NEVER;
    }
    return bounds;
  })
  .openapi({ type: "string", format: "date-time", example: "2025-03-13T07:00:00Z" });

export const timestampSchema = z.string().openapi({ format: "date-time", example: "2025-03-13T07:00:00Z" });
