// The baseline: the API's endpoints that the benchmark drives, as plain fetch handling with
// the API's own SQL (bench/workers/shared/sql.ts) on D1. No router, no input validation, no
// ORM. It trusts its input, so it is only fit for the benchmark's well-formed requests.

import {
  FIND_TASK_SQL,
  listCountSql,
  listPageSql,
  listWhere,
  REASSIGN_SEQUENCE_SQL,
  REOPEN_TASK_SQL,
  SKIP_TASK_SQL,
  TASK_BY_ID_SQL,
  TASK_STATUS_SQL,
  THREAD_MESSAGES_SQL,
  THREAD_TASK_SQL,
  USER_IN_WORKSPACE_SQL,
} from "../shared/sql";
import {
  authenticate,
  D1Meter,
  logRequest,
  serializeTask,
  withinRateLimit,
  type BenchBindings,
  type BenchCaller,
  type MessageRecord,
  type TaskRecord,
} from "../shared/runtime";

const TASK_PATH = /^\/v1\/tasks\/([0-9a-fA-F-]{36})(\/messages|\/skip|\/reopen|\/assignee)?$/;

function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });
}

function taskResponse(row: TaskRecord): Response {
  return json(serializeTask(row), 200, { ETag: `"v${row.version}"` });
}

const notFound = () => json({ status_code: 404, type: "NotFoundIssue" }, 404);

async function listTasks(url: URL, meter: D1Meter, caller: BenchCaller): Promise<Response> {
  const search = url.searchParams;
  const page = Number(search.get("page") ?? "1");
  const size = Number(search.get("size") ?? "10");
  const where = listWhere({
    status: search.get("status") ?? undefined,
    assigneeUserId: search.get("assignee_user_id") ?? undefined,
  });
  const bindings = [caller.organizationId, ...where.params];

  const [rows, totals] = await meter.batch([
    meter.prepare(listPageSql(where.sql)).bind(...bindings, size, (page - 1) * size),
    meter.prepare(listCountSql(where.sql)).bind(...bindings),
  ]);
  const totalCount = Object.values((totals!.results[0] ?? {}) as Record<string, number>)[0] ?? 0;
  const totalPages = Math.ceil(totalCount / size);

  return json({
    items: (rows!.results as TaskRecord[]).map(serializeTask),
    total_count: totalCount,
    total_pages: totalPages,
    has_more: page < totalPages,
  });
}

async function getTask(taskId: string, meter: D1Meter, caller: BenchCaller): Promise<Response> {
  const [row] = await meter.all<TaskRecord>(meter.prepare(FIND_TASK_SQL).bind(taskId, caller.organizationId, 1));
  return row === undefined ? notFound() : taskResponse(row);
}

async function listMessages(taskId: string, meter: D1Meter, caller: BenchCaller): Promise<Response> {
  const { organizationId } = caller;
  const [found, thread] = await meter.batch([
    meter.prepare(THREAD_TASK_SQL).bind(taskId, organizationId),
    meter.prepare(THREAD_MESSAGES_SQL).bind(organizationId, taskId, organizationId),
  ]);
  if (found!.results.length === 0) {
    return notFound();
  }
  return json(
    (thread!.results as MessageRecord[]).map((row) => ({
      id: row.id,
      channel: row.channel,
      direction: row.direction,
      subject: row.subject,
      body: row.body,
      sent_at: new Date(row.sent_at).toISOString().replace(".000Z", "Z"),
      sender_id: row.sender_id,
    })),
  );
}

