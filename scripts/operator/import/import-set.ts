import type {
  MessageInsert,
  OrganizationInsert,
  SequenceInsert,
  SequenceTemplateInsert,
  TaskInsert,
  UserInsert,
} from "../../../src/db/schema";
import { stripQuotedReply } from "../../../src/messages/strip-quoted-reply";
import type {
  MessageLine,
  OrganizationLine,
  SequenceLine,
  SequenceTemplateLine,
  TaskLine,
  UserLine,
} from "./ndjson-schemas";
import type { LineError, Located } from "./parse-ndjson";

/** The valid lines of every import file. A file that was not given has no lines. */
export interface ImportSet {
  organizations: Located<OrganizationLine>[];
  users: Located<UserLine>[];
  sequenceTemplates: Located<SequenceTemplateLine>[];
  sequences: Located<SequenceLine>[];
  tasks: Located<TaskLine>[];
  messages: Located<MessageLine>[];
}

/** The rows to insert per table, parents first, in Drizzle's insert shape. */
export interface ImportRows {
  organizations: OrganizationInsert[];
  users: UserInsert[];
  sequenceTemplates: SequenceTemplateInsert[];
  sequences: SequenceInsert[];
  tasks: TaskInsert[];
  messages: MessageInsert[];
}

/** The rows the database already contains for the ids that the import set defines or names. */
export interface ExistingRows {
  organizations: Set<string>;
  /** User id to its workspace id. */
  users: Map<string, string>;
  /** Template id to its workspace id. */
  sequenceTemplates: Map<string, string>;
  sequences: Map<string, { organizationId: string; sequenceTemplateId: string }>;
  /** Task keys as "workspace id/task id", because task ids are unique per workspace only. */
  tasks: Set<string>;
  messages: Set<string>;
}

export function emptyExistingRows(): ExistingRows {
  return {
    organizations: new Set(),
    users: new Map(),
    sequenceTemplates: new Map(),
    sequences: new Map(),
    tasks: new Set(),
    messages: new Set(),
  };
}

export function emptyImportSet(): ImportSet {
  return { organizations: [], users: [], sequenceTemplates: [], sequences: [], tasks: [], messages: [] };
}

export function countLines(set: ImportSet): number {
  return Object.values(set).reduce((total, lines: unknown[]) => total + lines.length, 0);
}

/** A row that other rows can name, and where it is defined. */
interface Referent {
  organizationId: string;
  sequenceTemplateId?: string;
  source: string;
}

const DATABASE = "the database";

/**
 * Checks the import set against itself and the database: no id is defined twice or
 * already stored, and every id that a row names exists in the import set or the database
 * in the row's own workspace. Returns the rows to insert only when there are no errors.
 * Inbound message bodies lose their quoted reply history here, as the dataset's do.
 */
