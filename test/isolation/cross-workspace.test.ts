import { env } from "cloudflare:test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { budgetOf } from "../../src/rate-limit/budgets";
import { callApi, describeResponse, type ApiResponse } from "../helpers/api";
import { expectError } from "../helpers/assertions";
import { startReceiver } from "../helpers/webhook-receiver";
import { receiverUrl } from "../helpers/webhooks";
import { createMarkedWorkspace, KEY_KINDS, type MarkedWorkspace } from "./marked-workspace";
import { readWorkspaceRows } from "./workspace-rows";

// Every operation of the served OpenAPI document is called with each kind of key of one
// workspace (the intruder) on the ids of another (the owner). Each request has a twin that
// carries ids that never existed in place of the owner's. The two responses must match
// byte for byte apart from those ids and the request id, so no response distinguishes the
// owner's data from data that does not exist. No response may contain any id, name or
// email of the owner except the ids that the request itself sent, and no row of either
// workspace may change, apart from the webhooks that the intruder creates in its own.
// No probe may make the worker send a webhook: a spy on fetch records any attempt.

interface DocumentOperation {
  method: string;
  path: string;
  operationId: string;
  /** The scope the operation's security requirement names, or null when any key may call it. */
  scope: string | null;
}

interface ProbeRequest {
  method: string;
  path: string;
  body?: unknown;
}

interface Probe {
  name: string;
  /** The owner's ids that the request carries, by name. The twin carries a fresh id for each. */
  targets: Record<string, string>;
  build: (ids: Record<string, string>) => ProbeRequest;
  /** The response when the key carries the operation's scope. */
  expected: { status: 200 | 201 } | { status: 404; type: "NotFoundIssue" } | { status: 422; type: "BusinessIssue" };
  check?: (response: ApiResponse) => void;
  /**
   * Values that differ between two identical requests, such as the id and secret of a new
   * webhook, by name. They are masked like the ids before the twins are compared.
   */
  volatile?: (response: ApiResponse) => Record<string, string>;
  /** Checks the response that the owner's own key gets for the same request, to show that the probe aims at real data. */
  control?: (response: ApiResponse) => void;
}

interface World {
  owner: MarkedWorkspace;
  intruder: MarkedWorkspace;
}

const NOT_FOUND = { status: 404, type: "NotFoundIssue" } as const;
const EMPTY_PAGE = { items: [], total_count: 0, total_pages: 0, has_more: false };

const servedDocument = await callApi("/openapi.json");
const OPERATIONS: DocumentOperation[] = Object.entries(servedDocument.body.paths ?? {}).flatMap(([path, item]) =>
  Object.entries(item as Record<string, any>).map(([method, operation]) => {
    const requirement = (operation.security?.[0] ?? {}) as Record<string, string[]>;
    return {
      method: method.toUpperCase(),
      path,
      operationId: operation.operationId,
      scope: Object.values(requirement)[0]?.[0] ?? null,
    };
  }),
);

function taskProbes(owner: MarkedWorkspace, build: (taskId: string) => ProbeRequest, control?: Probe["control"]) {
  const probes: Probe[] = Object.entries(owner.tasks).map(([role, task]) => ({
    name: `the ${role} task`,
    targets: { task: task.id },
    build: (ids) => build(ids.task!),
    expected: NOT_FOUND,
    control,
  }));
  probes.push({
    name: "the pending task by its id in upper case",
    targets: { task: owner.tasks.pending.id.toUpperCase() },
    build: (ids) => build(ids.task!),
    expected: NOT_FOUND,
    control,
  });
  return probes;
}

function listProbe(
  name: string,
  targets: Record<string, string>,
  query: (ids: Record<string, string>) => string,
  options: Pick<Probe, "check" | "control"> = {},
): Probe {
  return {
    name,
    targets,
    build: (ids) => ({ method: "GET", path: `/v1/tasks?${query(ids)}` }),
    expected: { status: 200 },
    check: options.check ?? ((response) => expect(response.body).toEqual(EMPTY_PAGE)),
    control: options.control ?? ((response) => expect(response.body.total_count).toBeGreaterThan(0)),
  };
}

function eventProbe(
  name: string,
  targets: Record<string, string>,
  query: (ids: Record<string, string>) => string,
  options: Pick<Probe, "check" | "control"> = {},
): Probe {
  return {
    name,
    targets,
    build: (ids) => ({ method: "GET", path: `/v1/task-events?${query(ids)}` }),
    expected: { status: 200 },
    check: options.check ?? ((response) => expect(response.body).toEqual(EMPTY_PAGE)),
    control: options.control ?? ((response) => expect(response.body.total_count).toBeGreaterThan(0)),
  };
}

