import { describe, expect, it } from "vitest";

import { MAX_ENTITY_TAGS } from "../../src/http/entity-tags";
import { callApi } from "../helpers/api";
import { expectError, expectStatus } from "../helpers/assertions";
import { BASE_TIME, createTask, createWorkspace, readTask, type Workspace } from "../helpers/factories";

const CHANGES = [
  { name: "skip", path: "skip", method: "POST", status: "PENDING" },
  { name: "reopen", path: "reopen", method: "POST", status: "COMPLETED" },
  { name: "reassign", path: "assignee", method: "PATCH", status: "PENDING" },
] as const;

type Change = (typeof CHANGES)[number];

function sendChange(workspace: Workspace, taskId: string, change: Change, headers: Record<string, string> = {}) {
  return callApi(`/v1/tasks/${taskId}/${change.path}`, {
    method: change.method,
    key: workspace.key.rawKey,
    headers,
    body: change.name === "reassign" ? { assignee_user_id: workspace.otherRep.id } : undefined,
  });
}

describe("ETag on GET /v1/tasks/{id}", () => {
  it("sends the version as ETag", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace, { version: 7 });

    const response = await callApi(`/v1/tasks/${task.id}`, { key: workspace.key.rawKey });

    expectStatus(response, 200);
    expect(response.headers.get("ETag")).toBe('"v7"');
  });

  it.each([['"v3"'], ['W/"v3"'], ['"v1", "v3"'], ["*"]])(
    "answers 304 without a body to If-None-Match: %s",
    async (ifNoneMatch) => {
      const workspace = await createWorkspace();
      const task = await createTask(workspace, { version: 3 });

      const response = await callApi(`/v1/tasks/${task.id}`, {
        key: workspace.key.rawKey,
        headers: { "If-None-Match": ifNoneMatch },
      });

      expectStatus(response, 304);
      expect(response.text).toBe("");
      expect(response.headers.get("ETag")).toBe('"v3"');
    },
  );

  it("answers 200 to an older ETag", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace, { version: 4 });

    const response = await callApi(`/v1/tasks/${task.id}`, {
      key: workspace.key.rawKey,
      headers: { "If-None-Match": '"v3"' },
    });

    expectStatus(response, 200);
    expect(response.body.id).toBe(task.id);
  });

  it("rejects a malformed If-None-Match", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace);

    const response = await callApi(`/v1/tasks/${task.id}`, {
      key: workspace.key.rawKey,
      headers: { "If-None-Match": "v1" },
    });

    expectError(response, 400, "ValidationIssue");
    expect(response.body.data.issues[0]).toMatchObject({ location: "header", name: "If-None-Match" });
  });
});

describe.each(CHANGES)("If-Match on $name", (change) => {
  it("applies at the current ETag", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace, { status: change.status, version: 5 });

    const response = await sendChange(workspace, task.id, change, { "If-Match": '"v5"' });

    expectStatus(response, 200);
    expect(response.headers.get("ETag")).toBe('"v6"');
    expect((await readTask(task.id)).version).toBe(6);
  });

  it("answers 412 to a stale ETag", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace, { status: change.status, version: 5, updatedAt: BASE_TIME });

    const response = await sendChange(workspace, task.id, change, { "If-Match": '"v4"' });

    expectError(response, 412, "PreconditionFailedIssue");
    expect(response.body.data).toEqual({ task_id: task.id, current_etag: '"v5"' });
    const stored = await readTask(task.id);
    expect(stored).toEqual(task);
  });

  it("answers 412 to a weak tag", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace, { status: change.status, version: 2 });

    const response = await sendChange(workspace, task.id, change, { "If-Match": 'W/"v2"' });

    expectError(response, 412, "PreconditionFailedIssue");
    expect((await readTask(task.id)).version).toBe(2);
  });

  it("applies the change to If-Match: *", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace, { status: change.status });

    const response = await sendChange(workspace, task.id, change, { "If-Match": "*" });

    expectStatus(response, 200);
  });

  it("answers 404 for another workspace", async () => {
    const workspace = await createWorkspace();
    const other = await createWorkspace();
    const foreign = await createTask(other, { status: change.status });

    const response = await sendChange(workspace, foreign.id, change, { "If-Match": '"v9"' });

    expectError(response, 404, "NotFoundIssue");
  });

  it("rejects a malformed If-Match before changing anything", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace, { status: change.status });

    const response = await sendChange(workspace, task.id, change, { "If-Match": '"v1' });

    expectError(response, 400, "ValidationIssue");
    expect(response.body.data.issues[0]).toMatchObject({ location: "header", name: "If-Match" });
    expect(await readTask(task.id)).toEqual(task);
  });
});

