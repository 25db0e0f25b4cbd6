import { beforeAll, describe, expect, it } from "vitest";

import { ERROR_KINDS, ERROR_TYPES } from "../../src/http/errors";
import { callApi } from "../helpers/api";

// The contract's fields, parameters and enum values, written out here so the test fails
// when the generated document drops or renames any of them.

const TASK_FIELDS = {
  id: "string",
  organization_id: "string",
  type: "TaskType",
  priority: "TaskPriority",
  status: "TaskStatus",
  sequence_id: "string",
  assignee_user_id: "string|null",
  disposition: "string|null",
  reopened_at: "string|null",
  reopen_reason: "string|null",
  skipped_at: "string|null",
  completed_at: "string|null",
  created_at: "string",
  updated_at: "string",
  version: "integer",
};

const TASK_EVENT_FIELDS = {
  id: "string",
  sequence_number: "integer",
  type: "TaskEventType",
  task_id: "string",
  sequence_id: "string",
  task_version: "integer",
  changes: "TaskEventChanges",
  task: "Task",
  actor: "TaskEventActor",
  occurred_at: "string",
};

const MESSAGE_FIELDS = {
  id: "string",
  channel: "MessageChannel",
  direction: "MessageDirection",
  subject: "string|null",
  body: "string",
  sent_at: "string",
  sender_id: "string|null",
};

const WEBHOOK_FIELDS = {
  id: "string",
  name: "string",
  url: "string",
  description: "string|null",
  event_types: "array",
  sequence_template_ids: "array|null",
  status: "WebhookStatus",
  disabled_reason: "string|null",
  secret_prefix: "string",
  created_at: "string",
  updated_at: "string",
};

const WEBHOOK_DELIVERY_FIELDS = {
  id: "string",
  webhook_id: "string",
  event_id: "string",
  event_type: "TaskEventType",
  status: "WebhookDeliveryStatus",
  attempt_count: "integer",
  last_status_code: "integer|null",
  last_duration_ms: "integer|null",
  last_error: "string|null",
  last_attempt_at: "string|null",
  next_attempt_at: "string|null",
  created_at: "string",
  updated_at: "string",
  attempts: "array",
};

const ENUMS: Record<string, string[]> = {
  TaskType: ["CALL", "EMAIL_REPLY", "LINKEDIN_REPLY", "NEW_LEAD_REVIEW"],
  TaskPriority: ["HOT", "TODAY", "EXTRA"],
  TaskStatus: ["PENDING", "IN_PROGRESS", "COMPLETED", "SKIPPED"],
  MessageChannel: ["EMAIL", "LINKEDIN", "MANUAL", "CALENDAR"],
  MessageDirection: ["INBOUND", "OUTBOUND"],
  TaskEventType: ["task.created", "task.started", "task.completed", "task.skipped", "task.reopened", "task.reassigned"],
  WebhookStatus: ["ACTIVE", "PAUSED", "DISABLED"],
  WebhookDeliveryStatus: ["PENDING", "SUCCEEDED", "FAILED"],
};

const OPERATIONS = [
  { method: "get", path: "/v1/tasks", operationId: "listTasks", scope: "tasks:read", success: "200" },
  { method: "get", path: "/v1/tasks/{id}", operationId: "getTask", scope: "tasks:read", success: "200" },
  {
    method: "get",
    path: "/v1/tasks/{id}/messages",
    operationId: "listTaskMessages",
    scope: "tasks:read",
    success: "200",
  },
  { method: "post", path: "/v1/tasks/{id}/skip", operationId: "skipTask", scope: "tasks:write", success: "200" },
  { method: "post", path: "/v1/tasks/{id}/reopen", operationId: "reopenTask", scope: "tasks:write", success: "200" },
  {
    method: "patch",
    path: "/v1/tasks/{id}/assignee",
    operationId: "reassignTask",
    scope: "tasks:write",
    success: "200",
  },
  { method: "post", path: "/v1/tasks/{id}/start", operationId: "startTask", scope: "tasks:write", success: "200" },
  {
    method: "post",
    path: "/v1/tasks/{id}/complete",
    operationId: "completeTask",
    scope: "tasks:write",
    success: "200",
  },
  {
    method: "post",
    path: "/v1/tasks/bulk-actions",
    operationId: "applyBulkTaskAction",
    scope: "tasks:write",
    success: "200",
  },
  { method: "get", path: "/v1/task-events", operationId: "listTaskEvents", scope: "tasks:read", success: "200" },
  { method: "get", path: "/v1/me", operationId: "getMe", scope: null, success: "200" },
  { method: "get", path: "/v1/webhooks", operationId: "listWebhooks", scope: "webhooks:read", success: "200" },
  { method: "post", path: "/v1/webhooks", operationId: "createWebhook", scope: "webhooks:write", success: "201" },
  { method: "get", path: "/v1/webhooks/{id}", operationId: "getWebhook", scope: "webhooks:read", success: "200" },
  { method: "patch", path: "/v1/webhooks/{id}", operationId: "updateWebhook", scope: "webhooks:write", success: "200" },
  {
    method: "delete",
    path: "/v1/webhooks/{id}",
    operationId: "deleteWebhook",
    scope: "webhooks:write",
    success: "204",
  },
  {
    method: "post",
    path: "/v1/webhooks/{id}/rotate-secret",
    operationId: "rotateWebhookSecret",
    scope: "webhooks:write",
    success: "200",
  },
  {
    method: "post",
    path: "/v1/webhooks/{id}/test",
    operationId: "testWebhook",
    scope: "webhooks:write",
    success: "200",
  },
  {
    method: "get",
    path: "/v1/webhooks/{id}/deliveries",
    operationId: "listWebhookDeliveries",
    scope: "webhooks:read",
    success: "200",
  },
  {
    method: "post",
    path: "/v1/webhooks/{id}/deliveries/{delivery_id}/redeliver",
    operationId: "redeliverWebhookDelivery",
    scope: "webhooks:write",
    success: "202",
  },
];
type Schema = Record<string, any>;