/** Checks that every event on the page is of the workspace, and that the page contains all of them. */
function expectOnlyEventsOf(workspace: MarkedWorkspace) {
  return (response: ApiResponse) => {
    // The marked workspace's tasks were inserted, so each has its task.created event, and
    // probes change nothing.
    expect(response.body.total_count).toBe(Object.keys(workspace.tasks).length);
    for (const item of response.body.items) {
      expect(item.task.organization_id).toBe(workspace.organization.id);
    }
  };
}

function expectOnlyTasksOf(workspace: MarkedWorkspace, count: number) {
  return (response: ApiResponse) => {
    expect(response.body.total_count).toBe(count);
    for (const item of response.body.items) {
      expect(item.organization_id).toBe(workspace.organization.id);
    }
  };
}

/** Builds a check that the page lists every webhook of the workspace and nothing else, without secrets. */
function expectOnlyWebhooksOf(workspace: MarkedWorkspace) {
  const ids = Object.values(workspace.webhooks).map((webhook) => webhook.id);
  return (response: ApiResponse) => {
    expect(response.body.total_count).toBe(ids.length);
    expect(response.body.items.map((item: { id: string }) => item.id).sort()).toEqual([...ids].sort());
    for (const item of response.body.items) {
      expect(item).not.toHaveProperty("secret");
    }
  };
}

type MarkedWebhook = MarkedWorkspace["webhooks"]["active"];

/** Builds one probe for each of the owner's webhooks, and one for the active one by its id in upper case. */
function webhookProbes(
  owner: MarkedWorkspace,
  build: (webhookId: string) => ProbeRequest,
  control?: (webhook: MarkedWebhook) => Probe["control"],
): Probe[] {
  const targets = [
    ...Object.entries(owner.webhooks).map(([role, webhook]) => ({
      name: `the ${role} webhook`,
      webhook,
      id: webhook.id,
    })),
    {
      name: "the active webhook by its id in upper case",
      webhook: owner.webhooks.active,
      id: owner.webhooks.active.id.toUpperCase(),
    },
  ];
  return targets.map(({ name, webhook, id }) => ({
    name,
    targets: { webhook: id },
    build: (ids) => build(ids.webhook!),
    expected: NOT_FOUND,
    control: control?.(webhook),
  }));
}

/** Returns the values of a created webhook that differ from one creation to the next, by name. */
function newWebhookValues(response: ApiResponse): Record<string, string> {
  if (response.status !== 201) {
    return {};
  }
  const { id, secret, secret_prefix: secretPrefix, created_at: createdAt } = response.body;
  return { webhook: id, secret, secret_prefix: secretPrefix, created_at: createdAt };
}