async function changeStatus(
  taskId: string,
  action: "/skip" | "/reopen",
  meter: D1Meter,
  caller: BenchCaller,
): Promise<Response> {
  const now = Date.now();
  const { organizationId, apiKeyId } = caller;
  const ids = JSON.stringify([taskId]);
  const at = [now, organizationId, ids];
  const update =
    action === "/skip"
      ? meter
          .prepare(SKIP_TASK_SQL)
          .bind("SKIPPED", ...at, ...at, apiKeyId, organizationId, ids, "PENDING", "IN_PROGRESS")
      : meter
          .prepare(REOPEN_TASK_SQL)
          .bind("PENDING", null, ...at, null, null, null, ...at, apiKeyId, organizationId, ids, "COMPLETED", "SKIPPED");

  const [updated, current] = await meter.batch([update, meter.prepare(TASK_STATUS_SQL).bind(organizationId, ids)]);
  const row = updated!.results[0] as TaskRecord | undefined;
  if (row !== undefined) {
    return taskResponse(row);
  }
  const found = (current!.results[0] as { id: string | null } | undefined)?.id != null;
  return found ? json({ status_code: 422, type: "BusinessIssue" }, 422) : notFound();
}

async function reassignSequence(
  taskId: string,
  request: Request,
  meter: D1Meter,
  caller: BenchCaller,
): Promise<Response> {
  const { assignee_user_id: assignee } = await request.json<{ assignee_user_id: string }>();
  const { organizationId } = caller;

  const [, current, user] = await meter.batch([
    meter
      .prepare(REASSIGN_SEQUENCE_SQL)
      .bind(
        assignee,
        Date.now(),
        organizationId,
        organizationId,
        "PENDING",
        "IN_PROGRESS",
        caller.apiKeyId,
        organizationId,
        taskId,
        organizationId,
        "PENDING",
        "IN_PROGRESS",
        assignee,
        assignee,
        organizationId,
      ),
    meter.prepare(TASK_BY_ID_SQL).bind(taskId, organizationId),
    meter.prepare(USER_IN_WORKSPACE_SQL).bind(assignee, organizationId),
  ]);
  const row = current!.results[0] as TaskRecord | undefined;
  if (row === undefined) {
    return notFound();
  }
  return user!.results.length === 0 ? json({ status_code: 422, type: "BusinessIssue" }, 422) : taskResponse(row);
}

async function route(
  request: Request,
  url: URL,
  meter: D1Meter,
  caller: BenchCaller,
): Promise<[string | null, Response]> {
  if (url.pathname === "/v1/tasks" && request.method === "GET") {
    return ["/v1/tasks", await listTasks(url, meter, caller)];
  }

  const match = TASK_PATH.exec(url.pathname);
  if (match === null) {
    return [null, notFound()];
  }
  const taskId = match[1]!.toLowerCase();
  const action = match[2];

  if (action === undefined && request.method === "GET") {
    return ["/v1/tasks/{id}", await getTask(taskId, meter, caller)];
  }
  if (action === "/messages" && request.method === "GET") {
    return ["/v1/tasks/{id}/messages", await listMessages(taskId, meter, caller)];
  }
  if ((action === "/skip" || action === "/reopen") && request.method === "POST") {
    return [`/v1/tasks/{id}${action}`, await changeStatus(taskId, action, meter, caller)];
  }
  if (action === "/assignee" && request.method === "PATCH") {
    return ["/v1/tasks/{id}/assignee", await reassignSequence(taskId, request, meter, caller)];
  }
  return [null, notFound()];
}

export default {
  async fetch(request, env) {
    const startedAt = performance.now();
    const meter = new D1Meter(env.DB);
    const url = new URL(request.url);

    const caller = await authenticate(request, meter);
    let routeName: string | null = null;
    let response: Response;
    if (caller === undefined) {
      response = json({ status_code: 401, type: "UnauthorizedIssue" }, 401);
    } else if (!(await withinRateLimit(env, request.method, caller))) {
      response = json({ status_code: 429, type: "RateLimitIssue" }, 429);
    } else {
      [routeName, response] = await route(request, url, meter, caller);
    }

    response.headers.set("Server-Timing", meter.serverTiming());
    response.headers.set("X-Request-Id", crypto.randomUUID());
    logRequest(request, routeName, response.status, startedAt, caller);
    return response;
  },
} satisfies ExportedHandler<BenchBindings>;
