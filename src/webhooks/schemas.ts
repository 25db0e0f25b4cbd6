import { z } from "@hono/zod-openapi";

import { EXAMPLE_TEMPLATE_ID } from "../common/example-ids";
import { TASK_EVENT_TYPES, WEBHOOK_DELIVERY_STATUSES, WEBHOOK_STATUSES } from "../common/enums";
import { timestampSchema, uuidSchema } from "../common/schemas";
import { pageQuerySchema, pageSizeQuerySchema } from "../common/pagination";
import { MAX_TEMPLATE_IDS } from "../tasks/schemas";
import {
  CREATED_WEBHOOK_EXAMPLE,
  DELIVERY_EXAMPLE,
  EXAMPLE_DELIVERY_ID,
  EXAMPLE_EVENT_ID,
  EXAMPLE_SECRET,
  EXAMPLE_WEBHOOK_ID,
  WEBHOOK_EXAMPLE,
} from "./examples";
import { MAX_WEBHOOK_URL_LENGTH } from "./url-safety";
import { TaskEventTypeSchema } from "../task-events/schemas";

export const MAX_WEBHOOK_NAME_LENGTH = 255;
export const MAX_WEBHOOK_DESCRIPTION_LENGTH = 1_000;

export const WebhookStatusSchema = z.enum(WEBHOOK_STATUSES).openapi("WebhookStatus", {
  description:
    "ACTIVE: events are delivered. PAUSED: set through the API; events that happen meanwhile are " +
    "not queued and never delivered. DISABLED: set by the API after every delivery attempt failed " +
    "for 24 hours; disabled_reason says why. Set ACTIVE to resume a PAUSED or DISABLED webhook.",
  example: "ACTIVE",
});

export const WebhookDeliveryStatusSchema = z.enum(WEBHOOK_DELIVERY_STATUSES).openapi("WebhookDeliveryStatus", {
  description:
    "PENDING: queued or waiting for a retry. SUCCEEDED: the receiver responded with a 2xx status. FAILED: retries " +
    "ran out after 24 hours, or the webhook was paused, disabled or deleted before the delivery was sent.",
  example: "SUCCEEDED",
});

// At least one visible character and no control characters: the name is shown in lists and logs.
const WEBHOOK_NAME_PATTERN = /^[^\u0000-\u001f\u007f]*[^\s\u0000-\u001f\u007f][^\u0000-\u001f\u007f]*$/;

const nameSchema = z
  .string()
  .min(1)
  .max(MAX_WEBHOOK_NAME_LENGTH)
  .regex(WEBHOOK_NAME_PATTERN, { error: "must contain a visible character and no control characters" })
  .openapi({
    description: `A name for people, 1 to ${MAX_WEBHOOK_NAME_LENGTH} characters, not only white space, without control characters.`,
    example: WEBHOOK_EXAMPLE.name,
  });

const urlSchema = z
  .string()
  .max(MAX_WEBHOOK_URL_LENGTH)
  .openapi({
    format: "uri",
    description:
      "Where deliveries are POSTed. Must be https:// on a public host: loopback, private, link-local, " +
      "metadata and unspecified addresses, local and cluster-internal host names, IPv4 addresses in " +
      "decimal, octal or hexadecimal form, IPv6 addresses outside 2000::/3 or that embed an IPv4 " +
      "address (IPv4-mapped, NAT64, 6to4, Teredo), hosts that end with a dot, and URLs with " +
      "credentials are rejected. Host names are checked as written, not resolved.",
    example: WEBHOOK_EXAMPLE.url,
  });

const descriptionSchema = z
  .string()
  .max(MAX_WEBHOOK_DESCRIPTION_LENGTH)
  .nullable()
  .openapi({
    description: `Free text for people, up to ${MAX_WEBHOOK_DESCRIPTION_LENGTH} characters, or null.`,
    example: WEBHOOK_EXAMPLE.description,
  });

const eventTypesSchema = z
  .array(TaskEventTypeSchema)
  .min(1)
  .max(TASK_EVENT_TYPES.length)
  .refine((values) => new Set(values).size === values.length, { error: "must not repeat a value" })
  .openapi({
    description: "The task event types to deliver; at least one, without repeats.",
    uniqueItems: true,
    example: [...WEBHOOK_EXAMPLE.event_types],
  });

const templateIdsSchema = z
  .array(uuidSchema(EXAMPLE_TEMPLATE_ID))
  .min(1)
  .max(MAX_TEMPLATE_IDS)
  .transform((values) => [...new Set(values)])
  .nullable()
  .openapi({
    type: ["array", "null"],
    items: { type: "string", format: "uuid" },
    // The document shows this override in place of the schema that zod derives, so the
    // bounds are written here too.
    minItems: 1,
    maxItems: MAX_TEMPLATE_IDS,
    description: `Deliver only events of tasks from runs of these sequence templates (1 to ${MAX_TEMPLATE_IDS} ids of the workspace's templates), or null for every template.`,
    example: [EXAMPLE_TEMPLATE_ID],
  });

