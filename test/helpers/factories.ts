import { env } from "cloudflare:test";
import { eq } from "drizzle-orm";

import { displayPrefixOf, hashApiKey } from "../../src/auth/api-key";
import { createDatabase } from "../../src/db/client";
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
import { createUuidV7 } from "../../src/common/ids";

// Factories insert rows through Drizzle into the real local D1. Every call makes fresh
// random ids, so tests never share rows and never depend on data seeded elsewhere.

export const db = () => createDatabase(env.DB);

export const BASE_TIME = Date.UTC(2025, 2, 13, 7, 0, 0);

export async function createOrganization(name = "Test Workspace") {
  const row = { id: createUuidV7(), name, createdAt: BASE_TIME };
  await db().insert(organizations).values(row);
  return row;
}

export async function createUser(organizationId: string, name = "Test Rep") {
  const row = {
    id: createUuidV7(),
    organizationId,
    name,
    email: `${name.toLowerCase().replaceAll(" ", ".")}@example.com`,
    createdAt: BASE_TIME,
  };
  await db().insert(users).values(row);
  return row;
}

export async function createTemplate(organizationId: string) {
  const row = { id: createUuidV7(), organizationId, name: "Outbound", createdAt: BASE_TIME };
  await db().insert(sequenceTemplates).values(row);
  return row;
}

export async function createSequence(organizationId: string, sequenceTemplateId: string) {
  const row = {
    id: createUuidV7(),
    organizationId,
    sequenceTemplateId,
    contactName: "Sarah Contact",
    contactEmail: "sarah@example.com",
    createdAt: BASE_TIME,
  };
  await db().insert(sequences).values(row);
  return row;
}

export interface ApiKeyOptions {
  scopes?: string[];
  revokedAt?: number | null;
  expiresAt?: number | null;
  name?: string;
}

/** Creates a key and returns its row with the raw key, which the database never stores. */
export async function createApiKey(organizationId: string, options: ApiKeyOptions = {}) {
  const rawKey = `topo_test_${crypto.randomUUID().replaceAll("-", "")}`;
  const row = {
    id: createUuidV7(),
    organizationId,
    name: options.name ?? "test-key",
    prefix: displayPrefixOf(rawKey),
    keyHash: await hashApiKey(rawKey),
    scopes: options.scopes ?? ["tasks:read", "tasks:write"],
    createdAt: BASE_TIME,
    expiresAt: options.expiresAt ?? null,
    revokedAt: options.revokedAt ?? null,
  };
  await db().insert(apiKeys).values(row);
  return { ...row, rawKey };
}

/** Creates a workspace with two users, a template, a sequence run and a key with both task scopes. */
export async function createWorkspace(name?: string) {
  const organization = await createOrganization(name);
  const rep = await createUser(organization.id, "Jamie Rep");
  const otherRep = await createUser(organization.id, "Alex Rep");
  const template = await createTemplate(organization.id);
  const sequence = await createSequence(organization.id, template.id);
  const key = await createApiKey(organization.id);

  return { organization, rep, otherRep, template, sequence, key };
}

export type Workspace = Awaited<ReturnType<typeof createWorkspace>>;

export async function createTask(workspace: Workspace, overrides: Partial<TaskInsert> = {}) {
  const createdAt = overrides.createdAt ?? BASE_TIME;
  const row: TaskInsert = {
    id: createUuidV7(createdAt),
    organizationId: workspace.organization.id,
    sequenceId: workspace.sequence.id,
    sequenceTemplateId: workspace.template.id,
    type: "CALL",
    priority: "HOT",
    status: "PENDING",
    assigneeUserId: workspace.rep.id,
    createdAt,
    updatedAt: createdAt,
    ...overrides,
  };
  const [inserted] = await db().insert(tasks).values(row).returning();
  return inserted!;
}

export async function createMessage(workspace: Workspace, overrides: Partial<MessageInsert> = {}) {
  const row: MessageInsert = {
    id: createUuidV7(),
    organizationId: workspace.organization.id,
    sequenceId: workspace.sequence.id,
    channel: "EMAIL",
    direction: "OUTBOUND",
    subject: "Hello",
    body: "Hi there",
    sentAt: BASE_TIME,
    senderId: workspace.rep.id,
    ...overrides,
  };
  const [inserted] = await db().insert(messages).values(row).returning();
  return inserted!;
}

/** Reads a task back from D1, to check what a request stored. */
export async function readTask(id: string) {
  const [row] = await db().select().from(tasks).where(eq(tasks.id, id));
  return row!;
}
