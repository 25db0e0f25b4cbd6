import { expect } from "vitest";

import { describeExchange, type Exchange } from "./exchange";
import type { PropertyFixtures } from "./fixtures";
import { checkPageEnvelope, parseRequestBody, queryOf } from "./page-checks";
import { checkWebhookSuccess, WEBHOOK_OPERATIONS } from "./webhook-checks";

// Checks of what a success response contains, against the request that got it and the
// behaviour the document describes: filters, order and totals of a list, the task that was
// requested, and the fields that each action sets. They complement the schema check, which
// checks only that a body has the right shape. Each check reads one response on its own
// and predicts totals only from task fields that no request changes, so requests that race
// in a batch cannot make a check fail. The checks of webhook responses are in webhook-checks.ts.

interface TaskBody {
  id: string;
  organization_id: string;
  type: string;
  priority: string;
  status: string;
  sequence_id: string;
  assignee_user_id: string | null;
  disposition: string | null;
  reopened_at: string | null;
  reopen_reason: string | null;
  skipped_at: string | null;
  completed_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

interface TaskPageBody {
  items: TaskBody[];
  total_count: number;
  total_pages: number;
  has_more: boolean;
}

// The date-time forms that the time filters accept: RFC 3339, plus the forms the README
// lists (seconds left out, an offset as +hhmm or +hh, a space before the time).
const FILTER_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(?:[Zz]|([+-])(\d{2}):?(\d{2})?)$/;

/**
 * An instant as an exact count of 10^-scale seconds, so that a bound finer than a
 * millisecond compares exactly with the millisecond timestamps of tasks.
 */
interface ExactInstant {
  units: bigint;
  scale: number;
}

function parseFilterInstant(text: string): ExactInstant | undefined {
  const match = FILTER_DATE_TIME.exec(text);
  if (match === null) {
    return undefined;
  }
  const number = (index: number) => Number(match[index] ?? 0);
  const fraction = match[7] ?? "";
  const scale = Math.max(3, fraction.length);

  // setUTCFullYear, because Date.UTC reads the years 0 to 99 as 1900 to 1999.
  const date = new Date(0);
  date.setUTCFullYear(number(1), number(2) - 1, number(3));
  date.setUTCHours(number(4), number(5), number(6), 0);
  const offsetMinutes = (match[8] === "-" ? -1 : 1) * (number(9) * 60 + number(10));
  const wholeSeconds = BigInt(date.getTime() / 1000 - offsetMinutes * 60);

  return { units: wholeSeconds * 10n ** BigInt(scale) + BigInt(fraction.padEnd(scale, "0") || "0"), scale };
}

/** Converts epoch milliseconds to units of 10^-scale seconds, to compare with an ExactInstant. */
function inUnits(scale: number, epochMilliseconds: number): bigint {
  return BigInt(epochMilliseconds) * 10n ** BigInt(scale - 3);
}

/**
 * Counts the caller's tasks that match a list query, or returns undefined when the query
 * filters on status, assignee or updated_at, which requests in the suite change. Every other filter
 * reads fields that no operation changes, and the suite neither creates nor deletes tasks.
 */
function expectedTotalCount(
  query: URLSearchParams,
  organizationId: string,
  fixtures: PropertyFixtures,
): number | undefined {
  const changingFilters = ["status", "assignee_user_id", "updated_at_after", "updated_at_before"];
  if (changingFilters.some((name) => query.has(name))) {
    return undefined;
  }
  const after = query.get("created_at_after");
  const before = query.get("created_at_before");
  const afterInstant = after === null ? undefined : parseFilterInstant(after);
  const beforeInstant = before === null ? undefined : parseFilterInstant(before);
  if ((after !== null && afterInstant === undefined) || (before !== null && beforeInstant === undefined)) {
    return undefined;
  }

  const lowerCase = (values: string[]) => values.map((value) => value.toLowerCase());
  const types = query.getAll("types");
  const priorities = query.getAll("priorities");
  const templates = lowerCase(query.getAll("sequence_template_ids"));
  const sequence = query.get("sequence_id")?.toLowerCase();

  return fixtures.tasks.filter(
    (task) =>
      task.organizationId === organizationId &&
      (types.length === 0 || types.includes(task.type)) &&
      (priorities.length === 0 || priorities.includes(task.priority)) &&
      (templates.length === 0 || templates.includes(task.sequenceTemplateId)) &&
      (sequence === undefined || task.sequenceId === sequence) &&
      (afterInstant === undefined || inUnits(afterInstant.scale, task.createdAt) > afterInstant.units) &&
      (beforeInstant === undefined || inUnits(beforeInstant.scale, task.createdAt) < beforeInstant.units),
  ).length;
}

function checkTaskPage(exchange: Exchange, page: TaskPageBody, fixtures: PropertyFixtures): void {
  const description = describeExchange(exchange);
  const query = queryOf(exchange);
  const caller = exchange.request.caller;

  const expectedTotal = caller === undefined ? undefined : expectedTotalCount(query, caller.organizationId, fixtures);
  if (expectedTotal !== undefined) {
    expect(page.total_count, `total_count differs from the number of matching tasks.\n${description}`).toBe(
      expectedTotal,
    );
  }

  checkPageEnvelope(exchange, page);

  const ranges = (["created_at", "updated_at"] as const).map((field) => {
    const after = query.get(`${field}_after`);
    const before = query.get(`${field}_before`);
    return {
      field,
      after,
      before,
      afterInstant: after === null ? undefined : parseFilterInstant(after),
      beforeInstant: before === null ? undefined : parseFilterInstant(before),
    };
  });

  for (const item of page.items) {
    const context = `Task ${item.id} does not match the filters.\n${description}`;
    if (caller !== undefined) {
      expect(item.organization_id, context).toBe(caller.organizationId);
    }
    if (query.has("status")) {
      expect(item.status, context).toBe(query.get("status"));
    }
    if (query.has("types")) {
      expect(query.getAll("types"), context).toContain(item.type);
    }
    if (query.has("priorities")) {
      expect(query.getAll("priorities"), context).toContain(item.priority);
    }
    if (query.has("assignee_user_id")) {
      expect(item.assignee_user_id, context).toBe(query.get("assignee_user_id")!.toLowerCase());
    }
    if (query.has("sequence_id")) {
      expect(item.sequence_id, context).toBe(query.get("sequence_id")!.toLowerCase());
    }
    for (const { field, after, before, afterInstant, beforeInstant } of ranges) {
      const instant = Date.parse(item[field]);
      if (afterInstant !== undefined) {
        expect(
          inUnits(afterInstant.scale, instant) > afterInstant.units,
          `${field} ${item[field]} is not after ${after}.\n${description}`,
        ).toBe(true);
      }
      if (beforeInstant !== undefined) {
        expect(
          inUnits(beforeInstant.scale, instant) < beforeInstant.units,
          `${field} ${item[field]} is not before ${before}.\n${description}`,
        ).toBe(true);
      }
    }
  }

  // Ties in the sort field are broken by id in the same direction.
  const sortBy = query.get("sort_by") === "updated_at" ? "updated_at" : "created_at";
  const direction = query.get("sort_order") === "desc" ? -1 : 1;
  for (let index = 1; index < page.items.length; index++) {
    const previous = page.items[index - 1]!;
    const current = page.items[index]!;
    const bySort = Math.sign(Date.parse(current[sortBy]) - Date.parse(previous[sortBy]));
    // Ids compare as SQLite compares text: by code unit, not by locale. Ids are unique.
    const byId = current.id > previous.id ? 1 : -1;
    const order = bySort !== 0 ? bySort : byId;
    expect(order, `Tasks ${previous.id} and ${current.id} are out of ${sortBy} order.\n${description}`).toBe(direction);
  }
}

interface TaskEventPageBody {
  items: { sequence_number: number; type: string; task_id: string; task_version: number; task: TaskBody }[];
  total_count: number;
  total_pages: number;
  has_more: boolean;
}

function checkTaskEventPage(exchange: Exchange, page: TaskEventPageBody): void {
  const description = describeExchange(exchange);
  const query = queryOf(exchange);
  const caller = exchange.request.caller;
  const size = Number(query.get("size") ?? 10);
  const pageNumber = Number(query.get("page") ?? 1);
  const after = Number(query.get("after_sequence_number") ?? 0);

  expect(page.items.length, description).toBeLessThanOrEqual(size);
  expect(page.total_pages, `total_pages is ceil(total_count / size).\n${description}`).toBe(
    Math.ceil(page.total_count / size),
  );
  expect(page.has_more, `has_more tells whether pages follow this one.\n${description}`).toBe(
    pageNumber < page.total_pages,
  );

  for (const [index, event] of page.items.entries()) {
    const context = `Event ${event.sequence_number} does not match the query.\n${description}`;
    expect(event.sequence_number, context).toBeGreaterThan(after);
    if (index > 0) {
      expect(event.sequence_number, `Events are out of order.\n${description}`).toBeGreaterThan(
        page.items[index - 1]!.sequence_number,
      );
    }
    if (caller !== undefined) {
      expect(event.task.organization_id, context).toBe(caller.organizationId);
    }
    if (query.has("types")) {
      expect(query.getAll("types"), context).toContain(event.type);
    }
    if (query.has("task_id")) {
      expect(event.task_id, context).toBe(query.get("task_id")!.toLowerCase());
    }
    expect(event.task.id, context).toBe(event.task_id);
    expect(event.task.version, context).toBe(event.task_version);
  }
}

/** Returns the decoded id in the path of a task operation, in lower case. */
function pathTaskId(exchange: Exchange): string {
  const segment = exchange.pathname.split("/")[3] ?? "";
  return decodeURIComponent(segment).toLowerCase();
}

function checkTask(exchange: Exchange, operationId: string, task: TaskBody): void {
  const description = describeExchange(exchange);
  const caller = exchange.request.caller;

  expect(task.id, `The response is another task than the one in the path.\n${description}`).toBe(pathTaskId(exchange));
  if (caller !== undefined) {
    expect(task.organization_id, `The task belongs to another workspace.\n${description}`).toBe(caller.organizationId);
  }

  switch (operationId) {
    case "skipTask":
      expect(task.status, description).toBe("SKIPPED");
      expect(task.skipped_at, description).not.toBeNull();
      break;
    case "startTask":
      expect(task.status, description).toBe("IN_PROGRESS");
      break;
    case "completeTask":
      expect(task.status, description).toBe("COMPLETED");
      expect(task.completed_at, description).not.toBeNull();
      expect(task.disposition === null, description).toBe(task.type !== "CALL");
      break;
    case "reopenTask":
      expect(task.status, description).toBe("PENDING");
      expect(task.reopened_at, description).not.toBeNull();
      expect([task.completed_at, task.skipped_at, task.disposition, task.reopen_reason], description).toEqual([
        null,
        null,
        null,
        null,
      ]);
      break;
    case "reassignTask": {
      // With scope SEQUENCE the response is the task as it is, which keeps its assignee when it is finished.
      const body = parseRequestBody(exchange);
      if (body !== undefined && body.scope !== "SEQUENCE") {
        expect(task.assignee_user_id, description).toBe(String(body.assignee_user_id).toLowerCase());
        expect(["PENDING", "IN_PROGRESS"], description).toContain(task.status);
      }
      break;
    }
  }
}

function checkMessages(exchange: Exchange, messages: { sent_at: string }[]): void {
  const description = describeExchange(exchange);
  for (let index = 1; index < messages.length; index++) {
    expect(
      Date.parse(messages[index]!.sent_at),
      `The thread is not oldest first.\n${description}`,
    ).toBeGreaterThanOrEqual(Date.parse(messages[index - 1]!.sent_at));
  }
}

function checkMe(
  exchange: Exchange,
  me: { organization: { id: string }; api_key: { prefix: string; scopes: string[] } },
): void {
  const description = describeExchange(exchange);
  const caller = exchange.request.caller;
  if (caller === undefined) {
    return;
  }
  expect(me.organization.id, description).toBe(caller.organizationId);
  expect(me.api_key.scopes, description).toEqual(caller.scopes);
  expect(caller.rawKey.startsWith(me.api_key.prefix), `The prefix is not the start of the key.\n${description}`).toBe(
    true,
  );
  expect(JSON.stringify(me), `The response contains the key itself.\n${description}`).not.toContain(caller.rawKey);
}

/**
 * Checks a 2xx body, already valid against its schema, against the request: what a list
 * returns for its filters, which task comes back and what each action sets on it.
 */
export function checkSuccessSemantics(
  exchange: Exchange,
  operationId: string,
  body: any,
  fixtures: PropertyFixtures,
): void {
  switch (operationId) {
    case "listTasks":
      checkTaskPage(exchange, body, fixtures);
      break;
    case "getTask":
    case "skipTask":
    case "startTask":
    case "completeTask":
    case "reopenTask":
    case "reassignTask":
      checkTask(exchange, operationId, body);
      break;
    case "listTaskEvents":
      checkTaskEventPage(exchange, body);
      break;
    case "listTaskMessages":
      checkMessages(exchange, body);
      break;
    case "getMe":
      checkMe(exchange, body);
      break;
  }
  if (WEBHOOK_OPERATIONS.has(operationId)) {
    checkWebhookSuccess(exchange, operationId, body, fixtures);
  }
}
