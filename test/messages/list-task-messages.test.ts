import { describe, expect, it } from "vitest";

import { callApi } from "../helpers/api";
import { expectError, expectStatus } from "../helpers/assertions";
import { BASE_TIME, createMessage, createSequence, createTask, createWorkspace } from "../helpers/factories";

describe("GET /v1/tasks/{id}/messages", () => {
  it("returns the whole thread oldest first", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace);
    const reply = await createMessage(workspace, {
      direction: "INBOUND",
      senderId: null,
      body: "Sounds good",
      sentAt: BASE_TIME + 60_000,
    });
    const first = await createMessage(workspace, { sentAt: BASE_TIME });
    const note = await createMessage(workspace, {
      channel: "LINKEDIN",
      subject: null,
      sentAt: BASE_TIME + 120_500,
    });

    const response = await callApi(`/v1/tasks/${task.id}/messages`, { key: workspace.key.rawKey });

    expectStatus(response, 200);
    expect(response.body.map((message: { id: string }) => message.id)).toEqual([first.id, reply.id, note.id]);
    expect(response.body[1]).toEqual({
      id: reply.id,
      channel: "EMAIL",
      direction: "INBOUND",
      subject: "Hello",
      body: "Sounds good",
      sent_at: "2025-03-13T07:01:00Z",
      sender_id: null,
    });
    expect(response.body[2].sent_at).toBe("2025-03-13T07:02:00.500Z");
  });

  it("returns more than a page of messages", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace);
    for (let index = 0; index < 120; index++) {
      await createMessage(workspace, { sentAt: BASE_TIME + index });
    }

    const response = await callApi(`/v1/tasks/${task.id}/messages`, { key: workspace.key.rawKey });

    expect(response.body).toHaveLength(120);
  });

  it("rejects paging parameters", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace);

    const response = await callApi(`/v1/tasks/${task.id}/messages?page=2`, { key: workspace.key.rawKey });

    expectError(response, 400, "ValidationIssue");
  });

  it("returns an empty array for a thread without messages", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace);

    const response = await callApi(`/v1/tasks/${task.id}/messages`, { key: workspace.key.rawKey });

    expectStatus(response, 200);
    expect(response.body).toEqual([]);
  });

  it("leaves out other sequences' messages", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace);
    const otherSequence = await createSequence(workspace.organization.id, workspace.template.id);
    await createMessage(workspace, { sequenceId: otherSequence.id });

    const response = await callApi(`/v1/tasks/${task.id}/messages`, { key: workspace.key.rawKey });

    expect(response.body).toEqual([]);
  });

  it("returns 404 for an unknown task", async () => {
    const workspace = await createWorkspace();

    const response = await callApi(`/v1/tasks/${crypto.randomUUID()}/messages`, { key: workspace.key.rawKey });

    expectError(response, 404, "NotFoundIssue");
  });

  it("returns 404 for another workspace's task", async () => {
    const workspace = await createWorkspace();
    const other = await createWorkspace();
    const foreign = await createTask(other);
    await createMessage(other);

    const response = await callApi(`/v1/tasks/${foreign.id}/messages`, { key: workspace.key.rawKey });

    expectError(response, 404, "NotFoundIssue");
  });
});