const settableStatusSchema = z.enum(["ACTIVE", "PAUSED"]).openapi({
  description: "ACTIVE to deliver events, PAUSED to stop queueing them. DISABLED is set only by the API.",
  example: "PAUSED",
});

export const WebhookSchema = z
  .object({
    id: z
      .string()
      .openapi({ format: "uuid", description: "Unique identifier of the webhook.", example: EXAMPLE_WEBHOOK_ID }),
    name: nameSchema,
    url: z
      .string()
      .openapi({ format: "uri", description: "Where deliveries are POSTed.", example: WEBHOOK_EXAMPLE.url }),
    description: z
      .string()
      .nullable()
      .openapi({ description: "Free text for people, or null.", example: WEBHOOK_EXAMPLE.description }),
    event_types: z.array(TaskEventTypeSchema).openapi({
      description: "The task event types that are delivered.",
      example: [...WEBHOOK_EXAMPLE.event_types],
    }),
    sequence_template_ids: z
      .array(z.string())
      .nullable()
      .openapi({
        description: "Only events of tasks from runs of these templates are delivered; null means every template.",
        example: [EXAMPLE_TEMPLATE_ID],
      }),
    status: WebhookStatusSchema,
    disabled_reason: z.string().nullable().openapi({
      description: "Why the API disabled the webhook, with the last error; null unless status is DISABLED.",
      example: null,
    }),
    secret_prefix: z.string().openapi({
      description: "The first characters of the current signing secret, to tell secrets apart.",
      example: WEBHOOK_EXAMPLE.secret_prefix,
    }),
    created_at: timestampSchema.openapi({
      description: "When the webhook was created.",
      example: WEBHOOK_EXAMPLE.created_at,
    }),
    updated_at: timestampSchema.openapi({
      description: "When the webhook was last changed, by a request or by being disabled.",
      example: WEBHOOK_EXAMPLE.updated_at,
    }),
  })
  .openapi("Webhook", {
    description:
      "A subscription to task events. Each matching event is POSTed to url as JSON, signed with " +
      "HMAC-SHA256; see the API description for the headers and how to verify them.",
    example: WEBHOOK_EXAMPLE,
  });

export type Webhook = z.infer<typeof WebhookSchema>;

export const WebhookWithSecretSchema = WebhookSchema.extend({
  secret: z.string().openapi({
    description: "The signing secret. It is returned only by the create and rotate-secret operations; store it now.",
    example: EXAMPLE_SECRET,
  }),
}).openapi("WebhookWithSecret", {
  description: "A webhook with its signing secret, as the create and rotate-secret operations return it.",
  example: CREATED_WEBHOOK_EXAMPLE,
});

export const CreateWebhookBodySchema = z
  .strictObject({
    name: nameSchema,
    url: urlSchema,
    description: descriptionSchema.optional(),
    event_types: eventTypesSchema,
    sequence_template_ids: templateIdsSchema.optional(),
    status: settableStatusSchema.default("ACTIVE"),
  })
  .openapi("CreateWebhookRequest", {
    description: "A new webhook. description, sequence_template_ids and status may be left out.",
    example: {
      name: WEBHOOK_EXAMPLE.name,
      url: WEBHOOK_EXAMPLE.url,
      description: WEBHOOK_EXAMPLE.description,
      event_types: [...WEBHOOK_EXAMPLE.event_types],
      sequence_template_ids: [EXAMPLE_TEMPLATE_ID],
    },
  });

export type CreateWebhookBody = z.output<typeof CreateWebhookBodySchema>;