describe("entity tag lists", () => {
  it("skips empty list elements", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace, { version: 2 });

    const response = await callApi(`/v1/tasks/${task.id}`, {
      key: workspace.key.rawKey,
      headers: { "If-None-Match": ', "v1", , "v2",' },
    });

    expectStatus(response, 304);
  });

  it("counts a repeated tag once", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace, { version: 2 });

    const response = await sendChange(workspace, task.id, CHANGES[0], {
      "If-Match": Array.from({ length: 200 }, () => '"v2"').join(", "),
    });

    expectStatus(response, 200);
  });

  it("rejects too many tags", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace, { version: 2 });
    const tags = Array.from({ length: MAX_ENTITY_TAGS + 1 }, (_, index) => `"v${index + 1}"`).join(", ");

    const response = await sendChange(workspace, task.id, CHANGES[0], { "If-Match": tags });

    expectError(response, 400, "ValidationIssue");
    expect(response.body.data.issues[0]).toMatchObject({
      location: "header",
      name: "If-Match",
      message: `must list at most ${MAX_ENTITY_TAGS} entity tags`,
    });
    expect(await readTask(task.id)).toEqual(task);
  });

  it("accepts tags up to the limit", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace, { version: MAX_ENTITY_TAGS });
    const tags = Array.from({ length: MAX_ENTITY_TAGS }, (_, index) => `"v${index + 1}"`).join(", ");

    const response = await sendChange(workspace, task.id, CHANGES[2], { "If-Match": tags });

    expectStatus(response, 200);
  });
});

describe("versions", () => {
  it("rises by one per change", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace);
    const etags = [(await callApi(`/v1/tasks/${task.id}`, { key: workspace.key.rawKey })).headers.get("ETag")];

    for (const change of [CHANGES[0], CHANGES[1], CHANGES[2]]) {
      const response = await sendChange(workspace, task.id, change, { "If-Match": etags.at(-1)! });
      expectStatus(response, 200);
      etags.push(response.headers.get("ETag"));
    }

    expect(etags).toEqual(['"v1"', '"v2"', '"v3"', '"v4"']);
  });

  it("prefers 412 over 422", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace, { status: "SKIPPED", version: 2 });

    const response = await sendChange(workspace, task.id, CHANGES[0], { "If-Match": '"v1"' });

    expectError(response, 412, "PreconditionFailedIssue");
  });

  it("keeps the version on a no-op", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace, { assigneeUserId: workspace.otherRep.id, version: 3 });

    const response = await sendChange(workspace, task.id, CHANGES[2], { "If-Match": '"v3"' });

    expectStatus(response, 200);
    expect(response.headers.get("ETag")).toBe('"v3"');
  });

  it("guards a SEQUENCE reassignment", async () => {
    const workspace = await createWorkspace();
    const named = await createTask(workspace, { version: 2 });
    const sibling = await createTask(workspace, { createdAt: BASE_TIME + 1 });

    const rejected = await callApi(`/v1/tasks/${named.id}/assignee`, {
      method: "PATCH",
      key: workspace.key.rawKey,
      headers: { "If-Match": '"v1"' },
      body: { assignee_user_id: workspace.otherRep.id, scope: "SEQUENCE" },
    });
    expectError(rejected, 412, "PreconditionFailedIssue");
    expect(await readTask(sibling.id)).toEqual(sibling);

    const applied = await callApi(`/v1/tasks/${named.id}/assignee`, {
      method: "PATCH",
      key: workspace.key.rawKey,
      headers: { "If-Match": '"v2"' },
      body: { assignee_user_id: workspace.otherRep.id, scope: "SEQUENCE" },
    });
    expectStatus(applied, 200);
    expect(applied.headers.get("ETag")).toBe('"v3"');
    expect(await readTask(sibling.id)).toMatchObject({ assigneeUserId: workspace.otherRep.id, version: 2 });
  });

  it("lets one racing change through", async () => {
    const workspace = await createWorkspace();
    const task = await createTask(workspace);

    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        callApi(`/v1/tasks/${task.id}/assignee`, {
          method: "PATCH",
          key: workspace.key.rawKey,
          headers: { "If-Match": '"v1"' },
          body: { assignee_user_id: workspace.otherRep.id },
        }),
      ),
    );

    const winners = responses.filter((response) => response.status === 200);
    expect(winners).toHaveLength(1);
    for (const loser of responses.filter((response) => response.status !== 200)) {
      expectError(loser, 412, "PreconditionFailedIssue");
    }
    expect((await readTask(task.id)).assigneeUserId).toBe(winners[0]!.body.assignee_user_id);
  });
});
