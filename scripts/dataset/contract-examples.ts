import type {
  MessageInsert,
  SequenceInsert,
  SequenceTemplateInsert,
  TaskInsert,
  UserInsert,
} from "../../src/db/schema";
import { EXAMPLE_INBOUND_MESSAGE, EXAMPLE_OUTBOUND_MESSAGE as OUTBOUND_EXAMPLE } from "../../src/messages/examples";
import type { Message } from "../../src/messages/schemas";
import { stripQuotedReply } from "../../src/messages/strip-quoted-reply";
import {
  EXAMPLE_NEW_ASSIGNEE_ID,
  EXAMPLE_SEQUENCE_ID,
  EXAMPLE_TASK_ID,
  EXAMPLE_TEMPLATE_ID,
  EXAMPLE_USER_ID,
} from "../../src/common/example-ids";
import { appendQuotedHistory } from "./quoted-history";
import { EXAMPLE_WORKSPACE } from "./workspaces";

// The rows that the Tasks API contract's examples show, with exactly the values printed
// there: ids, enum values, timestamps, subjects and bodies. Names, emails and creation
// times that the contract does not print are filled in here.

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
  version: 1,
} as const satisfies TaskInsert;

/** Converts a message of the contract's example thread into a row of its sequence run. */
function exampleMessageRow(message: Message, body: string): MessageInsert {
  return {
    id: message.id,
    organizationId: EXAMPLE_WORKSPACE.id,
    sequenceId: EXAMPLE_SEQUENCE_ID,
    channel: message.channel,
    direction: message.direction,
    subject: message.subject,
    body,
    sentAt: Date.parse(message.sent_at),
    senderId: message.sender_id,
  };
}

export const EXAMPLE_OUTBOUND_MESSAGE = exampleMessageRow(OUTBOUND_EXAMPLE, OUTBOUND_EXAMPLE.body);

/** The inbound body as the contract prints it, after quoted history is removed. */
export const EXAMPLE_INBOUND_BODY = EXAMPLE_INBOUND_MESSAGE.body;

/** The inbound body as Sarah's mail client sent it, quoting Jamie's email below her reply. */
export const EXAMPLE_INBOUND_RAW_BODY = appendQuotedHistory(
  EXAMPLE_INBOUND_BODY,
  {
    senderName: EXAMPLE_REP.name,
    senderEmail: EXAMPLE_REP.email,
    recipientName: EXAMPLE_SEQUENCE.contactName,
    recipientEmail: EXAMPLE_SEQUENCE.contactEmail,
    subject: OUTBOUND_EXAMPLE.subject ?? "",
    body: EXAMPLE_OUTBOUND_MESSAGE.body,
    sentAt: EXAMPLE_OUTBOUND_MESSAGE.sentAt,
  },
  "reply-header",
);

export const EXAMPLE_INBOUND_MESSAGE_ID = EXAMPLE_INBOUND_MESSAGE.id;

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

  const inboundMessage = exampleMessageRow(EXAMPLE_INBOUND_MESSAGE, inboundBody);

  return {
    users: [{ ...EXAMPLE_REP }, { ...EXAMPLE_NEW_REP }],
    sequenceTemplates: [{ ...EXAMPLE_TEMPLATE }],
    sequences: [{ ...EXAMPLE_SEQUENCE }],
    tasks: [{ ...EXAMPLE_TASK }],
    messages: [{ ...EXAMPLE_OUTBOUND_MESSAGE }, inboundMessage],
  };
}
