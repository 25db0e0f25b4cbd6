import { getTableColumns, getTableName, type Table } from "drizzle-orm";

import { apiKeys, messages, organizations, sequences, sequenceTemplates, tasks, users } from "../../src/db/schema";
import type { Dataset } from "./build-dataset";

/** At most this many rows go into one INSERT statement. */
const MAX_ROWS_PER_STATEMENT = 100;

/**
 * Maximum UTF-8 length of one statement in bytes. D1 rejects statements of 100,000 bytes
 * or more (SQLITE_TOOBIG, seen with the workerd of wrangler 4), so this leaves a margin.
 */
const MAX_STATEMENT_BYTES = 90_000;

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
 * lines: D1's exec splits its input on "\n" and runs each line as one statement.
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

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

export function insertStatements(table: Table, rows: readonly object[]): string[] {
  const tableName = getTableName(table);
  const columns = Object.entries(getTableColumns(table));
  const prefix = `INSERT INTO ${quoteIdentifier(tableName)} (${columns
    .map(([, column]) => quoteIdentifier(column.name))
    .join(", ")}) VALUES `;

  const statements: string[] = [];
  let tuples: string[] = [];
  let byteLength = utf8Length(prefix) + 1;

  const flush = () => {
    if (tuples.length > 0) {
      statements.push(`${prefix}${tuples.join(", ")};`);
      tuples = [];
      byteLength = utf8Length(prefix) + 1;
    }
  };

  for (const row of rows) {
    const record = row as Record<string, unknown>;
    const values = columns.map(([key, column]) => {
      const location = `${tableName}.${column.name} of row ${String(record.id)}`;
      const value = record[key];
      if (value === null || value === undefined) {
        if (column.notNull) {
          throw new TypeError(`Missing value for ${location}: the column is NOT NULL, so the dataset row must set it.`);
        }
        return "NULL";
      }
      return sqlValue(column.mapToDriverValue(value), location);
    });
    const tuple = `(${values.join(", ")})`;
    const tupleBytes = utf8Length(tuple) + 2;

    if (tuples.length >= MAX_ROWS_PER_STATEMENT || byteLength + tupleBytes > MAX_STATEMENT_BYTES) {
      flush();
    }
    if (byteLength + tupleBytes > MAX_STATEMENT_BYTES) {
      throw new RangeError(
        `Row ${String(record.id)} of ${tableName} renders to ${tupleBytes} bytes, too long for one statement ` +
          `of at most ${MAX_STATEMENT_BYTES} bytes.`,
      );
    }
    tuples.push(tuple);
    byteLength += tupleBytes;
  }
  flush();

  return statements;
}
