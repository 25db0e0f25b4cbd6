import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";

import { buildDataset } from "../../scripts/dataset/build-dataset";
import { datasetToSql } from "../../scripts/dataset/dataset-sql";
import { callApi, describeResponse } from "../helpers/api";

// The contract's curl examples, run in the contract's order against the development
// dataset, with the responses the contract shows. The expected bodies are written out here
// rather than imported from src/, so they check the OpenAPI document's examples too.
// Timestamps of fresh writes are checked for shape and order only. Tasks also carry
// version, a field this API adds to the contract's task object. So each body below is the
// contract's, plus the version that the example's step leaves the task at.

const KEY = "topo_xxxxxxxxxxxx";
const TASK_ID = "019e5f6a-7b8c-9d01-2e3f-4a5b6c7d8e9f";

const PENDING_TASK = {
  id: TASK_ID,
  organization_id: "018e9d8c-7b6a-7f5e-4d3c-2b1a0f9e8d7c",
  type: "CALL",
  priority: "HOT",
  status: "PENDING",
  sequence_id: "018f3c1a-4b2d-7e8f-9a0b-1c2d3e4f5a6b",
  assignee_user_id: "019d4e5f-6a7b-8c91-0d2e-3f4a5b6c7d8e",
  disposition: null,
  reopened_at: null,
  reopen_reason: null,
  skipped_at: null,
  completed_at: null,
  created_at: "2025-03-13T07:00:00Z",
  updated_at: "2025-03-13T07:00:00Z",
  version: 1,
};

const THREAD = [
  {
    id: "01af6b7c-8d9e-0f12-3a4b-5c6d7e8f9a0b",
    channel: "EMAIL",
    direction: "OUTBOUND",
    subject: "Quick question about your outbound stack",
    body:
      "Hi Sarah,\n\nI noticed Acme Corp recently expanded its SDR team — curious whether you're looking at tools " +
      "to help them scale outreach without sacrificing personalization.\n\nWould a 15-minute call this week " +
      "make sense?\n\nBest,\nJamie",
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
];

const SKIPPED_TASK = {
  ...PENDING_TASK,
  status: "SKIPPED",
  skipped_at: "2025-03-13T10:05:33Z",
  updated_at: "2025-03-13T10:05:33Z",
  version: 2,
};

const REASSIGNED_TASK = {
  ...PENDING_TASK,
  assignee_user_id: "01c1d2e3-f4a5-6b78-9c0d-e1f2a3b4c5d6",
  updated_at: "2025-03-13T11:20:00Z",
  version: 4,
};

const FRESH_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;

describe("contract examples on the development dataset", () => {
  beforeAll(async () => {
    await env.DB.exec(datasetToSql(await buildDataset()));
  });

  it("runs every example in order", async () => {
    const listed = await callApi(
      "/v1/tasks?status=PENDING&types=CALL&assignee_user_id=019d4e5f-6a7b-8c91-0d2e-3f4a5b6c7d8e&sort_by=created_at&sort_order=asc",
      { key: KEY },
    );
    expect(listed.body, describeResponse(listed)).toEqual({
      items: [PENDING_TASK],
      total_count: 1,
      total_pages: 1,
      has_more: false,
    });

    const fetched = await callApi(`/v1/tasks/${TASK_ID}`, { key: KEY });
    expect(fetched.body, describeResponse(fetched)).toEqual(PENDING_TASK);

    const thread = await callApi(`/v1/tasks/${TASK_ID}/messages`, { key: KEY });
    expect(thread.body, describeResponse(thread)).toEqual(THREAD);

    const skipped = await callApi(`/v1/tasks/${TASK_ID}/skip`, { method: "POST", key: KEY });
    expect(skipped.status, describeResponse(skipped)).toBe(200);
    expect(skipped.body).toEqual({
      ...PENDING_TASK,
      status: "SKIPPED",
      skipped_at: skipped.body.skipped_at,
      updated_at: skipped.body.skipped_at,
      version: 2,
    });
    expect(skipped.body.skipped_at).toMatch(FRESH_TIMESTAMP);

    const reopened = await callApi(`/v1/tasks/${TASK_ID}/reopen`, { method: "POST", key: KEY });
    expect(reopened.status, describeResponse(reopened)).toBe(200);
    expect(reopened.body).toEqual({
      ...PENDING_TASK,
      reopened_at: reopened.body.reopened_at,
      updated_at: reopened.body.reopened_at,
      version: 3,
    });
    expect(Date.parse(reopened.body.reopened_at)).toBeGreaterThanOrEqual(Date.parse(skipped.body.skipped_at));

    const reassigned = await callApi(`/v1/tasks/${TASK_ID}/assignee`, {
      method: "PATCH",
      key: KEY,
      body: { assignee_user_id: "01c1d2e3-f4a5-6b78-9c0d-e1f2a3b4c5d6", scope: "SEQUENCE" },
    });
    expect(reassigned.status, describeResponse(reassigned)).toBe(200);
    expect(reassigned.body).toEqual({
      ...PENDING_TASK,
      assignee_user_id: "01c1d2e3-f4a5-6b78-9c0d-e1f2a3b4c5d6",
      reopened_at: reopened.body.reopened_at,
      updated_at: reassigned.body.updated_at,
      version: 4,
    });
    expect(Date.parse(reassigned.body.updated_at)).toBeGreaterThanOrEqual(Date.parse(reopened.body.updated_at));
  });

  it.each([
    ["topo_dev_readonly_4f7c1a9e2b", 200, 403],
    ["topo_dev_writeonly_8b3d6e0f5a", 403, 422],
    ["topo_dev_revoked_2c9e7a4f1d", 401, 401],
    ["topo_dev_expired_6a1f3c8e0b", 401, 401],
    ["topo_dev_globex_9d2b5f7a3c", 404, 404],
  ])("development key %s gets %i on read, %i on reopen", async (key, readStatus, writeStatus) => {
    const read = await callApi(`/v1/tasks/${TASK_ID}`, { key });
    const write = await callApi(`/v1/tasks/${TASK_ID}/reopen`, { method: "POST", key });

    expect(read.status, describeResponse(read)).toBe(readStatus);
    expect(write.status, describeResponse(write)).toBe(writeStatus);
  });
});

describe("contract examples in the OpenAPI document", () => {
  it.each([
    ["/v1/tasks", "get", { items: [PENDING_TASK], total_count: 1, total_pages: 1, has_more: false }],
    ["/v1/tasks/{id}", "get", PENDING_TASK],
    ["/v1/tasks/{id}/messages", "get", THREAD],
    ["/v1/tasks/{id}/skip", "post", SKIPPED_TASK],
    ["/v1/tasks/{id}/assignee", "patch", REASSIGNED_TASK],
  ])("shows the contract's response for %s", async (path, method, expected) => {
    const document = await callApi("/openapi.json");

    expect(document.body.paths[path][method].responses["200"].content["application/json"].example).toEqual(expected);
  });
});