/** The probes of each operation, by operationId. An operation of the document without an entry fails its tests. */
const PROBES: Record<string, (world: World) => Probe[]> = {
  getMe: ({ intruder }) => [
    {
      name: "the calling key",
      targets: {},
      build: () => ({ method: "GET", path: "/v1/me" }),
      expected: { status: 200 },
      check: (response) =>
        expect(response.body.organization).toEqual({
          id: intruder.organization.id,
          name: intruder.organization.name,
        }),
    },
  ],

  listTasks: ({ owner, intruder }) => {
    const [userOne, userTwo, userThree] = owner.users;
    const [runOne, runTwo] = owner.runs;
    const [templateOne, templateTwo] = owner.templates;
    const intruderTemplateTasks = Object.values(intruder.tasks).filter(
      (task) => task.sequenceTemplateId === intruder.templates[0].id,
    ).length;

    return [
      ...[userOne, userTwo, userThree].map((user, index) =>
        listProbe(`assignee ${index + 1}`, { user: user.id }, (ids) => `assignee_user_id=${ids.user}`),
      ),
      listProbe(
        "an assignee in upper case",
        { user: userOne.id.toUpperCase() },
        (ids) => `assignee_user_id=${ids.user}`,
      ),
      ...[runOne, runTwo].map((run, index) =>
        listProbe(`sequence run ${index + 1}`, { run: run.id }, (ids) => `sequence_id=${ids.run}`),
      ),
      ...[templateOne, templateTwo].map((template, index) =>
        listProbe(`template ${index + 1}`, { template: template.id }, (ids) => `sequence_template_ids=${ids.template}`),
      ),
      listProbe(
        "both templates",
        { first: templateOne.id, second: templateTwo.id },
        (ids) => `sequence_template_ids=${ids.first}&sequence_template_ids=${ids.second}`,
      ),
      listProbe(
        "an owner's template beside the intruder's own",
        { template: templateOne.id },
        (ids) => `sequence_template_ids=${ids.template}&sequence_template_ids=${intruder.templates[0].id}`,
        { check: expectOnlyTasksOf(intruder, intruderTemplateTasks) },
      ),
      listProbe(
        "assignee, status and updated_at order",
        { user: userOne.id },
        (ids) => `assignee_user_id=${ids.user}&status=PENDING&sort_by=updated_at&sort_order=desc`,
      ),
      listProbe(
        "assignee, run and template together",
        { user: userOne.id, run: runOne.id, template: templateOne.id },
        (ids) => `assignee_user_id=${ids.user}&sequence_id=${ids.run}&sequence_template_ids=${ids.template}`,
      ),
      listProbe(
        "run with type, priority and time filters",
        { run: runOne.id },
        (ids) =>
          `sequence_id=${ids.run}&types=CALL&types=EMAIL_REPLY&priorities=HOT&priorities=TODAY` +
          "&created_at_after=2025-01-01T00:00:00Z&created_at_before=2026-01-01T00:00:00Z",
      ),
      listProbe(
        "the second page of an assignee",
        { user: userOne.id },
        (ids) => `assignee_user_id=${ids.user}&page=2&size=1`,
        {
          check: (response) => expect(response.body).toEqual(EMPTY_PAGE),
          control: (response) => expect(response.body.items).toHaveLength(1),
        },
      ),
      listProbe(
        "an owner's run with the intruder's assignee",
        { run: runOne.id },
        (ids) => `sequence_id=${ids.run}&assignee_user_id=${intruder.users[0].id}`,
        { control: (response) => expect(response.body).toEqual(EMPTY_PAGE) },
      ),
      listProbe("no filter", {}, () => "size=100", {
        check: expectOnlyTasksOf(intruder, Object.keys(intruder.tasks).length),
        control: expectOnlyTasksOf(owner, Object.keys(owner.tasks).length),
      }),
    ];
  },

  getTask: ({ owner }) =>
    taskProbes(
      owner,
      (id) => ({ method: "GET", path: `/v1/tasks/${id}` }),
      (response) => expect(response.body.organization_id).toBe(owner.organization.id),
    ),

  listTaskMessages: ({ owner }) =>
    taskProbes(
      owner,
      (id) => ({ method: "GET", path: `/v1/tasks/${id}/messages` }),
      (response) => expect(response.body.length).toBeGreaterThan(0),
    ),

  listTaskEvents: ({ owner, intruder }) => [
    ...Object.entries(owner.tasks).map(([role, task]) =>
      eventProbe(`the ${role} task's events`, { task: task.id }, (ids) => `task_id=${ids.task}`),
    ),
    eventProbe(
      "the pending task's events by its id in upper case",
      { task: owner.tasks.pending.id.toUpperCase() },
      (ids) => `task_id=${ids.task}`,
    ),
    eventProbe(
      "a task's events of one type, from a resume point",
      { task: owner.tasks.completed.id },
      (ids) => `task_id=${ids.task}&types=task.created&after_sequence_number=0&size=1`,
    ),
    eventProbe("the whole log", {}, () => "size=100", {
      check: expectOnlyEventsOf(intruder),
      control: expectOnlyEventsOf(owner),
    }),
    eventProbe("one type", {}, () => "types=task.created&types=task.skipped&size=100", {
      check: expectOnlyEventsOf(intruder),
      control: expectOnlyEventsOf(owner),
    }),
  ],

  skipTask: ({ owner }) => taskProbes(owner, (id) => ({ method: "POST", path: `/v1/tasks/${id}/skip` })),

  startTask: ({ owner }) => taskProbes(owner, (id) => ({ method: "POST", path: `/v1/tasks/${id}/start` })),

  completeTask: ({ owner }) => [
    ...taskProbes(owner, (id) => ({
      method: "POST",
      path: `/v1/tasks/${id}/complete`,
      body: { disposition: "ANSWERED" },
    })),
    ...taskProbes(owner, (id) => ({ method: "POST", path: `/v1/tasks/${id}/complete` })).map((probe) => ({
      ...probe,
      name: `${probe.name} without a disposition`,
    })),
  ],

  reopenTask: ({ owner }) => taskProbes(owner, (id) => ({ method: "POST", path: `/v1/tasks/${id}/reopen` })),

  applyBulkTaskAction: ({ owner, intruder }) => bulkActionProbes(owner, intruder),

  reassignTask: ({ owner, intruder }) => {
    const reassign = (taskId: string, assigneeId: string, scope: string): ProbeRequest => ({
      method: "PATCH",
      path: `/v1/tasks/${taskId}/assignee`,
      body: { assignee_user_id: assigneeId, scope },
    });
    const probes: Probe[] = [];

    for (const scope of ["TASK", "SEQUENCE"]) {
      for (const [role, task] of Object.entries(owner.tasks)) {
        probes.push({
          name: `the ${role} task to an owner's user, scope ${scope}`,
          targets: { task: task.id, user: owner.users[1].id },
          build: (ids) => reassign(ids.task!, ids.user!, scope),
          expected: NOT_FOUND,
        });
        probes.push({
          name: `the ${role} task to the intruder's user, scope ${scope}`,
          targets: { task: task.id },
          build: (ids) => reassign(ids.task!, intruder.users[0].id, scope),
          expected: NOT_FOUND,
        });
      }

      // The intruder's own tasks, handed to the owner's users: the assignee is looked up in
      // the caller's workspace only, so the owner's user is as unknown as one that never existed.
      for (const role of ["pending", "completed"] as const) {
        for (const user of [owner.users[0], owner.users[2]]) {
          probes.push({
            name: `the intruder's ${role} task to an owner's user, scope ${scope}`,
            targets: { user: user.id },
            build: (ids) => reassign(intruder.tasks[role].id, ids.user!, scope),
            expected: { status: 422, type: "BusinessIssue" },
            check: (response) => expect(response.body.data).toEqual({ assignee_user_id: user.id }),
          });
        }
      }
    }
    return probes;
  },

  listWebhooks: ({ owner, intruder }) => [
    {
      name: "every webhook",
      targets: {},
      build: () => ({ method: "GET", path: "/v1/webhooks?size=100" }),
      expected: { status: 200 },
      check: expectOnlyWebhooksOf(intruder),
      control: expectOnlyWebhooksOf(owner),
    },
    {
      name: "the second page of one",
      targets: {},
      build: () => ({ method: "GET", path: "/v1/webhooks?page=2&size=1" }),
      expected: { status: 200 },
      check: (response) => {
        expect(response.body).toMatchObject({ total_count: 3, total_pages: 3, has_more: true });
        expect(Object.values(intruder.webhooks).map((webhook) => webhook.id)).toContain(response.body.items[0].id);
      },
      control: (response) => {
        expect(response.body).toMatchObject({ total_count: 3, total_pages: 3, has_more: true });
        expect(Object.values(owner.webhooks).map((webhook) => webhook.id)).toContain(response.body.items[0].id);
      },
    },
  ],

  createWebhook: ({ owner, intruder }): Probe[] => {
    const create = (templateIds: string[]): ProbeRequest => ({
      method: "POST",
      path: "/v1/webhooks",
      body: {
        name: "Intruder webhook",
        url: receiverUrl("/intruder"),
        event_types: ["task.created", "task.skipped"],
        sequence_template_ids: templateIds,
      },
    });
    const [templateOne, templateTwo] = owner.templates;

    return [
      {
        name: "on an owner's template",
        targets: { template: templateOne.id },
        build: (ids) => create([ids.template!]),
        expected: { status: 422, type: "BusinessIssue" },
        check: (response) => expect(response.body.data).toEqual({ sequence_template_ids: [templateOne.id] }),
      },
      {
        name: "on an owner's template in upper case",
        targets: { template: templateTwo.id.toUpperCase() },
        build: (ids) => create([ids.template!]),
        expected: { status: 422, type: "BusinessIssue" },
        check: (response) => expect(response.body.data).toEqual({ sequence_template_ids: [templateTwo.id] }),
      },
      {
        name: "on both owner's templates beside the intruder's own",
        targets: { first: templateOne.id, second: templateTwo.id },
        build: (ids) => create([intruder.templates[0].id, ids.first!, ids.second!]),
        expected: { status: 422, type: "BusinessIssue" },
        check: (response) =>
          expect(response.body.data).toEqual({ sequence_template_ids: [templateOne.id, templateTwo.id] }),
      },
      {
        name: "on the intruder's own template",
        targets: {},
        build: () => create([intruder.templates[0].id]),
        expected: { status: 201 },
        check: (response) => expect(response.body.sequence_template_ids).toEqual([intruder.templates[0].id]),
        volatile: newWebhookValues,
      },
    ];
  },

  getWebhook: ({ owner }) =>
    webhookProbes(
      owner,
      (id) => ({ method: "GET", path: `/v1/webhooks/${id}` }),
      (webhook) => (response) =>
        expect(response.body).toMatchObject({ id: webhook.id, name: webhook.name, status: webhook.status }),
    ),

  updateWebhook: ({ owner, intruder }) => {
    const update = (id: string, body: Record<string, unknown>): ProbeRequest => ({
      method: "PATCH",
      path: `/v1/webhooks/${id}`,
      body,
    });
    const bodies: Record<string, Record<string, unknown>> = {
      paused: { status: "PAUSED" },
      "resumed with the intruder's URL": { status: "ACTIVE", url: receiverUrl("/intruder") },
      "renamed onto the intruder's template": {
        name: "Intruder webhook",
        description: null,
        event_types: ["task.completed"],
        sequence_template_ids: [intruder.templates[0].id],
      },
    };
    const probes: Probe[] = [];

    for (const [change, body] of Object.entries(bodies)) {
      for (const probe of webhookProbes(owner, (id) => update(id, body))) {
        probes.push({ ...probe, name: `${probe.name}, ${change}` });
      }
    }

    // The webhook is looked up before the templates, so the owner's webhook is a 404 whatever
    // the template. The owner's template is looked up in the caller's workspace, where it is
    // as unknown as one that never existed.
    const template = owner.templates[0];
    probes.push({
      name: "the active webhook onto an owner's template",
      targets: { webhook: owner.webhooks.active.id, template: template.id },
      build: (ids) => update(ids.webhook!, { sequence_template_ids: [ids.template!] }),
      expected: NOT_FOUND,
      check: (response) => expect(response.body.data).toEqual({ webhook_id: owner.webhooks.active.id }),
    });
    probes.push({
      name: "the intruder's webhook onto an owner's template",
      targets: { template: template.id },
      build: (ids) => update(intruder.webhooks.active.id, { sequence_template_ids: [ids.template!] }),
      expected: { status: 422, type: "BusinessIssue" },
      check: (response) => expect(response.body.data).toEqual({ sequence_template_ids: [template.id] }),
    });
    return probes;
  },

  deleteWebhook: ({ owner }) => webhookProbes(owner, (id) => ({ method: "DELETE", path: `/v1/webhooks/${id}` })),

  rotateWebhookSecret: ({ owner }) =>
    webhookProbes(owner, (id) => ({ method: "POST", path: `/v1/webhooks/${id}/rotate-secret` })),

  testWebhook: ({ owner }) => webhookProbes(owner, (id) => ({ method: "POST", path: `/v1/webhooks/${id}/test` })),

  listWebhookDeliveries: ({ owner }): Probe[] => {
    const deliveriesOf = (webhookId: string, query = "") => ({
      method: "GET",
      path: `/v1/webhooks/${webhookId}/deliveries${query}`,
    });
    const hasDeliveries = () => (response: ApiResponse) => expect(response.body.total_count).toBeGreaterThan(0);

    return [
      ...webhookProbes(owner, (id) => deliveriesOf(id), hasDeliveries),
      {
        name: "the active webhook's failed deliveries",
        targets: { webhook: owner.webhooks.active.id },
        build: (ids) => deliveriesOf(ids.webhook!, "?status=FAILED"),
        expected: NOT_FOUND,
        control: (response) =>
          expect(response.body.items.map((item: { id: string }) => item.id)).toEqual([owner.deliveries.failed.id]),
      },
      {
        name: "the paused webhook's failed deliveries, one per page",
        targets: { webhook: owner.webhooks.paused.id },
        build: (ids) => deliveriesOf(ids.webhook!, "?status=FAILED&page=1&size=1"),
        expected: NOT_FOUND,
        control: (response) => expect(response.body.total_count).toBe(1),
      },
    ];
  },

  redeliverWebhookDelivery: ({ owner, intruder }): Probe[] => {
    const redeliver = (webhookId: string, deliveryId: string): ProbeRequest => ({
      method: "POST",
      path: `/v1/webhooks/${webhookId}/deliveries/${deliveryId}/redeliver`,
    });
    const { active, paused, disabled } = owner.webhooks;
    const pairs = [
      ["the succeeded delivery", active, owner.deliveries.succeeded],
      ["the failed delivery", active, owner.deliveries.failed],
      ["the pending delivery", active, owner.deliveries.pending],
      ["the paused webhook's delivery", paused, owner.deliveries.pausedFailed],
      ["the disabled webhook's delivery", disabled, owner.deliveries.disabledFailed],
    ] as const;

    return [
      ...pairs.map(([name, webhook, delivery]) => ({
        name,
        targets: { webhook: webhook.id, delivery: delivery.id },
        build: (ids: Record<string, string>) => redeliver(ids.webhook!, ids.delivery!),
        expected: NOT_FOUND,
      })),
      {
        name: "the succeeded delivery by ids in upper case",
        targets: { webhook: active.id.toUpperCase(), delivery: owner.deliveries.succeeded.id.toUpperCase() },
        build: (ids) => redeliver(ids.webhook!, ids.delivery!),
        expected: NOT_FOUND,
      },
      // The intruder's own active webhook and finished delivery, each paired with the owner's
      // id: the owner's part is as unknown as one that never existed, and nothing is queued.
      {
        name: "an owner's delivery through the intruder's webhook",
        targets: { delivery: owner.deliveries.succeeded.id },
        build: (ids) => redeliver(intruder.webhooks.active.id, ids.delivery!),
        expected: NOT_FOUND,
        check: (response) => expect(response.body.data).toHaveProperty("delivery_id"),
      },
      {
        name: "the intruder's delivery through an owner's webhook",
        targets: { webhook: active.id },
        build: (ids) => redeliver(ids.webhook!, intruder.deliveries.succeeded.id),
        expected: NOT_FOUND,
        check: (response) => expect(response.body.data).not.toHaveProperty("delivery_id"),
      },
    ];
  },
};

