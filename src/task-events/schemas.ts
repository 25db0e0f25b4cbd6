import { z } from "@hono/zod-openapi";

import {
  EXAMPLE_API_KEY_ID,
  EXAMPLE_EVENT_ID,
  EXAMPLE_NEW_ASSIGNEE_ID,
  EXAMPLE_SEQUENCE_ID,
  EXAMPLE_TASK_ID,
  EXAMPLE_USER_ID,
} from "../common/example-ids";
import {
  REOPEN_REASONS,
  TASK_DISPOSITIONS,
  TASK_EVENT_ACTOR_TYPES,
  TASK_EVENT_TYPES,
  TASK_PRIORITIES,
  TASK_STATUSES,
} from "../common/enums";
import { timestampSchema, uuidSchema } from "../common/schemas";
import { pageQuerySchema, pageSizeQuerySchema, queryInteger } from "../common/pagination";
import { repeatable, TaskSchema } from "../tasks/schemas";

/** The largest after_sequence_number accepted: the most that 15 decimal digits hold. */
export const MAX_SEQUENCE_NUMBER = 999_999_999_999_999;

export const TaskEventTypeSchema = z.enum(TASK_EVENT_TYPES).openapi("TaskEventType", {
  description:
    "What happened to the task. task.created: a sequence created it. task.started: it became " +
    "IN_PROGRESS. task.completed: it became COMPLETED. task.skipped: it became SKIPPED. " +
    "task.reopened: it went back to PENDING. task.reassigned: its assignee changed while its " +
    "status stayed. New types may be added within /v1.",
  example: "task.skipped",
});

/** Builds the schema of one field's change: its value before and after, as the task object renders it. */
function fieldChange(value: z.ZodType, description: string, previous: unknown, current: unknown) {
  return z
    .object({
      previous: value.openapi({
        description: "The value before the change; null when the field had none, and always null in task.created.",
        example: previous,
      }),
      current: value.openapi({ description: "The value after the change.", example: current }),
    })
    .optional()
    .openapi({ description, example: { previous, current } });
}

const nullableTimestamp = timestampSchema.nullable();
const nullableUuid = z.string().nullable().openapi({ format: "uuid" });

export const TaskEventChangesSchema = z
  .object({
    status: fieldChange(z.enum(TASK_STATUSES).nullable(), "The task's status, when it changed.", "PENDING", "SKIPPED"),
    priority: fieldChange(
      z.enum(TASK_PRIORITIES).nullable(),
      "The task's priority bucket, when it changed (set in task.created).",
      null,
      "HOT",
    ),
    assignee_user_id: fieldChange(
      nullableUuid,
      "The assigned user, when the assignee changed.",
      EXAMPLE_USER_ID,
      EXAMPLE_NEW_ASSIGNEE_ID,
    ),
    disposition: fieldChange(
      z.enum(TASK_DISPOSITIONS).nullable(),
      "The outcome of a CALL task, when it changed.",
      null,
      "ANSWERED",
    ),
    reopened_at: fieldChange(
      nullableTimestamp,
      "When the task was reopened, when it changed.",
      null,
      "2025-03-13T10:12:00Z",
    ),
    reopen_reason: fieldChange(
      z.enum(REOPEN_REASONS).nullable(),
      "Why the task was reopened, when it changed.",
      null,
      "REMINDER_RULE",
    ),
    skipped_at: fieldChange(
      nullableTimestamp,
      "When the task was skipped, when it changed.",
      null,
      "2025-03-13T10:05:33Z",
    ),
    completed_at: fieldChange(
      nullableTimestamp,
      "When the task was completed, when it changed.",
      null,
      "2025-03-13T09:42:10Z",
    ),
  })
  .openapi("TaskEventChanges", {
    description:
      "The task fields that the change set, each with its value before and after. Fields that kept " +
      "their value are left out, as are updated_at and version, which change every time. " +
      "Timestamps are rendered as in the task object. In task.created, every field the task was " +
      "created with appears with previous null.",
    example: {
      status: { previous: "PENDING", current: "SKIPPED" },
      skipped_at: { previous: null, current: "2025-03-13T10:05:33Z" },
    },
  });