describe("OpenAPI document", () => {
  let document: Schema;
  let schemas: Record<string, Schema>;

  beforeAll(async () => {
    const response = await callApi("/openapi.json");
    document = response.body;
    schemas = document.components.schemas;
  });

  function typeOf(property: Schema): string {
    if (property.$ref) {
      return property.$ref.replace("#/components/schemas/", "");
    }
    return Array.isArray(property.type) ? property.type.join("|") : property.type;
  }

  it("is OpenAPI 3.1 with a bearer scheme", () => {
    expect(document.openapi).toBe("3.1.0");
    expect(document.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
  });

  it.each([
    ["Task", TASK_FIELDS],
    ["Message", MESSAGE_FIELDS],
    ["TaskEvent", TASK_EVENT_FIELDS],
    ["Webhook", WEBHOOK_FIELDS],
    ["WebhookDelivery", WEBHOOK_DELIVERY_FIELDS],
  ])("describes every %s field with its type", (name, fields) => {
    const schema = schemas[name]!;

    expect(Object.keys(schema.properties)).toEqual(Object.keys(fields));
    expect(schema.required).toEqual(Object.keys(fields));
    for (const [field, type] of Object.entries(fields)) {
      expect(typeOf(schema.properties[field]), field).toBe(type);
      expect(schema.properties[field].description ?? schemas[type]?.description, field).toBeTruthy();
    }
  });

  it.each(Object.entries(ENUMS))("lists every %s value", (name, values) => {
    expect(schemas[name]!.enum).toEqual(values);
  });

  it("lists the nullable enums with null", () => {
    expect(schemas.Task!.properties.disposition.enum).toEqual(["ANSWERED", "VOICEMAIL_LEFT", "NO_ANSWER", null]);
    expect(schemas.Task!.properties.reopen_reason.enum).toEqual(["REMINDER_RULE", null]);
  });

  it("describes every list parameter", () => {
    const parameters: Schema[] = document.paths["/v1/tasks"].get.parameters;
    const byName = Object.fromEntries(parameters.map((parameter) => [parameter.name, parameter]));

    expect(Object.keys(byName)).toEqual([
      "status",
      "assignee_user_id",
      "sequence_id",
      "sequence_template_ids",
      "types",
      "priorities",
      "created_at_after",
      "created_at_before",
      "updated_at_after",
      "updated_at_before",
      "sort_by",
      "sort_order",
      "page",
      "size",
    ]);
    for (const parameter of parameters) {
      expect(parameter.in, parameter.name).toBe("query");
      expect(parameter.required, parameter.name).toBe(false);
      expect(parameter.description, parameter.name).toBeTruthy();
    }
    for (const name of ["sequence_template_ids", "types", "priorities"]) {
      expect(byName[name]).toMatchObject({ style: "form", explode: true, schema: { type: "array" } });
      expect(byName[name]!.schema.maxItems, name).toBeGreaterThan(0);
    }
    expect(byName.types!.schema.items.$ref).toBe("#/components/schemas/TaskType");
    expect(byName.priorities!.schema.items.$ref).toBe("#/components/schemas/TaskPriority");
    expect(byName.sort_by!.schema).toMatchObject({ enum: ["created_at", "updated_at"], default: "created_at" });
    expect(byName.sort_order!.schema).toMatchObject({ enum: ["asc", "desc"], default: "asc" });
    expect(byName.page!.schema).toMatchObject({ type: "integer", minimum: 1, default: 1 });
    expect(byName.size!.schema).toMatchObject({ type: "integer", minimum: 1, maximum: 100, default: 10 });
  });

  it("describes the list envelope", () => {
    expect(Object.keys(schemas.TaskPage!.properties)).toEqual(["items", "total_count", "total_pages", "has_more"]);
    expect(Object.keys(schemas.TaskEventPage!.properties)).toEqual(["items", "total_count", "total_pages", "has_more"]);
    expect(Object.keys(schemas.WebhookPage!.properties)).toEqual(["items", "total_count", "total_pages", "has_more"]);
    expect(Object.keys(schemas.WebhookDeliveryPage!.properties)).toEqual([
      "items",
      "total_count",
      "total_pages",
      "has_more",
    ]);
  });

  it("describes every parameter of the task event log", () => {
    const operation = document.paths["/v1/task-events"].get;
    const byName = Object.fromEntries(operation.parameters.map((parameter: Schema) => [parameter.name, parameter]));

    expect(Object.keys(byName)).toEqual(["after_sequence_number", "types", "task_id", "page", "size"]);
    for (const parameter of operation.parameters) {
      expect(parameter.in, parameter.name).toBe("query");
      expect(parameter.required, parameter.name).toBe(false);
      expect(parameter.description, parameter.name).toBeTruthy();
    }
    expect(byName.after_sequence_number!.schema).toMatchObject({ type: "integer", minimum: 0, default: 0 });
    expect(byName.types).toMatchObject({ style: "form", explode: true, schema: { type: "array", maxItems: 6 } });
    expect(byName.types!.schema.items.$ref).toBe("#/components/schemas/TaskEventType");
    expect(byName.size!.schema).toMatchObject({ type: "integer", minimum: 1, maximum: 100, default: 10 });
    expect(operation.responses["410"].content["application/json"].example).toMatchObject({
      status_code: 410,
      type: "GoneIssue",
      data: { pruned_through_sequence_number: expect.any(Number) },
    });
    expect(operation.description).toContain("410");
  });

  it("describes every field of an event's changes and actor", () => {
    const changes = schemas.TaskEventChanges!;

    expect(Object.keys(changes.properties)).toEqual([
      "status",
      "priority",
      "assignee_user_id",
      "disposition",
      "reopened_at",
      "reopen_reason",
      "skipped_at",
      "completed_at",
    ]);
    expect(changes.required ?? []).toEqual([]);
    for (const [field, property] of Object.entries<Schema>(changes.properties)) {
      expect(property.description, field).toBeTruthy();
      expect(property.required, field).toEqual(["previous", "current"]);
    }
    expect(schemas.TaskEventActor!.properties.type.enum).toEqual(["API_KEY", "SEQUENCE"]);
  });

  it("describes the reassignment body with its default scope", () => {
    const body = schemas.ReassignTaskRequest!;

    expect(body.required).toEqual(["assignee_user_id"]);
    expect(body.properties.scope).toMatchObject({ enum: ["TASK", "SEQUENCE"], default: "TASK" });
  });

  it("describes the bulk action body as one variant per action", () => {
    const body = schemas.BulkTaskActionRequest!;
    const variants = body.oneOf.map((variant: Schema) => schemas[typeOf(variant)]!);

    expect(body.discriminator.propertyName).toBe("action");
    expect(Object.keys(body.discriminator.mapping)).toEqual(["skip", "reopen", "start", "complete", "reassign"]);
    for (const variant of variants) {
      expect(variant.additionalProperties).toBe(false);
      expect(variant.required).toEqual(expect.arrayContaining(["action", "task_ids"]));
      expect(variant.properties.task_ids).toMatchObject({ minItems: 1, maxItems: 100, uniqueItems: true });
      for (const [field, property] of Object.entries<Schema>(variant.properties)) {
        expect(property.description, field).toBeTruthy();
        expect(property.example, field).toBeDefined();
      }
    }
  });

  it.each(["CreateWebhookRequest", "UpdateWebhookRequest"])("declares the bounds of %s", (name) => {
    // Each bound is one that the API enforces, so a body valid against the document is accepted.
    const body = schemas[name]!;

    expect(body.additionalProperties).toBe(false);
    expect(body.properties.event_types).toMatchObject({ minItems: 1, maxItems: 6, uniqueItems: true });
    expect(body.properties.sequence_template_ids).toMatchObject({ type: ["array", "null"], minItems: 1, maxItems: 50 });
    expect(body.properties.name).toMatchObject({ minLength: 1, maxLength: 255 });
    expect(body.properties.url).toMatchObject({ format: "uri", maxLength: 2048 });
  });

  it("declares that an update sets a field", () => {
    expect(schemas.UpdateWebhookRequest!.minProperties).toBe(1);
    expect(schemas.UpdateWebhookRequest!.required ?? []).toEqual([]);
  });

  it("describes each bulk result with a nullable task and error", () => {
    const result = schemas.BulkTaskActionResult!;

    expect(result.required).toEqual(["task_id", "status_code", "task", "error"]);
    expect(result.properties.task.anyOf).toEqual([{ $ref: "#/components/schemas/Task" }, { type: "null" }]);
    expect(result.properties.error.anyOf).toEqual([{ $ref: "#/components/schemas/Error" }, { type: "null" }]);
    expect(Object.keys(schemas.BulkTaskActionResponse!.properties)).toEqual([
      "results",
      "succeeded_count",
      "failed_count",
    ]);
  });

  it.each(OPERATIONS)(
    "declares $operationId with its scope and errors",
    ({ method, path, operationId, scope, success }) => {
      const operation = document.paths[path]?.[method];

      expect(operation, `${method} ${path}`).toBeDefined();
      expect(operation.operationId).toBe(operationId);
      expect(operation.summary).toBeTruthy();
      expect(operation.security).toEqual([{ bearerAuth: scope === null ? [] : [scope] }]);
      expect(operation["x-required-scope"]).toBe(scope);

      // Each operation declares exactly one success status, so a client knows which body to expect.
      const statuses = Object.keys(operation.responses);
      expect(statuses.filter((code) => code.startsWith("2"))).toEqual([success]);
      expect(statuses).toContain("401");
      expect(statuses).toContain("500");
      expect(statuses.includes("403")).toBe(scope !== null);
      for (const status of statuses.filter((code) => code !== success && code !== "304")) {
        const content = operation.responses[status].content["application/json"];
        const kind = Object.values(ERROR_KINDS).find((entry) => String(entry.status) === status);

        expect(content.schema.$ref, `${operationId} ${status}`).toBe("#/components/schemas/Error");
        expect(content.example, `${operationId} ${status}`).toMatchObject({
          status_code: Number(status),
          type: kind?.type,
        });
      }
    },
  );

  it.each(OPERATIONS)("gives $operationId examples for its request and responses", ({ method, path }) => {
    const operation = document.paths[path][method];

    for (const parameter of operation.parameters ?? []) {
      const example = parameter.example ?? parameter.schema.example;
      expect(example, `${path} ${parameter.in} parameter ${parameter.name}`).toBeDefined();
    }
    for (const [mediaType, content] of Object.entries<Schema>(operation.requestBody?.content ?? {})) {
      expect(content.example, `${path} request body ${mediaType}`).toBeDefined();
    }
    for (const [status, response] of Object.entries<Schema>(operation.responses)) {
      for (const [mediaType, content] of Object.entries<Schema>(response.content ?? {})) {
        expect(content.example, `${path} ${status} ${mediaType}`).toBeDefined();
      }
      for (const [name, header] of Object.entries<Schema>(response.headers ?? {})) {
        expect(header.schema.example, `${path} ${status} header ${name}`).toBeDefined();
      }
    }
  });

  it("shows an example of every error type that an operation returns", () => {
    const exampleTypes = new Set(
      Object.values<Schema>(document.paths).flatMap((item) =>
        Object.values<Schema>(item).flatMap((operation) =>
          Object.values<Schema>(operation.responses).map(
            (response) => response.content?.["application/json"]?.example?.type,
          ),
        ),
      ),
    );
    // A 405 belongs to no operation, because it is the response to a method that no operation declares.
    const operationTypes = ERROR_TYPES.filter((type) => type !== ERROR_KINDS.methodNotAllowed.type);

    for (const type of operationTypes) {
      expect(exampleTypes.has(type), type).toBe(true);
    }
  });

  it("declares the Idempotency-Key header on every POST and PATCH", () => {
    const changes = OPERATIONS.filter(({ method }) => method === "post" || method === "patch");

    for (const { method, path } of changes) {
      const parameters: Schema[] = document.paths[path][method].parameters ?? [];
      expect(
        parameters.some((parameter) => parameter.in === "header" && parameter.name === "Idempotency-Key"),
        `${method} ${path}`,
      ).toBe(true);
    }
  });

  it("declares every operation of the contract and no other", () => {
    const declared = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.keys(item as object).map((method) => `${method} ${path}`),
    );

    expect(declared.sort()).toEqual(OPERATIONS.map(({ method, path }) => `${method} ${path}`).sort());
  });
});