const BULK_ACTION_BODIES = [
  { action: "skip" },
  { action: "reopen" },
  { action: "start" },
  { action: "complete" },
  { action: "complete", disposition: "ANSWERED" },
] as const;

/**
 * Bulk actions on the owner's tasks return 200 with a 404 result for each of them, alone or
 * beside the intruder's own tasks. Reassignments to the owner's users are a 422 for the
 * whole request, as for a user who never existed. The intruder's own tasks in these probes
 * are ones that the action cannot change, so no row of either workspace changes.
 */
function bulkActionProbes(owner: MarkedWorkspace, intruder: MarkedWorkspace): Probe[] {
  const bulk = (body: Record<string, unknown>): ProbeRequest => ({
    method: "POST",
    path: "/v1/tasks/bulk-actions",
    body,
  });
  const allOwnerTasks = Object.fromEntries(Object.entries(owner.tasks).map(([role, task]) => [role, task.id]));
  const upperCaseOwnerTasks = Object.fromEntries(
    Object.entries(owner.tasks).map(([role, task]) => [role, task.id.toUpperCase()]),
  );
  const everyResultNotFound = (response: ApiResponse) => {
    expect(response.body.succeeded_count).toBe(0);
    for (const result of response.body.results) {
      expect(result).toMatchObject({ status_code: 404, task: null, error: { type: "NotFoundIssue" } });
    }
  };
  const probes: Probe[] = [];

  for (const extra of BULK_ACTION_BODIES) {
    const name = `${extra.action}${"disposition" in extra ? " with a disposition" : ""}`;
    probes.push({
      name: `${name} of every owner's task`,
      targets: allOwnerTasks,
      build: (ids) => bulk({ ...extra, task_ids: Object.values(ids) }),
      expected: { status: 200 },
      check: everyResultNotFound,
    });
    probes.push({
      name: `${name} of every owner's task in upper case`,
      targets: upperCaseOwnerTasks,
      build: (ids) => bulk({ ...extra, task_ids: Object.values(ids) }),
      expected: { status: 200 },
      check: everyResultNotFound,
    });
  }

  // Skip and start fail on a finished task of the intruder, so it stays as it is.
  for (const action of ["skip", "start"] as const) {
    probes.push({
      name: `${action} of the owner's pending task beside the intruder's completed one`,
      targets: { task: owner.tasks.pending.id },
      build: (ids) => bulk({ action, task_ids: [intruder.tasks.completed.id, ids.task!] }),
      expected: { status: 200 },
      check: (response) =>
        expect(response.body.results.map((result: { status_code: number }) => result.status_code)).toEqual([422, 404]),
    });
  }

  probes.push({
    name: "reassign of every owner's task to the intruder's user",
    targets: allOwnerTasks,
    build: (ids) => bulk({ action: "reassign", task_ids: Object.values(ids), assignee_user_id: intruder.users[0].id }),
    expected: { status: 200 },
    check: everyResultNotFound,
  });
  for (const user of [owner.users[0], owner.users[2]]) {
    probes.push({
      name: `reassign of every owner's task to an owner's user`,
      targets: { ...allOwnerTasks, user: user.id },
      build: ({ user: userId, ...ids }) =>
        bulk({ action: "reassign", task_ids: Object.values(ids), assignee_user_id: userId }),
      expected: { status: 422, type: "BusinessIssue" },
    });
    probes.push({
      name: `reassign of the intruder's pending task to an owner's user`,
      targets: { user: user.id },
      build: (ids) => bulk({ action: "reassign", task_ids: [intruder.tasks.pending.id], assignee_user_id: ids.user }),
      expected: { status: 422, type: "BusinessIssue" },
      check: (response) => expect(response.body.data).toEqual({ assignee_user_id: user.id }),
    });
  }
  return probes;
}

