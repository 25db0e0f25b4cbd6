import type { MessageRow } from "../db/schema";
import { toIsoTimestamp } from "../common/timestamps";
import type { Message } from "./schemas";

/** Renders a stored message as the contract's message object, fields in the contract's order. */
export function serializeMessage(row: MessageRow): Message {
  return {
    id: row.id,
    channel: row.channel,
    direction: row.direction,
    subject: row.subject,
    body: row.body,
    sent_at: toIsoTimestamp(row.sentAt),
    sender_id: row.senderId,
  };
}
