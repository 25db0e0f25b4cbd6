import { beforeAll, describe, expect, it } from "vitest";

import { TASK_PRIORITIES, TASK_TYPES } from "../../src/common/enums";
import { callApi, describeResponse } from "../helpers/api";
import { expectError, expectStatus } from "../helpers/assertions";
import {
  BASE_TIME,
  createSequence,
  createTask,
  createTemplate,
  createWorkspace,
  type Workspace,
} from "../helpers/factories";

const CONTRACT_TASK_FIELDS = [
  "id",
  "organization_id",
  "type",
  "priority",
  "status",
  "sequence_id",
  "assignee_user_id",
  "disposition",
  "reopened_at",
  "reopen_reason",
  "skipped_at",
  "completed_at",
  "created_at",
  "updated_at",
];

// Fields this API adds after the contract's, as additive /v1 changes.
const ADDED_TASK_FIELDS = ["version"];

const MINUTE = 60_000;

function ids(response: { body: { items: { id: string }[] } }): string[] {
  return response.body.items.map((task) => task.id);
}

describe("GET /v1/tasks", () => {
  let workspace: Workspace;

  beforeAll(async () => {
    workspace = await createWorkspace();
  });

  const list = (query = "", key = workspace.key.rawKey) => callApi(`/v1/tasks${query}`, { key });

  it("returns the contract's envelope and task fields", async () => {
    const own = await createWorkspace();
    await createTask(own);

    const response = await callApi("/v1/tasks", { key: own.key.rawKey });

    expectStatus(response, 200);
    expect(Object.keys(response.body)).toEqual(["items", "total_count", "total_pages", "has_more"]);
    expect(Object.keys(response.body.items[0])).toEqual([...CONTRACT_TASK_FIELDS, ...ADDED_TASK_FIELDS]);
  });

  it("lists only the caller's workspace", async () => {
    const own = await createWorkspace();
    const other = await createWorkspace();
    const mine = await createTask(own);
    await createTask(other);

    const response = await callApi("/v1/tasks", { key: own.key.rawKey });

    expectStatus(response, 200);
    expect(ids(response)).toEqual([mine.id]);
    expect(response.body.total_count).toBe(1);
  });

  it("applies defaults of page 1, size 10, created_at asc", async () => {
    const own = await createWorkspace();
    const created = [];
    for (let index = 0; index < 12; index++) {
      created.push(await createTask(own, { createdAt: BASE_TIME + (12 - index) * MINUTE }));
    }

    const response = await callApi("/v1/tasks", { key: own.key.rawKey });

    expectStatus(response, 200);
    const expected = [...created].sort((left, right) => left.createdAt - right.createdAt).slice(0, 10);
    expect(ids(response)).toEqual(expected.map((task) => task.id));
    expect(response.body.total_count).toBe(12);
    expect(response.body.total_pages).toBe(2);
    expect(response.body.has_more).toBe(true);
  });

  describe("filters", () => {
    let filtered: Workspace;
    let secondTemplateSequence: { id: string; templateId: string };
    const taskIds: Record<string, string> = {};

    beforeAll(async () => {
      filtered = await createWorkspace();
      const template = await createTemplate(filtered.organization.id);
      const sequence = await createSequence(filtered.organization.id, template.id);
      secondTemplateSequence = { id: sequence.id, templateId: template.id };

      taskIds.pendingCall = (await createTask(filtered, { createdAt: BASE_TIME })).id;
      taskIds.doneEmail = (
        await createTask(filtered, {
          type: "EMAIL_REPLY",
          priority: "TODAY",
          status: "COMPLETED",
          completedAt: BASE_TIME + 2 * MINUTE,
          createdAt: BASE_TIME + MINUTE,
        })
      ).id;
      taskIds.otherRepLinkedin = (
        await createTask(filtered, {
          type: "LINKEDIN_REPLY",
          priority: "EXTRA",
          assigneeUserId: filtered.otherRep.id,
          createdAt: BASE_TIME + 2 * MINUTE,
        })
      ).id;
      taskIds.unassignedReview = (
        await createTask(filtered, {
          type: "NEW_LEAD_REVIEW",
          status: "IN_PROGRESS",
          assigneeUserId: null,
          sequenceId: secondTemplateSequence.id,
          sequenceTemplateId: secondTemplateSequence.templateId,
          createdAt: BASE_TIME + 3 * MINUTE,
        })
      ).id;
      taskIds.skippedCall = (
        await createTask(filtered, {
          status: "SKIPPED",
          skippedAt: BASE_TIME + 5 * MINUTE,
          priority: "TODAY",
          createdAt: BASE_TIME + 4 * MINUTE,
        })
      ).id;
    });

    const cases: [string, () => string, () => string[]][] = [
      ["status", () => "?status=PENDING", () => [taskIds.pendingCall!, taskIds.otherRepLinkedin!]],
      ["assignee_user_id", () => `?assignee_user_id=${filtered.otherRep.id}`, () => [taskIds.otherRepLinkedin!]],
      ["sequence_id", () => `?sequence_id=${secondTemplateSequence.id}`, () => [taskIds.unassignedReview!]],
      [
        "one sequence_template_ids value",
        () => `?sequence_template_ids=${secondTemplateSequence.templateId}`,
        () => [taskIds.unassignedReview!],
      ],
      [
        "repeated sequence_template_ids",
        () =>
          `?sequence_template_ids=${secondTemplateSequence.templateId}&sequence_template_ids=${filtered.template.id}`,
        () => Object.values(taskIds),
      ],
      ["one types value", () => "?types=CALL", () => [taskIds.pendingCall!, taskIds.skippedCall!]],
      [
        "repeated types",
        () => "?types=EMAIL_REPLY&types=NEW_LEAD_REVIEW",
        () => [taskIds.doneEmail!, taskIds.unassignedReview!],
      ],
      [
        "repeated priorities",
        () => "?priorities=TODAY&priorities=EXTRA",
        () => [taskIds.doneEmail!, taskIds.otherRepLinkedin!, taskIds.skippedCall!],
      ],
      [
        "created_at_after, strictly",
        () => `?created_at_after=${new Date(BASE_TIME + 2 * MINUTE).toISOString()}`,
        () => [taskIds.unassignedReview!, taskIds.skippedCall!],
      ],
      [
        "created_at_before, strictly",
        () => `?created_at_before=${new Date(BASE_TIME + 2 * MINUTE).toISOString()}`,
        () => [taskIds.pendingCall!, taskIds.doneEmail!],
      ],
      [
        "created_at range with a numeric offset",
        () => "?created_at_after=2025-03-13T08:00:30%2B01:00&created_at_before=2025-03-13T09:02:30%2B02:00",
        () => [taskIds.doneEmail!, taskIds.otherRepLinkedin!],
      ],
      [
        "created_at range with compact offsets",
        () => "?created_at_after=2025-03-13T08:00:30%2B0100&created_at_before=2025-03-13T09:02:30%2B02",
        () => [taskIds.doneEmail!, taskIds.otherRepLinkedin!],
      ],
      ["one priorities value", () => "?priorities=EXTRA", () => [taskIds.otherRepLinkedin!]],
      [
        "several filters joined by AND",
        () => `?status=PENDING&types=CALL&assignee_user_id=${filtered.rep.id}`,
        () => [taskIds.pendingCall!],
      ],
      [
        "uppercase ids, compared in lower case",
        () => `?assignee_user_id=${filtered.otherRep.id.toUpperCase()}`,
        () => [taskIds.otherRepLinkedin!],
      ],
    ];

    it.each(cases)("filters by %s", async (_name, query, expected) => {
      const response = await list(query(), filtered.key.rawKey);

      expectStatus(response, 200);
      expect(ids(response)).toEqual(expected());
      expect(response.body.total_count).toBe(expected().length);
    });

    it("matches nothing for an unknown assignee", async () => {
      const response = await list(`?assignee_user_id=${crypto.randomUUID()}`, filtered.key.rawKey);

      expectStatus(response, 200);
      expect(response.body).toEqual({ items: [], total_count: 0, total_pages: 0, has_more: false });
    });

    it("keeps sub-millisecond bounds strict", async () => {
      const justAfterFirst = "2025-03-13T07:00:00.0004Z";

      const before = await list(`?created_at_before=${justAfterFirst}`, filtered.key.rawKey);
      const after = await list(`?created_at_after=${justAfterFirst}`, filtered.key.rawKey);

      expect(ids(before)).toEqual([taskIds.pendingCall]);
      expect(ids(after)).not.toContain(taskIds.pendingCall);
      expect(after.body.total_count).toBe(4);
    });
  });

  describe("sorting and paging", () => {
    let sorted: Workspace;

    beforeAll(async () => {
      sorted = await createWorkspace();
      // Seven tasks share one created_at, so only the id tie-break orders them.
      for (let index = 0; index < 7; index++) {
        await createTask(sorted, { createdAt: BASE_TIME, updatedAt: BASE_TIME + (index % 3) * MINUTE });
      }
      await createTask(sorted, { createdAt: BASE_TIME - MINUTE, updatedAt: BASE_TIME + 10 * MINUTE });
    });

    async function pageThrough(query: string): Promise<string[]> {
      const seen: string[] = [];
      for (let page = 1; page <= 10; page++) {
        const response = await list(`?size=3&page=${page}${query}`, sorted.key.rawKey);
        expectStatus(response, 200);
        seen.push(...ids(response));
        if (!response.body.has_more) {
          break;
        }
      }
      return seen;
    }

    it.each([
      ["created_at", "asc"],
      ["created_at", "desc"],
      ["updated_at", "asc"],
      ["updated_at", "desc"],
    ])("pages by %s %s without repeats or gaps", async (sortBy, sortOrder) => {
      const all = await list(`?size=100&sort_by=${sortBy}&sort_order=${sortOrder}`, sorted.key.rawKey);
      const paged = await pageThrough(`&sort_by=${sortBy}&sort_order=${sortOrder}`);

      expect(paged).toEqual(ids(all));
      expect(new Set(paged).size).toBe(8);
    });

    it("orders by the sort field, then id", async () => {
      const response = await list("?size=100&sort_by=updated_at&sort_order=desc", sorted.key.rawKey);
      const items: { id: string; updated_at: string }[] = response.body.items;

      const expected = [...items].sort((left, right) =>
        left.updated_at === right.updated_at
          ? right.id.localeCompare(left.id)
          : Date.parse(right.updated_at) - Date.parse(left.updated_at),
      );
      expect(items.map((task) => task.id)).toEqual(expected.map((task) => task.id));
      expect(items[0]!.updated_at).toBe("2025-03-13T07:10:00Z");
    });

    it("computes total_pages as ceil(total_count / size)", async () => {
      const response = await list("?size=3", sorted.key.rawKey);

      expect(response.body.total_count).toBe(8);
      expect(response.body.total_pages).toBe(3);
      expect(response.body.has_more).toBe(true);
    });

    it("returns no items past the last page", async () => {
      const response = await list("?size=3&page=4", sorted.key.rawKey);

      expectStatus(response, 200);
      expect(response.body).toEqual({ items: [], total_count: 8, total_pages: 3, has_more: false });
    });

    it("reports has_more false on the last page", async () => {
      const response = await list("?size=3&page=3", sorted.key.rawKey);

      expect(ids(response)).toHaveLength(2);
      expect(response.body.has_more).toBe(false);
    });

    it("accepts the smallest size", async () => {
      const response = await list("?size=1&page=8", sorted.key.rawKey);

      expectStatus(response, 200);
      expect(ids(response)).toHaveLength(1);
      expect(response.body.total_pages).toBe(8);
      expect(response.body.has_more).toBe(false);
    });

    it("accepts the largest page and size", async () => {
      const response = await list("?size=100&page=1000000000", sorted.key.rawKey);

      expectStatus(response, 200);
      expect(response.body.items).toEqual([]);
    });
  });

  describe("validation", () => {
    const invalid: [string, string, string][] = [
      ["size below 1", "?size=0", "size"],
      ["size above 100", "?size=101", "size"],
      ["a fractional size", "?size=2.5", "size"],
      ["a size in exponent notation", "?size=1e2", "size"],
      ["a size in hexadecimal", "?size=0x10", "size"],
      ["an empty size", "?size=", "size"],
      ["page below 1", "?page=0", "page"],
      ["a page that is not a number", "?page=first", "page"],
      ["a page above the maximum", "?page=1000000001", "page"],
      ["an unknown status", "?status=DONE", "status"],
      ["a lowercase status", "?status=pending", "status"],
      ["a repeated single-valued filter", "?status=PENDING&status=SKIPPED", "status"],
      ["an unknown type", "?types=CALL&types=FAX", "types"],
      ["an unknown priority", "?priorities=URGENT", "priorities"],
      ["a malformed assignee id", "?assignee_user_id=42", "assignee_user_id"],
      ["a malformed template id", "?sequence_template_ids=nope", "sequence_template_ids"],
      ["a date without a time", "?created_at_after=2025-03-13", "created_at_after"],
      ["a date-time without an offset", "?created_at_before=2025-03-13T07:00:00", "created_at_before"],
      ["a date that does not exist", "?created_at_before=2025-02-30T07:00:00Z", "created_at_before"],
      ["an unknown sort field", "?sort_by=priority", "sort_by"],
      ["an unknown sort order", "?sort_order=up", "sort_order"],
      ["an unknown parameter", "?stauts=PENDING", "stauts"],
      ["bracketed array syntax", "?types[]=CALL", "types[]"],
    ];

    it.each(invalid)("rejects %s", async (_name, query, parameter) => {
      const response = await list(query);

      expectError(response, 400, "ValidationIssue");
      const names = response.body.data.issues.map((issue: { name: string }) => issue.name);
      expect(names, describeResponse(response)).toContain(parameter);
      expect(response.body.message, describeResponse(response)).toContain(parameter);
    });

    it("lists allowed values for an enum", async () => {
      const response = await list("?status=DONE");

      expect(response.body.data.issues[0]).toMatchObject({
        location: "query",
        name: "status",
        allowed_values: ["PENDING", "IN_PROGRESS", "COMPLETED", "SKIPPED"],
      });
    });

    it("hints at %2B for an offset sent with a bare +", async () => {
      const response = await list("?created_at_after=2025-03-13T08:00:00+01:00");

      expectError(response, 400, "ValidationIssue");
      expect(response.body.message).toContain("%2B");
    });

    it("states the range of size", async () => {
      const response = await list("?size=500");

      expect(response.body.data.issues[0]).toMatchObject({ name: "size", maximum: 100 });
      expect(response.body.message).toContain("at most 100");
    });

    it("rejects more template ids than the limit", async () => {
      const query = Array.from({ length: 51 }, () => `sequence_template_ids=${crypto.randomUUID()}`).join("&");

      const response = await list(`?${query}`);

      expectError(response, 400, "ValidationIssue");
      expect(response.body.data.issues[0]).toMatchObject({ name: "sequence_template_ids", maximum: 50 });
    });

    it("runs every filter at its limit in one query", async () => {
      const templateIds = Array.from({ length: 50 }, () => `sequence_template_ids=${crypto.randomUUID()}`);
      const query = [
        "status=PENDING",
        `assignee_user_id=${crypto.randomUUID()}`,
        `sequence_id=${crypto.randomUUID()}`,
        ...templateIds,
        ...TASK_TYPES.map((type) => `types=${type}`),
        ...TASK_PRIORITIES.map((priority) => `priorities=${priority}`),
        "created_at_after=2020-01-01T00:00:00Z",
        "created_at_before=2030-01-01T00:00:00Z",
        "sort_by=updated_at",
        "sort_order=desc",
        "page=3",
        "size=100",
      ].join("&");

      const response = await list(`?${query}`);

      expectStatus(response, 200);
      expect(response.body.total_count).toBe(0);
    });

    it("counts an id in two letter cases once", async () => {
      const ids = Array.from({ length: 50 }, () => crypto.randomUUID());
      const query = ids
        .flatMap((id) => [id, id.toUpperCase()])
        .map((id) => `sequence_template_ids=${id}`)
        .join("&");

      const response = await list(`?${query}`);

      expectStatus(response, 200);
    });

    it("counts distinct values against the limit", async () => {
      const query = Array.from({ length: 30 }, () => "types=CALL").join("&");

      const response = await list(`?${query}`);

      expectStatus(response, 200);
    });

    it("words enum errors plainly", async () => {
      const response = await list("?status=DONE");

      expect(response.body.message).toBe(
        "Invalid query: status must be one of PENDING, IN_PROGRESS, COMPLETED, SKIPPED.",
      );
    });

    it("reports every invalid parameter at once", async () => {
      const response = await list("?size=0&status=DONE");

      const names = response.body.data.issues.map((issue: { name: string }) => issue.name).sort();
      expect(names).toEqual(["size", "status"]);
    });
  });
});
