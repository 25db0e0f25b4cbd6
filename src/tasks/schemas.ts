import { z } from "@hono/zod-openapi";

import {
  EXAMPLE_NEW_ASSIGNEE_ID,
  EXAMPLE_ORGANIZATION_ID,
  EXAMPLE_SEQUENCE_ID,
  EXAMPLE_TASK_ID,
  EXAMPLE_TEMPLATE_ID,
  EXAMPLE_USER_ID,
} from "../common/example-ids";
import { pageQuerySchema, pageSizeQuerySchema } from "../common/pagination";
import { isoDateTimeQuerySchema, timestampSchema, uuidSchema } from "../common/schemas";
import {
  REASSIGN_SCOPES,
  REOPEN_REASONS,
  TASK_DISPOSITIONS,
  TASK_PRIORITIES,
  TASK_STATUSES,
  TASK_TYPES,
} from "../common/enums";

export const TaskTypeSchema = z.enum(TASK_TYPES).openapi("TaskType", {
  description:
    "What kind of action the task represents. CALL: place a phone call to the contact. " +
    "EMAIL_REPLY: send or review an email reply in an active email thread. " +
    "LINKEDIN_REPLY: reply to a LinkedIn conversation with the contact. " +
    "NEW_LEAD_REVIEW: review and approve or reject a new lead before outreach begins.",
  example: "CALL",
});

export const TaskPrioritySchema = z.enum(TASK_PRIORITIES).openapi("TaskPriority", {
  description: "Priority bucket, set by Topo from engagement signals.",
  example: "HOT",
});

export const TaskStatusSchema = z.enum(TASK_STATUSES).openapi("TaskStatus", {
  description:
    "Lifecycle state. PENDING: open and waiting for action. IN_PROGRESS: opened by an assignee " +
    "and being worked. COMPLETED: carried out and marked as done. SKIPPED: deliberately skipped " +
    "without execution.",
  example: "PENDING",
});

export const TaskSchema = z
  .object({
    id: z
      .string()
      .openapi({ format: "uuid", description: "Unique identifier for the task.", example: EXAMPLE_TASK_ID }),
    organization_id: z.string().openapi({
      format: "uuid",
      description: "The workspace this task belongs to.",
      example: EXAMPLE_ORGANIZATION_ID,
    }),
    type: TaskTypeSchema,
    priority: TaskPrioritySchema,
    status: TaskStatusSchema,
    sequence_id: z.string().openapi({
      format: "uuid",
      description: "The sequence run this task was created from.",
      example: EXAMPLE_SEQUENCE_ID,
    }),
    assignee_user_id: z.string().nullable().openapi({
      format: "uuid",
      description: "The workspace user the task is currently assigned to; null if the task is unassigned.",
      example: EXAMPLE_USER_ID,
    }),
    // Inline enums rather than the named components: a nullable reference to a component
    // loses its null in the generated 3.1 document.
    disposition: z.enum(TASK_DISPOSITIONS).nullable().openapi({
      description:
        "For CALL tasks only: the outcome of the call. null for other tasks and for calls not yet completed.",
      example: null,
    }),
    reopened_at: timestampSchema.nullable().openapi({
      description: "When the task was most recently reopened, if it was.",
      example: null,
    }),
    reopen_reason: z.enum(REOPEN_REASONS).nullable().openapi({
      description: "Why the task was most recently reopened. null when it was reopened through the API or never.",
      example: null,
    }),
    skipped_at: timestampSchema
      .nullable()
      .openapi({ description: "When the task was skipped, if it is.", example: null }),
    completed_at: timestampSchema.nullable().openapi({
      description: "When the task was completed, if it is.",
      example: null,
    }),
    created_at: timestampSchema.openapi({ description: "When the task was created.", example: "2025-03-13T07:00:00Z" }),
    updated_at: timestampSchema.openapi({
      description:
        "When the task was last modified. Within a workspace it never goes backwards in the " +
        "order changes are committed, and tasks changed by one request get distinct values.",
      example: "2025-03-13T07:00:00Z",
    }),
    version: z
      .int()
      .min(1)
      .openapi({
        description:
          "Starts at 1 and goes up by one with every change to the task. The ETag header is " +
          'built from it ("v" and the version, quoted), and task events carry it as task_version.',
        example: 1,
      }),
  })
  .openapi("Task", {
    description:
      "A manual action item created when a sequence reaches a step that needs a person: a call, " +
      "a hand-written email or LinkedIn reply, or a lead review. Timestamps are ISO 8601 in UTC; " +
      "whole seconds print without a fraction, other instants with milliseconds.",
  });

export type Task = z.infer<typeof TaskSchema>;

export const TaskIdParamsSchema = z.object({
  id: uuidSchema(EXAMPLE_TASK_ID).openapi({
    param: { name: "id", in: "path" },
    description: "The ID of the task.",
  }),
});

// Each repeatable filter binds one SQL parameter per value, and D1 allows 100 bound
// parameters per statement; these limits keep every filter combination under that.
export const MAX_TEMPLATE_IDS = 50;
export const MAX_ENUM_VALUES = 10;

/**
 * Accepts one value or a repeated parameter and yields an array without repeats. The limit
 * counts distinct values after each is parsed, so an id given in two letter cases counts
 * once, since only distinct values are bound into the query. The query string length limit
 * bounds how many values are parsed.
 */
export function repeatable<Item extends z.ZodType>(item: Item, maxItems: number) {
  return z.preprocess(
    (value) => (typeof value === "string" ? [value] : Array.isArray(value) ? value : []),
    z
      .array(item)
      .transform((values) => [...new Set(values)] as z.output<Item>[])
      .pipe(z.array(z.custom<z.output<Item>>()).max(maxItems)),
  );
}

