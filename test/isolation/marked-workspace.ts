import { displayPrefixOf, hashApiKey } from "../../src/auth/api-key";
import { createUuidV7 } from "../../src/common/ids";
import {
  apiKeys,
  messages,
  organizations,
  sequences,
  sequenceTemplates,
  tasks,
  users,
  type MessageInsert,
  type TaskInsert,
} from "../../src/db/schema";
import { BASE_TIME, db } from "../helpers/factories";
import { createMarkedWebhooks } from "./marked-webhooks";

export const KEY_KINDS = [
  { kind: "full", scopes: ["tasks:read", "tasks:write", "webhooks:read", "webhooks:write"] },
  { kind: "read-only", scopes: ["tasks:read", "webhooks:read"] },
  { kind: "write-only", scopes: ["tasks:write", "webhooks:write"] },
] as const;

export type KeyKind = (typeof KEY_KINDS)[number]["kind"];

/**
 * Creates a workspace with three users, two templates, two sequence runs, tasks in every
 * status (one of them unassigned), message threads, webhooks in every status with their
 * delivery logs (see marked-webhooks.ts) and a key of every kind. Every name,
 * email, subject and body carries a random token, so a search for them in the responses
 * that another workspace gets cannot match by chance. `markers` lists every id and every
 * such text of the workspace, keys and key hashes included.
 */
