import { z, type OpenAPIHono } from "@hono/zod-openapi";

import type { AppEnv } from "../env";
import { defineApiRoute } from "../http/define-route";
import { EXAMPLE_API_KEY_ID } from "../common/example-ids";
import { timestampSchema } from "../common/schemas";
import { toIsoTimestamp, toIsoTimestampOrNull } from "../common/timestamps";

export const MeSchema = z
  .object({
    organization: z
      .object({
        id: z.string().openapi({
          format: "uuid",
          description: "The workspace the key belongs to.",
          example: "018e9d8c-7b6a-7f5e-4d3c-2b1a0f9e8d7c",
        }),
        name: z.string().openapi({ description: "The workspace's name.", example: "Acme Demo" }),
      })
      .openapi({ description: "The workspace of the calling key." }),
    api_key: z
      .object({
        id: z.string().openapi({ format: "uuid", description: "The key's id.", example: EXAMPLE_API_KEY_ID }),
        name: z.string().openapi({ description: "The name given to the key.", example: "crm-sync-production" }),
        prefix: z.string().openapi({
          description: "The first characters of the key, to tell keys apart; the rest is never shown again.",
          example: "topo_xxxxxxx",
        }),
        scopes: z.array(z.string()).openapi({
          description: "The scopes the key carries, in resource:action form.",
          example: ["tasks:read", "tasks:write"],
        }),
        created_at: timestampSchema.openapi({
          description: "When the key was created.",
          example: "2025-01-06T09:00:00Z",
        }),
        expires_at: timestampSchema.nullable().openapi({
          description: "When the key stops working; null if it does not expire.",
          example: null,
        }),
      })
      .openapi({ description: "The calling key. The key's value is never returned." }),
  })
  .openapi("Me");

// The whole response, from the same values as the examples of its fields.
const ME_EXAMPLE = {
  organization: { id: "018e9d8c-7b6a-7f5e-4d3c-2b1a0f9e8d7c", name: "Acme Demo" },
  api_key: {
    id: EXAMPLE_API_KEY_ID,
    name: "crm-sync-production",
    prefix: "topo_xxxxxxx",
    scopes: ["tasks:read", "tasks:write"],
    created_at: "2025-01-06T09:00:00Z",
    expires_at: null,
  },
} satisfies z.input<typeof MeSchema>;

export const getMeRoute = defineApiRoute({
  method: "get",
  path: "/v1/me",
  operationId: "getMe",
  tags: ["Identity"],
  summary: "Get the calling key",
  description:
    "Confirms that the credentials work and shows which workspace the key belongs to and " +
    "which scopes it carries. The quick-start call of the API.",
  scope: null,
  errors: [],
  responses: {
    200: {
      description: "The calling key and its workspace.",
      content: { "application/json": { schema: MeSchema, example: ME_EXAMPLE } },
    },
  },
});

export function registerGetMe(app: OpenAPIHono<AppEnv>) {
  app.openapi(getMeRoute, (c) => {
    const caller = c.get("caller");

    return c.json(
      {
        organization: { id: caller.organizationId, name: caller.organizationName },
        api_key: {
          id: caller.apiKeyId,
          name: caller.apiKeyName,
          prefix: caller.apiKeyPrefix,
          scopes: [...caller.scopes],
          created_at: toIsoTimestamp(caller.createdAt),
          expires_at: toIsoTimestampOrNull(caller.expiresAt),
        },
      },
      200,
    );
  });
}
