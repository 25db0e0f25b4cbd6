import { z } from "@hono/zod-openapi";

// The family's page-and-size pagination, shared by every list operation.

export const MAX_PAGE = 1_000_000_000;
export const MAX_PAGE_SIZE = 100;

/** Builds the schema of a query parameter that takes a whole number in plain decimal digits. */
export function queryInteger(minimum: number, maximum: number, fallback: number) {
  return z
    .string()
    .regex(/^\d{1,15}$/, { error: `must be a whole number from ${minimum} to ${maximum}, in decimal digits` })
    .transform(Number)
    .pipe(z.int().min(minimum).max(maximum))
    .default(fallback);
}

export const pageQuerySchema = queryInteger(1, MAX_PAGE, 1).openapi({
  param: { name: "page", in: "query" },
  type: "integer",
  minimum: 1,
  maximum: MAX_PAGE,
  default: 1,
  description: "Page number, 1-indexed. A page past the end returns no items and the same totals.",
  example: 1,
});

/** Builds the `size` query parameter of a list of `items` (a plural noun, such as "tasks"). */
export function pageSizeQuerySchema(items: string) {
  return queryInteger(1, MAX_PAGE_SIZE, 10).openapi({
    param: { name: "size", in: "query" },
    type: "integer",
    minimum: 1,
    maximum: MAX_PAGE_SIZE,
    default: 10,
    description: `Number of ${items} per page, from 1 to ${MAX_PAGE_SIZE}.`,
    example: 10,
  });
}