export async function createMarkedWorkspace(label: string) {
  const token = crypto.randomUUID().slice(0, 8);
  const mark = (text: string) => `${label} ${text} ${token}`;
  const slug = label.toLowerCase();

  const organization = { id: createUuidV7(), name: mark("Workspace"), createdAt: BASE_TIME };
  await db().insert(organizations).values(organization);

  const userOf = (ordinal: string) => ({
    id: createUuidV7(),
    organizationId: organization.id,
    name: mark(`Rep ${ordinal}`),
    email: `${slug}.rep.${ordinal.toLowerCase()}.${token}@example.com`,
    createdAt: BASE_TIME,
  });
  const userRows = [userOf("One"), userOf("Two"), userOf("Three")] as const;
  await db()
    .insert(users)
    .values([...userRows]);
  const [repOne, repTwo, repThree] = userRows;

  const templateOf = (ordinal: string) => ({
    id: createUuidV7(),
    organizationId: organization.id,
    name: mark(`Template ${ordinal}`),
    createdAt: BASE_TIME,
  });
  const templateRows = [templateOf("One"), templateOf("Two")] as const;
  await db()
    .insert(sequenceTemplates)
    .values([...templateRows]);

  const runOf = (template: { id: string }, ordinal: string) => ({
    id: createUuidV7(),
    organizationId: organization.id,
    sequenceTemplateId: template.id,
    contactName: mark(`Contact ${ordinal}`),
    contactEmail: `${slug}.contact.${ordinal.toLowerCase()}.${token}@example.org`,
    createdAt: BASE_TIME,
  });
  const runRows = [runOf(templateRows[0], "One"), runOf(templateRows[1], "Two")] as const;
  await db()
    .insert(sequences)
    .values([...runRows]);
  const [runOne, runTwo] = runRows;

  let taskCount = 0;
  const taskOf = (run: (typeof runRows)[number], overrides: Partial<TaskInsert>): TaskInsert => {
    const createdAt = BASE_TIME + ++taskCount * 60_000;
    return {
      id: createUuidV7(createdAt),
      organizationId: organization.id,
      sequenceId: run.id,
      sequenceTemplateId: run.sequenceTemplateId,
      type: "CALL",
      priority: "HOT",
      status: "PENDING",
      assigneeUserId: repOne.id,
      createdAt,
      updatedAt: createdAt,
      ...overrides,
    };
  };
  const taskRows = {
    pending: taskOf(runOne, {}),
    inProgress: taskOf(runOne, { status: "IN_PROGRESS", priority: "TODAY" }),
    completed: taskOf(runOne, {
      status: "COMPLETED",
      disposition: "ANSWERED",
      completedAt: BASE_TIME + 3_600_000,
      updatedAt: BASE_TIME + 3_600_000,
    }),
    skipped: taskOf(runOne, {
      status: "SKIPPED",
      type: "EMAIL_REPLY",
      assigneeUserId: repTwo.id,
      skippedAt: BASE_TIME + 7_200_000,
      updatedAt: BASE_TIME + 7_200_000,
    }),
    unassigned: taskOf(runOne, { type: "EMAIL_REPLY", priority: "EXTRA", assigneeUserId: null }),
    secondRunPending: taskOf(runTwo, { type: "LINKEDIN_REPLY", assigneeUserId: repThree.id }),
    secondRunReopenedAndCompleted: taskOf(runTwo, {
      type: "NEW_LEAD_REVIEW",
      status: "COMPLETED",
      assigneeUserId: repThree.id,
      reopenedAt: BASE_TIME + 1_800_000,
      reopenReason: "REMINDER_RULE",
      completedAt: BASE_TIME + 5_400_000,
      updatedAt: BASE_TIME + 5_400_000,
    }),
  };
  await db().insert(tasks).values(Object.values(taskRows));

  const messageRows: MessageInsert[] = [
    {
      id: createUuidV7(),
      organizationId: organization.id,
      sequenceId: runOne.id,
      channel: "EMAIL",
      direction: "OUTBOUND",
      subject: mark("Subject"),
      body: mark("Outbound body"),
      sentAt: BASE_TIME,
      senderId: repOne.id,
    },
    {
      id: createUuidV7(),
      organizationId: organization.id,
      sequenceId: runOne.id,
      channel: "EMAIL",
      direction: "INBOUND",
      subject: mark("Reply subject"),
      body: mark("Inbound body"),
      sentAt: BASE_TIME + 60_000,
      senderId: null,
    },
    {
      id: createUuidV7(),
      organizationId: organization.id,
      sequenceId: runTwo.id,
      channel: "LINKEDIN",
      direction: "OUTBOUND",
      subject: null,
      body: mark("LinkedIn body"),
      sentAt: BASE_TIME,
      senderId: repThree.id,
    },
  ];
  await db().insert(messages).values(messageRows);

  const webhooks = await createMarkedWebhooks({
    organizationId: organization.id,
    mark,
    slug,
    token,
    templateId: templateRows[0].id,
  });

  const keyEntries = await Promise.all(
    KEY_KINDS.map(async ({ kind, scopes }) => {
      // Not the factories' topo_test_ keys: their shared prefix would match another workspace's.
      const rawKey = `topo_${crypto.randomUUID().replaceAll("-", "")}`;
      const row = {
        id: createUuidV7(),
        organizationId: organization.id,
        name: mark(`${kind} key`),
        prefix: displayPrefixOf(rawKey),
        keyHash: await hashApiKey(rawKey),
        scopes: [...scopes],
        createdAt: BASE_TIME,
        expiresAt: null,
        revokedAt: null,
      };
      await db().insert(apiKeys).values(row);
      return [kind, { ...row, rawKey }] as const;
    }),
  );
  const keys = Object.fromEntries(keyEntries) as Record<KeyKind, (typeof keyEntries)[number][1]>;

  const markers = [
    organization.id,
    organization.name,
    ...userRows.flatMap((user) => [user.id, user.name, user.email]),
    ...templateRows.flatMap((template) => [template.id, template.name]),
    ...runRows.flatMap((run) => [run.id, run.contactName, run.contactEmail]),
    ...Object.values(taskRows).map((task) => task.id!),
    ...messageRows.flatMap((message) => [message.id!, message.subject, message.body]),
    ...webhooks.markers,
    ...Object.values(keys).flatMap((key) => [key.id, key.name, key.prefix, key.rawKey, key.keyHash]),
  ].filter((marker): marker is string => typeof marker === "string");

  return {
    organization,
    users: userRows,
    templates: templateRows,
    runs: runRows,
    tasks: taskRows as Record<keyof typeof taskRows, TaskInsert & { id: string }>,
    messages: messageRows,
    webhooks: webhooks.webhooks,
    deliveries: webhooks.deliveries,
    keys,
    markers,
  };
}

export type MarkedWorkspace = Awaited<ReturnType<typeof createMarkedWorkspace>>;
