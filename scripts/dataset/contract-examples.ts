import type { messages, sequences, sequenceTemplates, tasks, users } from "../../src/db/schema";
import { stripQuotedReply } from "../../src/messages/strip-quoted-reply";
import {
  EXAMPLE_NEW_ASSIGNEE_ID,
  EXAMPLE_SEQUENCE_ID,
  EXAMPLE_TASK_ID,
  EXAMPLE_TEMPLATE_ID,
  EXAMPLE_USER_ID,
} from "../../src/tasks/schemas";
import { appendQuotedHistory } from "./quoted-history";
import { EXAMPLE_WORKSPACE } from "./workspaces";

// The rows that the Tasks API contract's examples show, with exactly the values printed
// there: ids, enum values, timestamps, subjects and bodies. Names, emails and creation
// times that the contract does not print are filled in here.

export type UserInsert = typeof users.$inferInsert;
export type SequenceTemplateInsert = typeof sequenceTemplates.$inferInsert;
export type SequenceInsert = typeof sequences.$inferInsert;
export type TaskInsert = typeof tasks.$inferInsert;
export type MessageInsert = typeof messages.$inferInsert;

/** The rep of the examples, who owns the pending call task. */
export const EXAMPLE_REP = {
  id: EXAMPLE_USER_ID,
  organizationId: EXAMPLE_WORKSPACE.id,
  name: "Jamie Rivera",
  email: "jamie.rivera@acme-demo.example",
  createdAt: Date.UTC(2024, 9, 14, 9, 0, 0),
} as const satisfies UserInsert;

/** The rep that the reassignment example moves the task to. */
export const EXAMPLE_NEW_REP = {
  id: EXAMPLE_NEW_ASSIGNEE_ID,
  organizationId: EXAMPLE_WORKSPACE.id,
  name: "Priya Shah",
  email: "priya.shah@acme-demo.example",
  createdAt: Date.UTC(2025, 0, 27, 9, 0, 0),
} as const satisfies UserInsert;

export const EXAMPLE_TEMPLATE = {
  id: EXAMPLE_TEMPLATE_ID,
  organizationId: EXAMPLE_WORKSPACE.id,
  name: "Outbound stack intro",
  createdAt: Date.UTC(2024, 11, 2, 10, 0, 0),
} as const satisfies SequenceTemplateInsert;

/** The sequence run of the examples: Sarah at Acme Corp. */
export const EXAMPLE_SEQUENCE = {
  id: EXAMPLE_SEQUENCE_ID,
  organizationId: EXAMPLE_WORKSPACE.id,
  sequenceTemplateId: EXAMPLE_TEMPLATE_ID,
  contactName: "Sarah Chen",
  contactEmail: "sarah.chen@acmecorp.example",
  createdAt: Date.UTC(2025, 2, 10, 9, 0, 0),
} as const satisfies SequenceInsert;

/** The pending call task of the examples, untouched since it was created. */
export const EXAMPLE_TASK = {
  id: EXAMPLE_TASK_ID,
  organizationId: EXAMPLE_WORKSPACE.id,
  sequenceId: EXAMPLE_SEQUENCE_ID,
  sequenceTemplateId: EXAMPLE_TEMPLATE_ID,
  type: "CALL",
  priority: "HOT",
  status: "PENDING",
  assigneeUserId: EXAMPLE_USER_ID,
  disposition: null,
  reopenedAt: null,
  reopenReason: null,
  skippedAt: null,
  completedAt: null,
  createdAt: Date.UTC(2025, 2, 13, 7, 0, 0),
  updatedAt: Date.UTC(2025, 2, 13, 7, 0, 0),
} as const satisfies TaskInsert;

export const EXAMPLE_OUTBOUND_MESSAGE = {
  id: "01af6b7c-8d9e-0f12-3a4b-5c6d7e8f9a0b",
  organizationId: EXAMPLE_WORKSPACE.id,
  sequenceId: EXAMPLE_SEQUENCE_ID,
  channel: "EMAIL",
  direction: "OUTBOUND",
  subject: "Quick question about your outbound stack",
  body:
    "Hi Sarah,\n\nI noticed Acme Corp recently expanded its SDR team \u2014 curious whether you're " +
    "looking at tools to help them scale outreach without sacrificing personalization.\n\n" +
    "Would a 15-minute call this week make sense?\n\nBest,\nJamie",
  sentAt: Date.UTC(2025, 2, 10, 9, 14, 0),
  senderId: EXAMPLE_USER_ID,
} as const satisfies MessageInsert;

/** The inbound body as the contract prints it, after quoted history is removed. */
export const EXAMPLE_INBOUND_BODY = "Hi Jamie, yes happy to chat. Let's do Thursday at 2pm EST.";

/** The inbound body as Sarah's mail client sent it, quoting Jamie's email below her reply. */
export const EXAMPLE_INBOUND_RAW_BODY = appendQuotedHistory(
  EXAMPLE_INBOUND_BODY,
  {
    senderName: EXAMPLE_REP.name,
    senderEmail: EXAMPLE_REP.email,
    recipientName: EXAMPLE_SEQUENCE.contactName,
    recipientEmail: EXAMPLE_SEQUENCE.contactEmail,
    subject: EXAMPLE_OUTBOUND_MESSAGE.subject,
    body: EXAMPLE_OUTBOUND_MESSAGE.body,
    sentAt: EXAMPLE_OUTBOUND_MESSAGE.sentAt,
  },
  "reply-header",
);

export const EXAMPLE_INBOUND_MESSAGE_ID = "01b07c8d-9e0f-1a23-4b5c-6d7e8f9a0b1c";

export interface ContractExampleRows {
  users: UserInsert[];
  sequenceTemplates: SequenceTemplateInsert[];
  sequences: SequenceInsert[];
  tasks: TaskInsert[];
  messages: MessageInsert[];
}

/**
 * Builds the example workspace's contract rows. The inbound message goes through
 * stripQuotedReply like every inbound body of the dataset.
 *
 * @throws Error if stripQuotedReply does not turn the raw inbound body into the contract's text.
 */
export function buildContractExampleRows(): ContractExampleRows {
  const inboundBody = stripQuotedReply(EXAMPLE_INBOUND_RAW_BODY);
  if (inboundBody !== EXAMPLE_INBOUND_BODY) {
    throw new Error(
      `stripQuotedReply returned ${JSON.stringify(inboundBody)} for the contract's inbound message; ` +
        `expected ${JSON.stringify(EXAMPLE_INBOUND_BODY)}.`,
    );
  }

  const inboundMessage: MessageInsert = {
    id: EXAMPLE_INBOUND_MESSAGE_ID,
    organizationId: EXAMPLE_WORKSPACE.id,
    sequenceId: EXAMPLE_SEQUENCE_ID,
    channel: "EMAIL",
    direction: "INBOUND",
    subject: "Re: Quick question about your outbound stack",
    body: inboundBody,
    sentAt: Date.UTC(2025, 2, 11, 14, 32, 0),
    senderId: null,
  };

  return {
    users: [{ ...EXAMPLE_REP }, { ...EXAMPLE_NEW_REP }],
    sequenceTemplates: [{ ...EXAMPLE_TEMPLATE }],
    sequences: [{ ...EXAMPLE_SEQUENCE }],
    tasks: [{ ...EXAMPLE_TASK }],
    messages: [{ ...EXAMPLE_OUTBOUND_MESSAGE }, inboundMessage],
  };
}
