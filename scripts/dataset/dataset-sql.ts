import { getTableColumns, getTableName, type Table } from "drizzle-orm";

import { apiKeys, messages, organizations, sequences, sequenceTemplates, tasks, users } from "../../src/db/schema";
import type { Dataset } from "./build-dataset";

/** At most this many rows go into one INSERT statement. */
const MAX_ROWS_PER_STATEMENT = 100;

/** A statement is closed before it grows past this many characters; D1 rejects statements over 100 KB. */
const MAX_STATEMENT_LENGTH = 90_000;

/** The tables in insertion order, parents first, so every foreign key finds its row. */
const TABLE_ORDER: readonly { table: Table; rows: (dataset: Dataset) => readonly object[] }[] = [
  { table: organizations, rows: (dataset) => dataset.organizations },
  { table: users, rows: (dataset) => dataset.users },
  { table: sequenceTemplates, rows: (dataset) => dataset.sequenceTemplates },
  { table: sequences, rows: (dataset) => dataset.sequences },
  { table: tasks, rows: (dataset) => dataset.tasks },
  { table: messages, rows: (dataset) => dataset.messages },
  { table: apiKeys, rows: (dataset) => dataset.apiKeys },
];

/**
 * Renders the dataset as SQLite INSERT statements, one statement per line. Line breaks and
 * other control characters inside strings are written as char(n), so no statement spans
 * lines and the text can be split on "\n" (D1's exec runs one statement per line).
 * Column names come from the Drizzle tables, and each value goes through its column's
 * driver mapping first, so JSON columns such as api_keys.scopes are stored as JSON text.
 */
export function datasetToSql(dataset: Dataset): string {
  const statements: string[] = [];
  for (const { table, rows } of TABLE_ORDER) {
    statements.push(...insertStatements(table, rows(dataset)));
  }
  return `${statements.join("\n")}\n`;
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Renders a string as a SQL expression: a quoted literal, joined with char(n) for control characters. */
export function sqlStringLiteral(value: string): string {
  const parts: string[] = [];
  let literal = "";

  for (const character of value) {
    const code = character.codePointAt(0)!;
    if (code < 0x20 || code === 0x7f) {
      if (literal !== "") {
        parts.push(`'${literal}'`);
        literal = "";
      }
      parts.push(`char(${code})`);
    } else {
      literal += character === "'" ? "''" : character;
    }
  }

  if (literal !== "" || parts.length === 0) {
    parts.push(`'${literal}'`);
  }
  return parts.length === 1 ? parts[0]! : `(${parts.join(" || ")})`;
}

function sqlValue(value: unknown, location: string): string {
  if (value === null || value === undefined) {
    return "NULL";
  }
  if (typeof value === "string") {
    return sqlStringLiteral(value);
  }
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value)) {
      throw new TypeError(`Invalid value ${value} for ${location}: expected a safe integer.`);
    }
    return String(value);
  }
  if (typeof value === "boolean") {
    return value ? "1" : "0";
  }
  throw new TypeError(`Unsupported value of type ${typeof value} for ${location}.`);
}

function insertStatements(table: Table, rows: readonly object[]): string[] {
  const tableName = getTableName(table);
  const columns = Object.entries(getTableColumns(table));
  const prefix = `INSERT INTO ${quoteIdentifier(tableName)} (${columns
    .map(([, column]) => quoteIdentifier(column.name))
    .join(", ")}) VALUES `;

  const statements: string[] = [];
  let tuples: string[] = [];
  let length = prefix.length;

  const flush = () => {
    if (tuples.length > 0) {
      statements.push(`${prefix}${tuples.join(", ")};`);
      tuples = [];
      length = prefix.length;
    }
  };

  for (const row of rows) {
    const record = row as Record<string, unknown>;
    const values = columns.map(([key, column]) => {
      const location = `${tableName}.${column.name} of row ${String(record.id)}`;
      const value = record[key];
      if (value === null || value === undefined) {
        if (column.notNull) {
          throw new TypeError(`Missing value for ${location}: the column is NOT NULL.`);
        }
        return "NULL";
      }
      return sqlValue(column.mapToDriverValue(value), location);
    });
    const tuple = `(${values.join(", ")})`;

    if (tuples.length >= MAX_ROWS_PER_STATEMENT || length + tuple.length + 2 > MAX_STATEMENT_LENGTH) {
      flush();
    }
    tuples.push(tuple);
    length += tuple.length + 2;
  }
  flush();

  return statements;
}
