// The line formats of the import files. Field names are the API's snake_case names, ids
// are UUIDs in any letter case (stored in lower case, as the API expects them) and
// timestamps are ISO 8601 date-times with Z or an offset. Unknown fields are rejected, so
// a misspelled optional field fails instead of being dropped.
import { z } from "zod";

import { UUID_PATTERN } from "../../../src/common/ids";
import {
  MESSAGE_CHANNELS,
  MESSAGE_DIRECTIONS,
  REOPEN_REASONS,
  TASK_DISPOSITIONS,
  TASK_PRIORITIES,
  TASK_STATUSES,
  TASK_TYPES,
} from "../../../src/common/enums";
import { parseIsoInstant } from "../../../src/common/timestamps";

/** Maximum length of names and other short text fields, in characters. */
const MAX_NAME_LENGTH = 500;
/** Maximum length of a message body, in characters; the longest bodies of real threads are far shorter. */
const MAX_BODY_LENGTH = 50_000;

const idSchema = z
  .string()
  .regex(UUID_PATTERN, { error: "must be a UUID, such as 019e5f6a-7b8c-9d01-2e3f-4a5b6c7d8e9f" })
  .transform((value) => value.toLowerCase());

const optionalIdSchema = idSchema.nullish().transform((value) => value ?? null);

/** Parses an ISO 8601 date-time with Z or an offset into epoch milliseconds. */
const timestampSchema = z.string().transform((value, context) => {
  const bounds = parseIsoInstant(value);
  if (bounds === undefined) {
    context.addIssue({
      code: "custom",
      message: "must be an ISO 8601 date-time with Z or an offset, such as 2025-03-13T07:00:00Z",
    });
    return z.NEVER;
  }
  return bounds.floor;
});

const optionalTimestampSchema = timestampSchema.nullish().transform((value) => value ?? null);

const nameSchema = z.string().trim().min(1, { error: "must not be empty" }).max(MAX_NAME_LENGTH);

export const organizationLineSchema = z.strictObject({
  id: idSchema,
  name: nameSchema,
  created_at: timestampSchema,
});

export const userLineSchema = z.strictObject({
  id: idSchema,
  organization_id: idSchema,
  name: nameSchema,
  email: z.email({ error: "must be an email address" }),
  created_at: timestampSchema,
});

export const sequenceTemplateLineSchema = z.strictObject({
  id: idSchema,
  organization_id: idSchema,
  name: nameSchema,
  created_at: timestampSchema,
});

export const sequenceLineSchema = z.strictObject({
  id: idSchema,
  organization_id: idSchema,
  sequence_template_id: idSchema,
  contact_name: nameSchema,
  contact_email: z
    .email({ error: "must be an email address" })
    .nullish()
    .transform((value) => value ?? null),
  created_at: timestampSchema,
});

export const taskLineSchema = z
  .strictObject({
    id: idSchema,
    organization_id: idSchema,
    sequence_id: idSchema,
    // Optional because the sequence run names its template; when given it must match.
    sequence_template_id: optionalIdSchema,
    type: z.enum(TASK_TYPES),
    priority: z.enum(TASK_PRIORITIES),
    status: z.enum(TASK_STATUSES),
    assignee_user_id: optionalIdSchema,
    disposition: z
      .enum(TASK_DISPOSITIONS)
      .nullish()
      .transform((value) => value ?? null),
    reopened_at: optionalTimestampSchema,
    reopen_reason: z
      .enum(REOPEN_REASONS)
      .nullish()
      .transform((value) => value ?? null),
    skipped_at: optionalTimestampSchema,
    completed_at: optionalTimestampSchema,
    created_at: timestampSchema,
    // Defaults to created_at.
    updated_at: optionalTimestampSchema,
  })
  .superRefine((task, context) => {
    const fail = (path: string, message: string) => context.addIssue({ code: "custom", path: [path], message });

    if (task.status === "COMPLETED" && task.completed_at === null) {
      fail("completed_at", "is required when status is COMPLETED");
    }
    if (task.status !== "COMPLETED" && task.completed_at !== null) {
      fail("completed_at", `must be null when status is ${task.status}`);
    }
    if (task.status === "SKIPPED" && task.skipped_at === null) {
      fail("skipped_at", "is required when status is SKIPPED");
    }
    if (task.status !== "SKIPPED" && task.skipped_at !== null) {
      fail("skipped_at", `must be null when status is ${task.status}`);
    }
    if (task.disposition !== null && (task.type !== "CALL" || task.status !== "COMPLETED")) {
      fail("disposition", "is only allowed on a COMPLETED task of type CALL");
    }
    if (task.reopen_reason !== null && task.reopened_at === null) {
      fail("reopen_reason", "needs reopened_at");
    }
    if (task.updated_at !== null && task.updated_at < task.created_at) {
      fail("updated_at", "must not be before created_at");
    }
  });

export const messageLineSchema = z
  .strictObject({
    id: idSchema,
    organization_id: idSchema,
    sequence_id: idSchema,
    channel: z.enum(MESSAGE_CHANNELS),
    direction: z.enum(MESSAGE_DIRECTIONS),
    subject: z
      .string()
      .max(MAX_NAME_LENGTH)
      .nullish()
      .transform((value) => value ?? null),
    body: z
      .string()
      .max(MAX_BODY_LENGTH)
      .refine((body) => body.trim() !== "", { error: "must not be empty" }),
    sent_at: timestampSchema,
    sender_id: optionalIdSchema,
  })
  .superRefine((message, context) => {
    if (message.direction === "INBOUND" && message.sender_id !== null) {
      context.addIssue({
        code: "custom",
        path: ["sender_id"],
        message: "must be null for an INBOUND message, which the contact sent",
      });
    }
  });

export type OrganizationLine = z.output<typeof organizationLineSchema>;
export type UserLine = z.output<typeof userLineSchema>;
export type SequenceTemplateLine = z.output<typeof sequenceTemplateLineSchema>;
export type SequenceLine = z.output<typeof sequenceLineSchema>;
export type TaskLine = z.output<typeof taskLineSchema>;
export type MessageLine = z.output<typeof messageLineSchema>;

/** The import files in load order, parents first, so every foreign key finds its row. */
export const IMPORT_FILES = [
  { kind: "organizations", fileName: "organizations.ndjson", flag: "organizations", schema: organizationLineSchema },
  { kind: "users", fileName: "users.ndjson", flag: "users", schema: userLineSchema },
  {
    kind: "sequenceTemplates",
    fileName: "sequence_templates.ndjson",
    flag: "sequence-templates",
    schema: sequenceTemplateLineSchema,
  },
  { kind: "sequences", fileName: "sequences.ndjson", flag: "sequences", schema: sequenceLineSchema },
  { kind: "tasks", fileName: "tasks.ndjson", flag: "tasks", schema: taskLineSchema },
  { kind: "messages", fileName: "messages.ndjson", flag: "messages", schema: messageLineSchema },
] as const;

export type ImportKind = (typeof IMPORT_FILES)[number]["kind"];
