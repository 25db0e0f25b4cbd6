import { drizzle, type DrizzleD1Database } from "drizzle-orm/d1";

export type Database = DrizzleD1Database;

/**
 * Wraps a D1 binding in Drizzle. Every request makes its own, so it is built without the
 * schema: the API uses only the query builder, and the relational configuration that a
 * schema adds costs about 30 µs to build each time.
 */
export function createDatabase(d1: D1Database): Database {
  return drizzle(d1);
}
