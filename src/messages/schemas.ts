import { z } from "@hono/zod-openapi";

import { timestampSchema } from "../common/schemas";
import { MESSAGE_CHANNELS, MESSAGE_DIRECTIONS } from "../common/enums";

export const MessageSchema = z
  .object({
    id: z.string().openapi({
      format: "uuid",
      description: "Unique identifier for the message.",
      example: "01b07c8d-9e0f-1a23-4b5c-6d7e8f9a0b1c",
    }),
    channel: z.enum(MESSAGE_CHANNELS).openapi("MessageChannel", {
      description: "The channel the message was sent on.",
      example: "EMAIL",
    }),
    direction: z.enum(MESSAGE_DIRECTIONS).openapi("MessageDirection", {
      description: "INBOUND for messages received from the contact; OUTBOUND for messages sent by your team.",
      example: "INBOUND",
    }),
    subject: z.string().nullable().openapi({
      description: "The email subject line; null for non-email channels.",
      example: "Re: Quick question about your outbound stack",
    }),
    body: z.string().openapi({
      description:
        "The message text. Quoted reply history is stripped from inbound messages, leaving only the new content.",
      example: "Hi Jamie, yes happy to chat. Let's do Thursday at 2pm EST.",
    }),
    sent_at: timestampSchema.openapi({
      description: "When the message was sent (outbound) or received (inbound).",
      example: "2025-03-11T14:32:00Z",
    }),
    sender_id: z.string().nullable().openapi({
      format: "uuid",
      description: "The workspace user who sent an outbound message; null for inbound messages from the contact.",
      example: null,
    }),
  })
  .openapi("Message", {
    description: "An email or LinkedIn message exchanged in the contact thread of a task's sequence.",
  });

export type Message = z.infer<typeof MessageSchema>;

export const MessageListSchema = z.array(MessageSchema).openapi("MessageList", {
  description: "The whole thread, oldest first. Not paginated.",
});
