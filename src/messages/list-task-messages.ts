import type { OpenAPIHono } from "@hono/zod-openapi";

import { createDatabase } from "../db/client";
import type { MessageRow } from "../db/schema";
import type { AppEnv } from "../env";
import { defineApiRoute } from "../http/define-route";
import { toIsoTimestamp } from "../shared/timestamps";
import { TaskIdParamsSchema } from "../tasks/schemas";
import { taskNotFound } from "../tasks/task-errors";
import { listTaskMessages } from "./queries";
import { MessageListSchema, type Message } from "./schemas";

export const listTaskMessagesRoute = defineApiRoute({
  method: "get",
  path: "/v1/tasks/{id}/messages",
  operationId: "listTaskMessages",
  tags: ["Tasks"],
  summary: "List task messages",
  description:
    "Returns every message of the contact thread of the task's sequence run, oldest first, " +
    "in one response (not paginated): prior emails and LinkedIn messages sent and received, " +
    "so the assignee has the context without switching to the Topo UI.",
  scope: "tasks:read",
  errors: ["validation", "notFound"],
  request: { params: TaskIdParamsSchema },
  responses: {
    200: {
      description: "The thread, oldest first.",
      content: {
        "application/json": {
          schema: MessageListSchema,
          example: [
            {
              id: "01af6b7c-8d9e-0f12-3a4b-5c6d7e8f9a0b",
              channel: "EMAIL",
              direction: "OUTBOUND",
              subject: "Quick question about your outbound stack",
              body: "Hi Sarah,\n\nWould a 15-minute call this week make sense?\n\nBest,\nJamie",
              sent_at: "2025-03-10T09:14:00Z",
              sender_id: "019d4e5f-6a7b-8c91-0d2e-3f4a5b6c7d8e",
            },
            {
              id: "01b07c8d-9e0f-1a23-4b5c-6d7e8f9a0b1c",
              channel: "EMAIL",
              direction: "INBOUND",
              subject: "Re: Quick question about your outbound stack",
              body: "Hi Jamie, yes happy to chat. Let's do Thursday at 2pm EST.",
              sent_at: "2025-03-11T14:32:00Z",
              sender_id: null,
            },
          ],
        },
      },
    },
  },
});

function serializeMessage(row: MessageRow): Message {
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

export function registerListTaskMessages(app: OpenAPIHono<AppEnv>) {
  app.openapi(listTaskMessagesRoute, async (c) => {
    const { id } = c.req.valid("param");
    const { organizationId } = c.get("caller");

    const { task, thread } = await listTaskMessages(createDatabase(c.env.DB), organizationId, id);
    if (task === undefined) {
      throw taskNotFound(id);
    }

    return c.json(thread.map(serializeMessage), 200);
  });
}