export const TaskEventActorSchema = z
  .object({
    type: z.enum(TASK_EVENT_ACTOR_TYPES).openapi({
      description: "API_KEY: a request made with an API key of the workspace. SEQUENCE: Topo's sequence engine.",
      example: "API_KEY",
    }),
    api_key_id: z.string().nullable().openapi({
      format: "uuid",
      description: "The id of the API key that made the change (as GET /v1/me shows it); null for SEQUENCE.",
      example: EXAMPLE_API_KEY_ID,
    }),
  })
  .openapi("TaskEventActor", { description: "Who made the change." });

export const TaskEventSchema = z
  .object({
    id: z
      .string()
      .openapi({ format: "uuid", description: "Unique identifier of the event.", example: EXAMPLE_EVENT_ID }),
    sequence_number: z
      .int()
      .min(1)
      .openapi({
        description:
          "The event's place in the workspace's log: 1 for the first event, then one more for each " +
          "event, in the order the changes were committed, with no gaps. Store the last one you " +
          "processed and resume with after_sequence_number.",
        example: 1042,
      }),
    type: TaskEventTypeSchema,
    task_id: z.string().openapi({ format: "uuid", description: "The task that changed.", example: EXAMPLE_TASK_ID }),
    sequence_id: z.string().openapi({
      format: "uuid",
      description: "The sequence run of the task.",
      example: EXAMPLE_SEQUENCE_ID,
    }),
    task_version: z.int().min(1).openapi({
      description: "The task's version after the change: the version field of task, and the ETag v<version>.",
      example: 2,
    }),
    changes: TaskEventChangesSchema,
    task: TaskSchema,
    actor: TaskEventActorSchema,
    occurred_at: timestampSchema.openapi({
      description: "When the change was made: the task's updated_at after it (its created_at for task.created).",
      example: "2025-03-13T10:05:33Z",
    }),
  })
  .openapi("TaskEvent", {
    description:
      "One committed change of a task, in the workspace's task event log. task is the whole task " +
      "as the change left it, so a consumer needs no further read.",
  });

export type TaskEvent = z.infer<typeof TaskEventSchema>;
export type TaskEventChanges = z.infer<typeof TaskEventChangesSchema>;

export const ListTaskEventsQuerySchema = z.strictObject({
  after_sequence_number: queryInteger(0, MAX_SEQUENCE_NUMBER, 0).openapi({
    param: { name: "after_sequence_number", in: "query" },
    type: "integer",
    minimum: 0,
    maximum: MAX_SEQUENCE_NUMBER,
    default: 0,
    description:
      "Return only events with a sequence_number strictly greater than this: the last one you " +
      "processed. 0, the default, starts at the beginning of the log. A value below the highest " +
      "number deleted by retention is a 410 GoneIssue.",
    example: 1041,
  }),
  types: repeatable(TaskEventTypeSchema, TASK_EVENT_TYPES.length)
    .optional()
    .openapi({
      param: { name: "types", in: "query", style: "form", explode: true },
      description:
        "Return only events of these types. Repeat the parameter for several values: ?types=task.completed&types=task.skipped.",
      type: "array",
      maxItems: TASK_EVENT_TYPES.length,
      items: { $ref: "#/components/schemas/TaskEventType" },
      example: ["task.completed", "task.skipped"],
    }),
  task_id: uuidSchema(EXAMPLE_TASK_ID)
    .optional()
    .openapi({
      param: { name: "task_id", in: "query" },
      description: "Return only the events of this task. A task of another workspace matches nothing.",
    }),
  page: pageQuerySchema,
  size: pageSizeQuerySchema("events"),
});

export type ListTaskEventsQuery = z.output<typeof ListTaskEventsQuerySchema>;

export const TaskEventPageSchema = z
  .object({
    items: z.array(TaskEventSchema).openapi({ description: "The events on this page, by ascending sequence_number." }),
    total_count: z
      .int()
      .openapi({ description: "Number of events that match the query across all pages.", example: 3 }),
    total_pages: z
      .int()
      .openapi({ description: "Number of pages at the current size: ceil(total_count / size).", example: 1 }),
    has_more: z.boolean().openapi({ description: "true if pages exist after this one.", example: false }),
  })
  .openapi("TaskEventPage");
