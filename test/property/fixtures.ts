import {
  BASE_TIME,
  createApiKey,
  createMessage,
  createSequence,
  createTask,
  createTemplate,
  createUser,
  createWorkspace,
  type Workspace,
} from "../helpers/factories";
import { createWebhookFixtures, type WebhookFixture } from "./webhook-fixtures";

/** An API key that the suite sends, with what the API should make of it. */
export interface KeyFixture {
  /** A short name for counterexamples, such as "acme read". */
  label: string;
  rawKey: string;
  organizationId: string;
  scopes: string[];
  /** False for revoked and expired keys, which authentication rejects. */
  usable: boolean;
}

/** The ids of one workspace's rows, other than tasks and keys. */
export interface WorkspaceIds {
  userIds: string[];
  /** Users, sequence templates and sequence runs. */
  allIds: string[];
}

/** The fields of a task that no operation changes, so a list's totals can be predicted from them. */
export interface FixedTaskFields {
  id: string;
  organizationId: string;
  type: string;
  priority: string;
  sequenceId: string;
  sequenceTemplateId: string;
  createdAt: number;
}

/** The rows the suite's requests refer to: two workspaces, their keys, tasks and other ids. */
export interface PropertyFixtures {
  keys: KeyFixture[];
  usableKeys: KeyFixture[];
  /** Every task id of both workspaces, mapped to the workspace it belongs to. */
  taskOrganization: Map<string, string>;
  taskIds: string[];
  tasks: FixedTaskFields[];
  /** The creation times of the tasks, in epoch milliseconds, where time filters are worth probing. */
  taskCreationTimes: number[];
  /** The ids of each workspace, by workspace id. */
  workspaceIds: Map<string, WorkspaceIds>;
  /** Ids of users, templates and sequence runs of both workspaces. */
  otherIds: string[];
  /** The webhooks of both workspaces, with their deliveries. */
  webhooks: WebhookFixture[];
}

const FUTURE = Date.UTC(2100, 0, 1);

// Nine usable keys per workspace spread the requests, so a per-key rate limit is less
// likely to return 429 to most of them. The scope sets cover every case of the scope check
// for tasks and for webhooks: both scopes, each one alone, none, and only a scope of
// another API of the family.
const USABLE_KEY_SCOPES: [string, string[]][] = [
  ["read-write 1", ["tasks:read", "tasks:write", "webhooks:read", "webhooks:write"]],
  ["read-write 2", ["tasks:read", "tasks:write", "webhooks:read", "webhooks:write"]],
  ["read-write 3", ["tasks:read", "tasks:write", "webhooks:read", "webhooks:write"]],
  ["read 1", ["tasks:read", "webhooks:read"]],
  ["read 2", ["tasks:read"]],
  ["write", ["tasks:write", "webhooks:write"]],
  ["webhooks", ["webhooks:read", "webhooks:write"]],
  ["no scopes", []],
  ["other scope", ["messages:read"]],
];

async function createKeys(workspace: Workspace, name: string): Promise<KeyFixture[]> {
  const organizationId = workspace.organization.id;
  const keys: KeyFixture[] = [];

  for (const [label, scopes] of USABLE_KEY_SCOPES) {
    // A revocation or expiry in the future leaves the key usable today.
    const future = label === "read-write 3" ? { expiresAt: FUTURE, revokedAt: FUTURE } : {};
    const key = await createApiKey(organizationId, { scopes, name: `${name} ${label}`, ...future });
    keys.push({ label: `${name} ${label}`, rawKey: key.rawKey, organizationId, scopes, usable: true });
  }

  const revoked = await createApiKey(organizationId, { revokedAt: BASE_TIME });
  keys.push({
    label: `${name} revoked`,
    rawKey: revoked.rawKey,
    organizationId,
    scopes: revoked.scopes,
    usable: false,
  });
  const expired = await createApiKey(organizationId, { expiresAt: BASE_TIME });
  keys.push({
    label: `${name} expired`,
    rawKey: expired.rawKey,
    organizationId,
    scopes: expired.scopes,
    usable: false,
  });

  return keys;
}

/**
 * Creates tasks in every status, type and priority, some unassigned and some with
 * millisecond timestamps, in two sequence runs with message threads over every channel.
 */