export function resolveImport(set: ImportSet, existing: ExistingRows): { errors: LineError[]; rows?: ImportRows } {
  const errors: LineError[] = [];
  const fail = (located: Located<unknown>, message: string) =>
    errors.push({ file: located.file, line: located.line, message });

  const organizations = new Map<string, Referent>();
  for (const id of existing.organizations) {
    organizations.set(id, { organizationId: id, source: DATABASE });
  }
  const users = referentsFrom(existing.users);
  const templates = referentsFrom(existing.sequenceTemplates);
  const sequences = new Map<string, Referent>();
  for (const [id, sequence] of existing.sequences) {
    sequences.set(id, { ...sequence, source: DATABASE });
  }

  const define = (
    referents: Map<string, Referent>,
    located: Located<{ id: string }>,
    referent: Omit<Referent, "source">,
  ) => {
    const earlier = referents.get(located.row.id);
    if (earlier !== undefined) {
      fail(located, `id ${located.row.id} is already defined in ${earlier.source}`);
      return;
    }
    referents.set(located.row.id, { ...referent, source: `${located.file} line ${located.line}` });
  };

  const requireWorkspace = (located: Located<{ organization_id: string }>) => {
    if (!organizations.has(located.row.organization_id)) {
      fail(
        located,
        `organization_id: workspace ${located.row.organization_id} is not in organizations.ndjson or ${DATABASE}`,
      );
    }
  };

  /** Checks that `id` names a row of the same workspace, and returns it when it does. */
  const requireReference = (
    located: Located<{ organization_id: string }>,
    field: string,
    what: string,
    referents: ReadonlyMap<string, Referent>,
    id: string,
  ): Referent | undefined => {
    const referent = referents.get(id);
    if (referent === undefined) {
      fail(located, `${field}: ${what} ${id} is not in the import files or ${DATABASE}`);
      return undefined;
    }
    if (referent.organizationId !== located.row.organization_id) {
      fail(
        located,
        `${field}: ${what} ${id} belongs to workspace ${referent.organizationId}, not ${located.row.organization_id}`,
      );
      return undefined;
    }
    return referent;
  };

  for (const located of set.organizations) {
    define(organizations, located, { organizationId: located.row.id });
  }
  for (const located of set.users) {
    requireWorkspace(located);
    define(users, located, { organizationId: located.row.organization_id });
  }
  for (const located of set.sequenceTemplates) {
    requireWorkspace(located);
    define(templates, located, { organizationId: located.row.organization_id });
  }
  for (const located of set.sequences) {
    requireWorkspace(located);
    requireReference(located, "sequence_template_id", "sequence template", templates, located.row.sequence_template_id);
    define(sequences, located, {
      organizationId: located.row.organization_id,
      sequenceTemplateId: located.row.sequence_template_id,
    });
  }

  const taskRows: TaskInsert[] = [];
  const taskKeys = new Map<string, string>();
  for (const key of existing.tasks) {
    taskKeys.set(key, DATABASE);
  }
  for (const located of set.tasks) {
    const task = located.row;
    requireWorkspace(located);

    const key = `${task.organization_id}/${task.id}`;
    const earlier = taskKeys.get(key);
    if (earlier !== undefined) {
      fail(located, `id ${task.id} is already a task of workspace ${task.organization_id} in ${earlier}`);
    } else {
      taskKeys.set(key, `${located.file} line ${located.line}`);
    }

    const sequence = requireReference(located, "sequence_id", "sequence", sequences, task.sequence_id);
    if (task.assignee_user_id !== null) {
      requireReference(located, "assignee_user_id", "user", users, task.assignee_user_id);
    }
    if (sequence === undefined) {
      continue;
    }
    if (task.sequence_template_id !== null && task.sequence_template_id !== sequence.sequenceTemplateId) {
      fail(
        located,
        `sequence_template_id: ${task.sequence_template_id} is not the template of sequence ${task.sequence_id}, which is ${sequence.sequenceTemplateId}`,
      );
      continue;
    }
    taskRows.push(toTaskRow(task, sequence.sequenceTemplateId!));
  }

  const messageIds = new Map<string, string>();
  for (const id of existing.messages) {
    messageIds.set(id, DATABASE);
  }
  for (const located of set.messages) {
    const message = located.row;
    requireWorkspace(located);
    const earlier = messageIds.get(message.id);
    if (earlier !== undefined) {
      fail(located, `id ${message.id} is already defined in ${earlier}`);
    } else {
      messageIds.set(message.id, `${located.file} line ${located.line}`);
    }
    requireReference(located, "sequence_id", "sequence", sequences, message.sequence_id);
    if (message.sender_id !== null) {
      requireReference(located, "sender_id", "user", users, message.sender_id);
    }
  }

  if (errors.length > 0) {
    return { errors };
  }

  return {
    errors,
    rows: {
      organizations: set.organizations.map(({ row }) => ({ id: row.id, name: row.name, createdAt: row.created_at })),
      users: set.users.map(({ row }) => ({
        id: row.id,
        organizationId: row.organization_id,
        name: row.name,
        email: row.email,
        createdAt: row.created_at,
      })),
      sequenceTemplates: set.sequenceTemplates.map(({ row }) => ({
        id: row.id,
        organizationId: row.organization_id,
        name: row.name,
        createdAt: row.created_at,
      })),
      sequences: set.sequences.map(({ row }) => ({
        id: row.id,
        organizationId: row.organization_id,
        sequenceTemplateId: row.sequence_template_id,
        contactName: row.contact_name,
        contactEmail: row.contact_email,
        createdAt: row.created_at,
      })),
      tasks: taskRows,
      messages: set.messages.map(({ row }) => toMessageRow(row)),
    },
  };
}

function referentsFrom(workspaceById: ReadonlyMap<string, string>): Map<string, Referent> {
  const referents = new Map<string, Referent>();
  for (const [id, organizationId] of workspaceById) {
    referents.set(id, { organizationId, source: DATABASE });
  }
  return referents;
}

function toTaskRow(task: TaskLine, sequenceTemplateId: string): TaskInsert {
  return {
    id: task.id,
    organizationId: task.organization_id,
    sequenceId: task.sequence_id,
    sequenceTemplateId,
    type: task.type,
    priority: task.priority,
    status: task.status,
    assigneeUserId: task.assignee_user_id,
    disposition: task.disposition,
    reopenedAt: task.reopened_at,
    reopenReason: task.reopen_reason,
    skippedAt: task.skipped_at,
    completedAt: task.completed_at,
    createdAt: task.created_at,
    updatedAt: task.updated_at ?? task.created_at,
    version: 1,
  };
}

/** Builds a message row; an inbound body is stored without its quoted reply history. */
export function toMessageRow(message: MessageLine): MessageInsert {
  return {
    id: message.id,
    organizationId: message.organization_id,
    sequenceId: message.sequence_id,
    channel: message.channel,
    direction: message.direction,
    subject: message.subject,
    body: message.direction === "INBOUND" ? stripQuotedReply(message.body) : message.body,
    sentAt: message.sent_at,
    senderId: message.sender_id,
  };
}