export const ListTasksQuerySchema = z.strictObject({
  status: TaskStatusSchema.optional().openapi({
    // On the parameter, because the generator drops an example set beside the reference to TaskStatus.
    param: { name: "status", in: "query", example: "PENDING" },
    description: "Return only tasks in this lifecycle state.",
  }),
  assignee_user_id: uuidSchema(EXAMPLE_USER_ID)
    .optional()
    .openapi({
      param: { name: "assignee_user_id", in: "query" },
      description: "Return only tasks assigned to this user.",
    }),
  sequence_id: uuidSchema(EXAMPLE_SEQUENCE_ID)
    .optional()
    .openapi({
      param: { name: "sequence_id", in: "query" },
      description: "Return only tasks from this sequence run.",
    }),
  sequence_template_ids: repeatable(uuidSchema(EXAMPLE_TEMPLATE_ID), MAX_TEMPLATE_IDS)
    .optional()
    .openapi({
      param: { name: "sequence_template_ids", in: "query", style: "form", explode: true },
      description: `Return only tasks of runs of these sequence templates. Repeat the parameter for several values (at most ${MAX_TEMPLATE_IDS}): ?sequence_template_ids=uuid1&sequence_template_ids=uuid2.`,
      type: "array",
      maxItems: MAX_TEMPLATE_IDS,
      items: { type: "string", format: "uuid" },
      example: [EXAMPLE_TEMPLATE_ID],
    }),
  types: repeatable(TaskTypeSchema, MAX_ENUM_VALUES)
    .optional()
    .openapi({
      param: { name: "types", in: "query", style: "form", explode: true },
      description:
        "Return only tasks of these types. Repeat the parameter for several values: ?types=CALL&types=EMAIL_REPLY.",
      type: "array",
      maxItems: MAX_ENUM_VALUES,
      items: { $ref: "#/components/schemas/TaskType" },
      example: ["CALL", "EMAIL_REPLY"],
    }),
  priorities: repeatable(TaskPrioritySchema, MAX_ENUM_VALUES)
    .optional()
    .openapi({
      param: { name: "priorities", in: "query", style: "form", explode: true },
      description:
        "Return only tasks in these priority buckets. Repeat the parameter for several values: ?priorities=HOT&priorities=TODAY.",
      type: "array",
      maxItems: MAX_ENUM_VALUES,
      items: { $ref: "#/components/schemas/TaskPriority" },
      example: ["HOT", "TODAY"],
    }),
  created_at_after: isoDateTimeQuerySchema.optional().openapi({
    param: { name: "created_at_after", in: "query" },
    description: "Return tasks created strictly after this instant (ISO 8601 with Z or a numeric offset).",
  }),
  created_at_before: isoDateTimeQuerySchema.optional().openapi({
    param: { name: "created_at_before", in: "query" },
    description: "Return tasks created strictly before this instant (ISO 8601 with Z or a numeric offset).",
  }),
  updated_at_after: isoDateTimeQuerySchema.optional().openapi({
    param: { name: "updated_at_after", in: "query" },
    description:
      "Return tasks last modified strictly after this instant (ISO 8601 with Z or a numeric offset). " +
      "With sort_by=updated_at, this is the watermark of an incremental sync; see the API description.",
  }),
  updated_at_before: isoDateTimeQuerySchema.optional().openapi({
    param: { name: "updated_at_before", in: "query" },
    description: "Return tasks last modified strictly before this instant (ISO 8601 with Z or a numeric offset).",
  }),
  sort_by: z
    .enum(["created_at", "updated_at"])
    .default("created_at")
    .openapi({
      param: { name: "sort_by", in: "query" },
      description:
        "Field to sort by. Tasks with equal values are ordered by id in the same direction, so pages never overlap.",
      example: "created_at",
    }),
  sort_order: z
    .enum(["asc", "desc"])
    .default("asc")
    .openapi({
      param: { name: "sort_order", in: "query" },
      description: "Sort direction.",
      example: "asc",
    }),
  page: pageQuerySchema,
  size: pageSizeQuerySchema("tasks"),
});

export type ListTasksQuery = z.output<typeof ListTasksQuerySchema>;

export const TaskPageSchema = z
  .object({
    items: z.array(TaskSchema).openapi({ description: "The tasks on this page." }),
    total_count: z.int().openapi({ description: "Number of tasks that match the query across all pages.", example: 1 }),
    total_pages: z
      .int()
      .openapi({ description: "Number of pages at the current size: ceil(total_count / size).", example: 1 }),
    has_more: z.boolean().openapi({ description: "true if pages exist after this one.", example: false }),
  })
  .openapi("TaskPage");

export const CompleteTaskBodySchema = z
  .strictObject({
    disposition: z.enum(TASK_DISPOSITIONS).optional().openapi({
      description: "The outcome of the call. Required for CALL tasks; other task types take none.",
      example: "ANSWERED",
    }),
  })
  .openapi("CompleteTaskRequest");

export const ReassignTaskBodySchema = z
  .strictObject({
    assignee_user_id: uuidSchema(EXAMPLE_NEW_ASSIGNEE_ID).openapi({
      description: "The ID of the workspace user to assign the task to.",
    }),
    scope: z
      .enum(REASSIGN_SCOPES)
      .default("TASK")
      .openapi({
        description:
          "How many tasks to reassign. TASK: only this task. SEQUENCE: this task and every other " +
          "PENDING or IN_PROGRESS task of the same sequence run.",
        example: "SEQUENCE",
      }),
  })
  .openapi("ReassignTaskRequest");