/** Creates a random id in the same letter case as the given id, which it replaces in a twin request. */
function freshIdLike(id: string): string {
  const fresh = crypto.randomUUID();
  return id === id.toUpperCase() ? fresh.toUpperCase() : fresh;
}

/** Replaces each id, in any letter case, with its name, and the request id with a placeholder. */
function maskIds(text: string, ids: Record<string, string>, requestId: string | null): string {
  let masked = text;
  for (const [name, id] of Object.entries(ids)) {
    masked = masked.replace(new RegExp(escapeRegExp(id), "gi"), `<${name}>`);
  }
  return requestId === null ? masked : masked.replaceAll(requestId, "<request_id>");
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Drops the D1 time from Server-Timing, which varies from request to request anyway. Its
 * round trips and rows read stay, because they would show whether a row was found.
 */
function maskTiming(name: string, value: string): string {
  return name.toLowerCase() === "server-timing" ? value.replace(/d1;dur=[\d.]+/, "d1;dur=<time>") : value;
}

/** The parts of a response that must not depend on whether the ids it was asked about exist. */
function maskedResponse(response: ApiResponse, ids: Record<string, string>) {
  const requestId = response.headers.get("X-Request-Id");
  const headers = [...response.headers]
    .filter(([name]) => name.toLowerCase() !== "x-request-id")
    .map(([name, value]) => `${name}: ${maskIds(maskTiming(name, value), ids, requestId)}`)
    .sort();

  return { status: response.status, headers, body: maskIds(response.text, ids, requestId) };
}

/**
 * Lists the markers found, in any letter case, in a response's body or headers. The ids that
 * the request itself sent are left out, since an error may name them.
 */
function findMarkers(response: ApiResponse, markers: readonly string[], sentIds: readonly string[]): string[] {
  const sent = new Set(sentIds.map((id) => id.toLowerCase()));
  const text = [response.text, ...[...response.headers].map(([name, value]) => `${name}: ${value}`)]
    .join("\n")
    .toLowerCase();

  return markers.filter((marker) => !sent.has(marker.toLowerCase()) && text.includes(marker.toLowerCase()));
}

/** Builds a pattern that matches the request paths of an operation's path template. */
function pathPatternOf(template: string): RegExp {
  const pattern = template
    .split(/\{[^}]+\}/)
    .map((part) => part.replace(/[.*+?^$()|[\]\\]/g, "\\$&"))
    .join("[^/?]+");
  return new RegExp(`^${pattern}(\\?.*)?$`);
}