async function createTasks(workspace: Workspace) {
  const organizationId = workspace.organization.id;
  const template = await createTemplate(organizationId);
  const secondRun = { ...workspace, template, sequence: await createSequence(organizationId, template.id) };
  const thirdUser = await createUser(organizationId, "Robin Rep");

  const tasks = await Promise.all([
    createTask(workspace, { status: "PENDING", type: "CALL", priority: "HOT" }),
    createTask(workspace, { status: "PENDING", type: "EMAIL_REPLY", priority: "TODAY", assigneeUserId: null }),
    createTask(workspace, {
      status: "IN_PROGRESS",
      type: "LINKEDIN_REPLY",
      priority: "EXTRA",
      createdAt: BASE_TIME + 250,
    }),
    createTask(workspace, {
      status: "COMPLETED",
      type: "CALL",
      disposition: "VOICEMAIL_LEFT",
      completedAt: BASE_TIME + 60_000,
      updatedAt: BASE_TIME + 60_000,
    }),
    createTask(workspace, {
      status: "SKIPPED",
      type: "NEW_LEAD_REVIEW",
      skippedAt: BASE_TIME + 1,
      updatedAt: BASE_TIME + 1,
    }),
    createTask(workspace, {
      status: "PENDING",
      reopenedAt: BASE_TIME + 120_000,
      reopenReason: "REMINDER_RULE",
      updatedAt: BASE_TIME + 120_000,
    }),
    createTask(secondRun, { status: "PENDING", assigneeUserId: thirdUser.id, createdAt: BASE_TIME - 86_400_000 }),
    createTask(secondRun, { status: "IN_PROGRESS", assigneeUserId: workspace.otherRep.id }),
    createTask(secondRun, { status: "COMPLETED", type: "EMAIL_REPLY", completedAt: BASE_TIME, assigneeUserId: null }),
  ]);

  await Promise.all([
    createMessage(workspace, {
      direction: "INBOUND",
      senderId: null,
      body: "Sounds good.\n\nOn Mon, Jamie wrote:\n> Hi",
    }),
    createMessage(workspace, { channel: "LINKEDIN", subject: null, sentAt: BASE_TIME + 500 }),
    createMessage(secondRun, { channel: "MANUAL", subject: null, body: "Called, no answer." }),
    createMessage(secondRun, {
      channel: "CALENDAR",
      direction: "INBOUND",
      senderId: null,
      body: "Accepted: intro call",
    }),
  ]);

  const userIds = [workspace.rep.id, workspace.otherRep.id, thirdUser.id];
  const ids: WorkspaceIds = {
    userIds,
    allIds: [...userIds, workspace.template.id, workspace.sequence.id, template.id, secondRun.sequence.id],
  };
  return { tasks, ids };
}

/**
 * Creates two workspaces with tasks, webhooks and keys, so that every key has tasks and
 * webhooks of another workspace, which must be a 404 to it.
 */
export async function createPropertyFixtures(): Promise<PropertyFixtures> {
  const keys: KeyFixture[] = [];
  const taskOrganization = new Map<string, string>();
  const fixedFields: FixedTaskFields[] = [];
  const taskCreationTimes = new Set<number>();
  const workspaceIds = new Map<string, WorkspaceIds>();
  const webhooks: WebhookFixture[] = [];

  for (const name of ["acme", "globex"]) {
    const workspace = await createWorkspace(`${name} property workspace`);
    const organizationId = workspace.organization.id;
    keys.push(...(await createKeys(workspace, name)));

    const { tasks, ids } = await createTasks(workspace);
    for (const task of tasks) {
      const { id, type, priority, sequenceId, sequenceTemplateId, createdAt } = task;
      taskOrganization.set(id, organizationId);
      fixedFields.push({ id, organizationId, type, priority, sequenceId, sequenceTemplateId, createdAt });
      taskCreationTimes.add(createdAt);
    }
    workspaceIds.set(organizationId, ids);
    webhooks.push(...(await createWebhookFixtures(organizationId)));
  }

  return {
    keys,
    usableKeys: keys.filter((key) => key.usable),
    taskOrganization,
    taskIds: [...taskOrganization.keys()],
    tasks: fixedFields,
    taskCreationTimes: [...taskCreationTimes],
    workspaceIds,
    otherIds: [...workspaceIds.values()].flatMap((ids) => ids.allIds),
    webhooks,
  };
}
