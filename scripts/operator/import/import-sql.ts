// The SQL of `npm run import`: the lookups that find which ids the database already holds,
// and the INSERT statements of the load itself.
import type { Table } from "drizzle-orm";

import { insertStatements, sqlStringLiteral } from "../../dataset/dataset-sql";
import { messages, organizations, sequences, sequenceTemplates, tasks, users } from "../../../src/db/schema";
import type { ExistingRows, ImportRows, ImportSet } from "./import-set";
import { emptyExistingRows } from "./import-set";

/** Ids per lookup statement. 500 UUID literals keep a statement near 20 KB. */
const LOOKUP_IDS_PER_STATEMENT = 500;

type LookupTable = keyof ExistingRows;

const LOOKUP_TABLES: Record<LookupTable, { tableName: string; organizationColumn: string; templateColumn: string }> = {
  organizations: { tableName: "organizations", organizationColumn: `"id"`, templateColumn: "NULL" },
  users: { tableName: "users", organizationColumn: `"organization_id"`, templateColumn: "NULL" },
  sequenceTemplates: {
    tableName: "sequence_templates",
    organizationColumn: `"organization_id"`,
    templateColumn: "NULL",
  },
  sequences: {
    tableName: "sequences",
    organizationColumn: `"organization_id"`,
    templateColumn: `"sequence_template_id"`,
  },
  tasks: { tableName: "tasks", organizationColumn: `"organization_id"`, templateColumn: "NULL" },
  messages: { tableName: "messages", organizationColumn: `"organization_id"`, templateColumn: "NULL" },
};

/** Collects, per table, the ids that the import set defines or names. */
function idsToLookUp(set: ImportSet): Record<LookupTable, Set<string>> {
  const ids: Record<LookupTable, Set<string>> = {
    organizations: new Set(),
    users: new Set(),
    sequenceTemplates: new Set(),
    sequences: new Set(),
    tasks: new Set(),
    messages: new Set(),
  };
  const add = (table: LookupTable, id: string | null) => {
    if (id !== null) {
      ids[table].add(id);
    }
  };

  for (const { row } of set.organizations) add("organizations", row.id);
  for (const { row } of set.users) {
    add("organizations", row.organization_id);
    add("users", row.id);
  }
  for (const { row } of set.sequenceTemplates) {
    add("organizations", row.organization_id);
    add("sequenceTemplates", row.id);
  }
  for (const { row } of set.sequences) {
    add("organizations", row.organization_id);
    add("sequences", row.id);
    add("sequenceTemplates", row.sequence_template_id);
  }
  for (const { row } of set.tasks) {
    add("organizations", row.organization_id);
    add("tasks", row.id);
    add("sequences", row.sequence_id);
    add("users", row.assignee_user_id);
  }
  for (const { row } of set.messages) {
    add("organizations", row.organization_id);
    add("messages", row.id);
    add("sequences", row.sequence_id);
    add("users", row.sender_id);
  }
  return ids;
}

/**
 * Builds SELECT statements that return the stored rows among the ids the import set
 * defines or names, each row tagged with its table in the "source" column.
 */
export function lookupStatements(set: ImportSet): string[] {
  const statements: string[] = [];

  for (const [table, ids] of Object.entries(idsToLookUp(set)) as [LookupTable, Set<string>][]) {
    const { tableName, organizationColumn, templateColumn } = LOOKUP_TABLES[table];
    const all = [...ids];
    for (let start = 0; start < all.length; start += LOOKUP_IDS_PER_STATEMENT) {
      const list = all
        .slice(start, start + LOOKUP_IDS_PER_STATEMENT)
        .map(sqlStringLiteral)
        .join(", ");
      statements.push(
        `SELECT '${table}' AS "source", "id", ${organizationColumn} AS "organization_id", ${templateColumn} AS "sequence_template_id" ` +
          `FROM "${tableName}" WHERE "id" IN (${list});`,
      );
    }
  }
  return statements;
}

/** Reads the rows of lookupStatements into ExistingRows. */
export function readExistingRows(rows: Iterable<Record<string, unknown>>): ExistingRows {
  const existing = emptyExistingRows();

  for (const row of rows) {
    const id = String(row.id);
    const organizationId = String(row.organization_id);
    switch (row.source as LookupTable) {
      case "organizations":
        existing.organizations.add(id);
        break;
      case "users":
        existing.users.set(id, organizationId);
        break;
      case "sequenceTemplates":
        existing.sequenceTemplates.set(id, organizationId);
        break;
      case "sequences":
        existing.sequences.set(id, { organizationId, sequenceTemplateId: String(row.sequence_template_id) });
        break;
      case "tasks":
        existing.tasks.add(`${organizationId}/${id}`);
        break;
      case "messages":
        existing.messages.add(id);
        break;
      default:
        throw new TypeError(`Unexpected lookup row source ${JSON.stringify(row.source)}.`);
    }
  }
  return existing;
}

/**
 * Joins statements into groups of at most maxBytes of UTF-8 each, one statement per line,
 * so each group fits in one wrangler --command argument.
 */
export function packStatements(statements: readonly string[], maxBytes: number): string[] {
  const encoder = new TextEncoder();
  const groups: string[] = [];
  let current: string[] = [];
  let size = 0;

  for (const statement of statements) {
    const length = encoder.encode(statement).length + 1;
    if (current.length > 0 && size + length > maxBytes) {
      groups.push(current.join("\n"));
      current = [];
      size = 0;
    }
    current.push(statement);
    size += length;
  }
  if (current.length > 0) {
    groups.push(current.join("\n"));
  }
  return groups;
}

const INSERT_ORDER: readonly { table: Table; rows: (rows: ImportRows) => readonly object[] }[] = [
  { table: organizations, rows: (rows) => rows.organizations },
  { table: users, rows: (rows) => rows.users },
  { table: sequenceTemplates, rows: (rows) => rows.sequenceTemplates },
  { table: sequences, rows: (rows) => rows.sequences },
  { table: tasks, rows: (rows) => rows.tasks },
  { table: messages, rows: (rows) => rows.messages },
];

/**
 * Renders the rows as INSERT statements, parents first, one statement per line. The
 * statements have no transaction of their own: wrangler runs the whole file as one.
 */
export function importStatements(rows: ImportRows): string[] {
  return INSERT_ORDER.flatMap(({ table, rows: select }) => insertStatements(table, select(rows)));
}