function send(request: ProbeRequest, key: string) {
  return callApi(request.path, { method: request.method, key, body: request.body });
}

/**
 * Checks that the webhooks the probes created are the intruder's, then deletes them, so that
 * the intruder's rows compare equal to the snapshot taken before the probes.
 */
async function removeCreatedWebhooks(intruder: MarkedWorkspace, ids: readonly string[]) {
  for (const id of ids) {
    const row = await env.DB.prepare("SELECT organization_id FROM webhook_subscriptions WHERE id = ?")
      .bind(id)
      .first<{ organization_id: string }>();
    expect(row?.organization_id, `the workspace of created webhook ${id}`).toBe(intruder.organization.id);
  }
  for (const id of ids) {
    await env.DB.prepare("DELETE FROM webhook_subscriptions WHERE organization_id = ? AND id = ?")
      .bind(intruder.organization.id, id)
      .run();
  }
}

let world: World;
let receiver: ReturnType<typeof startReceiver>;

beforeAll(async () => {
  world = { owner: await createMarkedWorkspace("Owner"), intruder: await createMarkedWorkspace("Intruder") };
  // Any webhook request that a probe caused would reach this spy, and the tests expect none.
  receiver = startReceiver();
});

afterAll(() => receiver.restore());

it("serves a document with operations to probe", () => {
  expect(servedDocument.status, describeResponse(servedDocument)).toBe(200);
  expect(OPERATIONS.length).toBeGreaterThan(0);
  for (const operation of OPERATIONS) {
    expect(operation.operationId, `${operation.method} ${operation.path}`).toEqual(expect.any(String));
  }
});

