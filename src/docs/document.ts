import type { OpenAPIHono } from "@hono/zod-openapi";

import { SCOPES } from "../auth/scopes";
import type { AppEnv } from "../env";
import { SECURITY_SCHEME } from "../http/define-route";
import { MAX_BODY_BYTES, MAX_QUERY_STRING_LENGTH } from "../http/errors";
import { READ_BUDGET, WRITE_BUDGET } from "../rate-limit/budgets";
import { TASK_EVENT_RETENTION_DAYS } from "../task-events/prune-events";
import { MAX_ENUM_VALUES, MAX_TEMPLATE_IDS } from "../tasks/schemas";

export const OPENAPI_PATH = "/openapi.json";

const DESCRIPTION = `Read and act on the manual tasks (calls, email and LinkedIn replies, lead reviews) that Topo sequences create.

**Authentication.** Send \`Authorization: Bearer topo_…\` on every request. A missing, malformed, unknown, revoked or expired key is a 401; a key without the operation's scope is a 403. Each operation lists the scope it requires, which is also the scope in its security requirement. Scopes: ${SCOPES.join(", ")}. \`GET /v1/me\` shows the workspace and scopes of a key.

**Workspaces.** Every key belongs to one workspace and sees only its tasks. A task of another workspace is a 404, exactly like a task that does not exist.

**Errors.** Every error has the body \`{status_code, type, message, data, request_id}\`; \`type\` is stable, \`message\` is for people. Validation errors list each offending input in \`data.issues\`. Every response carries its request id in the \`X-Request-Id\` header.

**Lists.** \`GET /v1/tasks\` returns \`{items, total_count, total_pages, has_more}\`. Pages are 1-indexed, 1 to 100 tasks each; increment \`page\` until \`has_more\` is false. Ties in the sort field are broken by id in the same direction, so paging never repeats or skips a task while the data is unchanged. Repeatable filters take at most ${MAX_TEMPLATE_IDS} distinct template ids and ${MAX_ENUM_VALUES} distinct enum values each. Unknown query parameters and unknown body fields are rejected with a 400.

**Incremental sync.** Within a workspace, \`updated_at\` never goes backwards in the order changes commit, and tasks changed by one request get distinct values. To copy every change into another system, keep the newest \`updated_at\` you have stored as a watermark W and repeat: request page 1 of \`GET /v1/tasks?sort_by=updated_at&sort_order=asc&size=100&updated_at_after=\` W minus one millisecond (leave the filter out the first time), keep the higher \`version\` of each task, and set W to the \`updated_at\` of the last item, until \`has_more\` is false. Always ask for page 1: a task that changes while you page moves to the end of the order, and page numbers would then skip the task after it. The millisecond of overlap catches tasks created with the same \`updated_at\` as the last one seen; a page needs room for all of them, so use the largest size. For an exact, ordered record of each change, read \`GET /v1/task-events\`.

**Task events.** \`GET /v1/task-events\` is the workspace's log of task changes, numbered 1, 2, 3… in commit order with no gaps. Store the last \`sequence_number\` you processed and ask for \`after_sequence_number\` set to it, with \`page=1\`, until a page is empty. Events are kept at least ${TASK_EVENT_RETENTION_DAYS} days; resuming from before the deleted ones is a 410 \`GoneIssue\`.

**Safe retries.** Every POST and PATCH takes an optional \`Idempotency-Key\` (1 to 255 visible ASCII characters, kept 24 hours per API key). A retry with the same key and the same method, path, query, precondition headers and body gets the first response again, marked \`Idempotent-Replayed: true\`, and changes nothing. The same key with a different request is a 422; a retry while the first request still runs is a 409. Responses to requests that never ran (400, 401, 403, 413, 414, 415, 429, 5xx) are not kept, so a corrected retry runs.

**Concurrency.** A task's \`ETag\` changes with every change of the task. Send it in \`If-Match\` to change the task only if nobody else has (412 otherwise, with nothing written), or in \`If-None-Match\` on the GET to get a 304 while it is unchanged.

**Rate limits.** Each API key may make ${READ_BUDGET.limit} reads (GET, HEAD) and ${WRITE_BUDGET.limit} writes per ${WRITE_BUDGET.periodSeconds} seconds. Every response names its budget in \`RateLimit-Policy\`; over budget is a 429 with \`Retry-After\`.

**Webhooks.** A webhook POSTs each matching task event to its URL as JSON, with the headers \`Topo-Webhook-Id\` (the event id, the same on every retry and redelivery), \`Topo-Webhook-Timestamp\` (Unix seconds) and \`Topo-Webhook-Signature\` (\`v1=\` and the hex HMAC-SHA256 of \`<timestamp>.<body>\` keyed with the webhook's secret). Only a 2xx answer within 10 seconds counts; failures are retried with exponential backoff for 24 hours, and a webhook whose attempts all fail for 24 hours is DISABLED.

**Limits.** Bodies up to ${MAX_BODY_BYTES} bytes (413 beyond) and query strings up to ${MAX_QUERY_STRING_LENGTH} characters (414 beyond).

**Browsers.** CORS is allowed for the origins the deployment configures; preflight requests need no key.

**Timestamps.** ISO 8601 in UTC with a \`Z\`. Whole seconds print without a fraction (\`2025-03-13T07:00:00Z\`), other instants with milliseconds (\`2025-03-13T07:00:00.250Z\`). Time filters take \`Z\` or a numeric offset (\`+01:00\`, \`+0100\` or \`+01\`); a date-time without one is rejected.`;

/** Serves the OpenAPI 3.1 document generated from the route definitions. */
export function registerOpenApiDocument(app: OpenAPIHono<AppEnv>) {
  app.openAPIRegistry.registerComponent("securitySchemes", SECURITY_SCHEME, {
    type: "http",
    scheme: "bearer",
    description: "An API key of the form topo_…, created in the workspace settings.",
  });

  app.doc31(OPENAPI_PATH, {
    openapi: "3.1.0",
    info: { title: "Topo Tasks API", version: "1.0.0", description: DESCRIPTION },
    // Relative, so the document never points clients (and their keys) at a host taken
    // from the request's Host header.
    servers: [{ url: "/", description: "The server that serves this document" }],
    tags: [
      { name: "Tasks", description: "Tasks, their threads and the actions on them." },
      {
        name: "Task events",
        description: "The workspace's log of task changes, numbered without gaps, to sync from.",
      },
      {
        name: "Webhooks",
        description:
          "Subscriptions that POST signed task events to a URL, with retries for 24 hours, a delivery log and redelivery.",
      },
      { name: "Identity", description: "The calling key and its workspace." },
    ],
  });
}