export const UpdateWebhookBodySchema = z
  .strictObject({
    name: nameSchema.optional(),
    url: urlSchema.optional(),
    description: descriptionSchema.optional(),
    event_types: eventTypesSchema.optional(),
    sequence_template_ids: templateIdsSchema.optional(),
    status: settableStatusSchema.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { error: "must set at least one field" })
  .openapi("UpdateWebhookRequest", {
    description: "The fields to change; the others keep their values. status ACTIVE also resumes a DISABLED webhook.",
    minProperties: 1,
    example: { status: "PAUSED" },
  });

export type UpdateWebhookBody = z.output<typeof UpdateWebhookBodySchema>;

export const WebhookIdParamsSchema = z.object({
  id: uuidSchema(EXAMPLE_WEBHOOK_ID).openapi({
    param: { name: "id", in: "path" },
    description: "The ID of the webhook.",
  }),
});

export const DeliveryIdParamsSchema = WebhookIdParamsSchema.extend({
  delivery_id: uuidSchema(EXAMPLE_DELIVERY_ID).openapi({
    param: { name: "delivery_id", in: "path" },
    description: "The ID of the delivery.",
  }),
});

export const ListWebhooksQuerySchema = z.strictObject({ page: pageQuerySchema, size: pageSizeQuerySchema("webhooks") });

export const ListDeliveriesQuerySchema = z.strictObject({
  status: WebhookDeliveryStatusSchema.optional().openapi({
    param: { name: "status", in: "query", example: "FAILED" },
    description: "Return only deliveries in this status.",
  }),
  page: pageQuerySchema,
  size: pageSizeQuerySchema("deliveries"),
});

export type ListDeliveriesQuery = z.output<typeof ListDeliveriesQuerySchema>;

function pageOf<Item extends z.ZodType>(name: string, item: Item, noun: string, example: unknown) {
  return z
    .object({
      items: z.array(item).openapi({ description: `The ${noun} on this page.` }),
      total_count: z.int().openapi({ description: `Number of ${noun} across all pages.`, example: 1 }),
      total_pages: z.int().openapi({ description: "Number of pages at the current size.", example: 1 }),
      has_more: z.boolean().openapi({ description: "true if pages exist after this one.", example: false }),
    })
    .openapi(name, {
      description: `A page of ${noun}.`,
      example: { items: [example], total_count: 1, total_pages: 1, has_more: false },
    });
}

export const WebhookPageSchema = pageOf("WebhookPage", WebhookSchema, "webhooks", WEBHOOK_EXAMPLE);

const nullableTimestamp = (description: string, example: string | null) =>
  timestampSchema.nullable().openapi({ description, example });

export const DeliveryAttemptSchema = z
  .object({
    attempt_number: z
      .int()
      .min(1)
      .openapi({ description: "1 for the first attempt, then one more for each.", example: 1 }),
    status_code: z.int().nullable().openapi({
      description: "The receiver's HTTP status, or null when no response arrived (timeout, connection error).",
      example: 503,
    }),
    duration_ms: z.int().openapi({ description: "How long the request took, in milliseconds.", example: 95 }),
    error: z
      .string()
      .nullable()
      .openapi({ description: "Why the attempt failed; null when it succeeded.", example: null }),
    attempted_at: timestampSchema.openapi({
      description: "When the attempt started.",
      example: "2025-03-13T07:00:01Z",
    }),
  })
  .openapi("WebhookDeliveryAttempt", {
    description: "One HTTP request of a delivery.",
    example: DELIVERY_EXAMPLE.attempts[0],
  });

export const DeliverySchema = z
  .object({
    id: z
      .string()
      .openapi({ format: "uuid", description: "Unique identifier of the delivery.", example: EXAMPLE_DELIVERY_ID }),
    webhook_id: z
      .string()
      .openapi({ format: "uuid", description: "The webhook it belongs to.", example: EXAMPLE_WEBHOOK_ID }),
    event_id: z.string().openapi({
      format: "uuid",
      description: "The task event delivered; also the Topo-Webhook-Id header of every attempt and redelivery.",
      example: EXAMPLE_EVENT_ID,
    }),
    event_type: TaskEventTypeSchema,
    status: WebhookDeliveryStatusSchema,
    attempt_count: z.int().openapi({ description: "Number of HTTP requests made so far.", example: 2 }),
    last_status_code: z
      .int()
      .nullable()
      .openapi({ description: "HTTP status of the latest attempt, if a response arrived.", example: 200 }),
    last_duration_ms: z
      .int()
      .nullable()
      .openapi({ description: "Duration of the latest attempt in milliseconds.", example: 184 }),
    last_error: z
      .string()
      .nullable()
      .openapi({ description: "Why the latest attempt failed, or why the delivery was not sent.", example: null }),
    last_attempt_at: nullableTimestamp(
      "When the latest attempt started; null before the first.",
      DELIVERY_EXAMPLE.last_attempt_at,
    ),
    next_attempt_at: nullableTimestamp("When a PENDING delivery is due to be tried (again); null otherwise.", null),
    created_at: timestampSchema.openapi({
      description: "When the event was matched to the webhook.",
      example: DELIVERY_EXAMPLE.created_at,
    }),
    updated_at: timestampSchema.openapi({
      description: "When the delivery last changed.",
      example: DELIVERY_EXAMPLE.updated_at,
    }),
    attempts: z.array(DeliveryAttemptSchema).openapi({ description: "Every attempt, oldest first." }),
  })
  .openapi("WebhookDelivery", {
    description: "One event sent to one webhook, with every HTTP attempt made for it.",
    example: DELIVERY_EXAMPLE,
  });

export type Delivery = z.infer<typeof DeliverySchema>;

export const DeliveryPageSchema = pageOf("WebhookDeliveryPage", DeliverySchema, "deliveries", DELIVERY_EXAMPLE);

export const WebhookTestResultSchema = z
  .object({
    event_id: z
      .string()
      .openapi({ format: "uuid", description: "The id of the test event that was sent.", example: EXAMPLE_EVENT_ID }),
    succeeded: z.boolean().openapi({ description: "true if the receiver responded with a 2xx status.", example: true }),
    status_code: z
      .int()
      .nullable()
      .openapi({ description: "The receiver's HTTP status, or null when no response arrived.", example: 200 }),
    duration_ms: z.int().openapi({ description: "How long the request took, in milliseconds.", example: 121 }),
    error: z
      .string()
      .nullable()
      .openapi({ description: "Why the request failed; null when it succeeded.", example: null }),
  })
  .openapi("WebhookTestResult", {
    description: "The outcome of sending one signed webhook.test event to the webhook's URL.",
    example: { event_id: EXAMPLE_EVENT_ID, succeeded: true, status_code: 200, duration_ms: 121, error: null },
  });