it("keeps each key within its read and write budgets", () => {
  // Every probe sends two requests with the same key, and each test first calls GET /v1/me.
  // A 429 would fail the probes, so the probes of all operations must fit in one window.
  const sent = { reads: OPERATIONS.length, writes: 0 };
  const limits = { reads: 0, writes: 0 };
  for (const operation of OPERATIONS) {
    const budget = budgetOf(operation.method);
    sent[budget.name] += 2 * (PROBES[operation.operationId]?.(world).length ?? 0);
    limits[budget.name] = budget.limit;
  }

  expect(sent.reads).toBeLessThanOrEqual(limits.reads);
  expect(sent.writes).toBeLessThanOrEqual(limits.writes);
});

it("has no probes for an operation the document lacks", () => {
  const served = OPERATIONS.map((operation) => operation.operationId);

  expect(Object.keys(PROBES).filter((operationId) => !served.includes(operationId))).toEqual([]);
});

describe.each(OPERATIONS)("$operationId ($method $path)", (operation) => {
  const buildProbes = PROBES[operation.operationId];

  it("has probes that call this operation", () => {
    expect(buildProbes, `PROBES has no entry for ${operation.operationId}`).toBeDefined();

    const probes = buildProbes!(world);
    expect(probes.length).toBeGreaterThan(0);
    for (const probe of probes) {
      const request = probe.build(probe.targets);
      expect(request.method, probe.name).toBe(operation.method);
      expect(request.path, probe.name).toMatch(pathPatternOf(operation.path));
    }
  });

  it.each(KEY_KINDS)("gives a $kind key of another workspace nothing of the owner's", async ({ kind, scopes }) => {
    expect(buildProbes, `PROBES has no entry for ${operation.operationId}`).toBeDefined();
    const { owner, intruder } = world;
    const key = intruder.keys[kind].rawKey;
    const hasScope = operation.scope === null || (scopes as readonly string[]).includes(operation.scope);
    const ownerBefore = await readWorkspaceRows(owner.organization.id);
    const intruderBefore = await readWorkspaceRows(intruder.organization.id);
    // The first request with a key looks it up in D1, which would show in one response's
    // Server-Timing and not in its twin's, so the key is used once before the probes.
    await send({ method: "GET", path: "/v1/me" }, key);
    const createdWebhooks: string[] = [];

    try {
      for (const probe of buildProbes!(world)) {
        const twinIds = Object.fromEntries(Object.entries(probe.targets).map(([name, id]) => [name, freshIdLike(id)]));

        const [response, twin] = await Promise.all([
          send(probe.build(probe.targets), key),
          send(probe.build(twinIds), key),
        ]);
        for (const created of [response, twin].filter((candidate) => candidate.status === 201)) {
          createdWebhooks.push(created.body.id);
        }

        const context = `${probe.name}: ${describeResponse(response)}`;
        if (!hasScope) {
          expectError(response, 403, "UnauthorizedIssue");
        } else if ("type" in probe.expected) {
          expectError(response, probe.expected.status, probe.expected.type);
        } else {
          expect(response.status, context).toBe(probe.expected.status);
        }
        if (hasScope) {
          probe.check?.(response);
        }
        const masked = maskedResponse(response, { ...probe.targets, ...probe.volatile?.(response) });
        const maskedTwin = maskedResponse(twin, { ...twinIds, ...probe.volatile?.(twin) });
        expect(masked, context).toEqual(maskedTwin);
        expect(findMarkers(response, owner.markers, Object.values(probe.targets)), context).toEqual([]);
        expect(findMarkers(twin, owner.markers, []), `${probe.name}: ${describeResponse(twin)}`).toEqual([]);
      }
    } finally {
      await removeCreatedWebhooks(intruder, createdWebhooks);
    }

    expect(receiver.received.map((request) => request.url)).toEqual([]);
    expect(await readWorkspaceRows(owner.organization.id)).toEqual(ownerBefore);
    expect(await readWorkspaceRows(intruder.organization.id)).toEqual(intruderBefore);
  });

  it("aims its read probes at data the owner's key can see", async () => {
    expect(buildProbes, `PROBES has no entry for ${operation.operationId}`).toBeDefined();

    for (const probe of buildProbes!(world).filter((candidate) => candidate.control !== undefined)) {
      const response = await send(probe.build(probe.targets), world.owner.keys.full.rawKey);

      expect(response.status, `${probe.name}: ${describeResponse(response)}`).toBe(200);
      probe.control!(response);
    }
  });
});
