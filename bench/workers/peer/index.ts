// The peer: the API's two hottest reads, GET /v1/tasks/{id} and GET /v1/tasks, written as
// chanfana endpoints on Hono over raw D1, with chanfana validating the path and query. It
// runs the same SQL as the API and wraps it in the same key lookup, rate-limit call, log
// line and Server-Timing as the baseline (bench/workers/shared/runtime.ts).

import { OpenAPIRoute, contentJson, fromHono } from "chanfana";
import { Hono, type Context } from "hono";
import { z } from "zod";

import { FIND_TASK_SQL, listCountSql, listPageSql, listWhere } from "../shared/sql";
import {
  authenticate,
  D1Meter,
  logRequest,
  serializeTask,
  withinRateLimit,
  type BenchBindings,
  type BenchCaller,
  type TaskRecord,
} from "../shared/runtime";

interface PeerEnv {
  Bindings: BenchBindings;
  Variables: { meter: D1Meter; caller: BenchCaller };
}

type PeerContext = Context<PeerEnv>;

const TaskIdSchema = z.uuid({ version: undefined }).transform((id) => id.toLowerCase());

const TaskSchema = z.object({
  id: z.string(),
  organization_id: z.string(),
  type: z.string(),
  priority: z.string(),
  status: z.string(),
  sequence_id: z.string(),
  assignee_user_id: z.string().nullable(),
  disposition: z.string().nullable(),
  reopened_at: z.string().nullable(),
  reopen_reason: z.string().nullable(),
  skipped_at: z.string().nullable(),
  completed_at: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
  version: z.int(),
});

class GetTask extends OpenAPIRoute<[PeerContext]> {
  override schema = {
    request: { params: z.object({ id: TaskIdSchema }) },
    responses: {
      "200": { description: "The task.", ...contentJson(TaskSchema) },
      "404": { description: "No such task in the caller's workspace." },
    },
  };

  override async handle(c: PeerContext) {
    const { params } = await this.getValidatedData<typeof this.schema>();
    const { meter, caller } = c.var;
    const [row] = await meter.all<TaskRecord>(meter.prepare(FIND_TASK_SQL).bind(params.id, caller.organizationId, 1));
    if (row === undefined) {
      return c.json({ status_code: 404, type: "NotFoundIssue" }, 404);
    }
    return c.json(serializeTask(row), 200, { ETag: `"v${row.version}"` });
  }
}

const PageNumberSchema = (minimum: number, maximum: number, fallback: number) =>
  z.coerce.number().int().min(minimum).max(maximum).default(fallback);

class ListTasks extends OpenAPIRoute<[PeerContext]> {
  override schema = {
    request: {
      query: z.object({
        status: z.enum(["PENDING", "IN_PROGRESS", "COMPLETED", "SKIPPED"]).optional(),
        assignee_user_id: TaskIdSchema.optional(),
        sort_by: z.enum(["created_at"]).default("created_at"),
        sort_order: z.enum(["asc"]).default("asc"),
        page: PageNumberSchema(1, 1_000_000_000, 1),
        size: PageNumberSchema(1, 100, 10),
      }),
    },
    responses: {
      "200": {
        description: "A page of tasks and the totals.",
        ...contentJson(
          z.object({
            items: z.array(TaskSchema),
            total_count: z.number(),
            total_pages: z.number(),
            has_more: z.boolean(),
          }),
        ),
      },
    },
  };

  override async handle(c: PeerContext) {
    const { query } = await this.getValidatedData<typeof this.schema>();
    const { meter, caller } = c.var;
    const where = listWhere({ status: query.status, assigneeUserId: query.assignee_user_id });
    const bindings = [caller.organizationId, ...where.params];

    const [rows, totals] = await meter.batch([
      meter.prepare(listPageSql(where.sql)).bind(...bindings, query.size, (query.page - 1) * query.size),
      meter.prepare(listCountSql(where.sql)).bind(...bindings),
    ]);
    const totalCount = Object.values((totals!.results[0] ?? {}) as Record<string, number>)[0] ?? 0;
    const totalPages = Math.ceil(totalCount / query.size);

    return c.json({
      items: (rows!.results as TaskRecord[]).map(serializeTask),
      total_count: totalCount,
      total_pages: totalPages,
      has_more: query.page < totalPages,
    });
  }
}

const app = new Hono<PeerEnv>();

app.use("*", async (c, next) => {
  const startedAt = performance.now();
  const meter = new D1Meter(c.env.DB);
  c.set("meter", meter);

  const caller = await authenticate(c.req.raw, meter);
  if (caller === undefined) {
    c.res = c.json({ status_code: 401, type: "UnauthorizedIssue" }, 401);
  } else if (!(await withinRateLimit(c.env, c.req.method, caller))) {
    c.res = c.json({ status_code: 429, type: "RateLimitIssue" }, 429);
  } else {
    c.set("caller", caller);
    await next();
  }

  c.res.headers.set("Server-Timing", meter.serverTiming());
  c.res.headers.set("X-Request-Id", crypto.randomUUID());
  logRequest(c.req.raw, c.req.routePath, c.res.status, startedAt, caller);
});

const openapi = fromHono(app, { docs_url: null, redoc_url: null, openapi_url: null, raiseUnknownParameters: true });
openapi.get("/v1/tasks", ListTasks);
openapi.get("/v1/tasks/:id", GetTask);

export default app;
