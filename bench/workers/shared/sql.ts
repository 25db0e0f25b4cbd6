// The SQL that the API's Drizzle queries generate (drizzle-orm 0.45), copied from their
// toSQL() output so the comparison workers run exactly the statements the API runs. If a
// query in src/ changes, print its SQL again and update the copy here.

export const TASK_COLUMNS =
  '"id", "organization_id", "sequence_id", "sequence_template_id", "type", "priority", "status", "assignee_user_id", ' +
  '"disposition", "reopened_at", "reopen_reason", "skipped_at", "completed_at", "created_at", "updated_at", "version", ' +
  '"changed_by_api_key_id"';

/** src/auth/find-api-key.ts. Binds: key hash, 1. */
export const FIND_API_KEY_SQL =
  'select "api_keys"."id", "api_keys"."name", "api_keys"."prefix", "api_keys"."organization_id", ' +
  '"organizations"."name" as "organization_name", "api_keys"."scopes", "api_keys"."created_at", "api_keys"."expires_at", ' +
  '"api_keys"."revoked_at", "api_keys"."last_used_at" from "api_keys" inner join "organizations" on ' +
  '"organizations"."id" = "api_keys"."organization_id" where "api_keys"."key_hash" = ? limit ?';

/** findTask in src/tasks/queries.ts. Binds: task id, organization id, 1. */
export const FIND_TASK_SQL = `select ${TASK_COLUMNS} from "tasks" where ("tasks"."id" = ? and "tasks"."organization_id" = ?) limit ?`;

/** The filters of the list, in the order that listConditions adds them. */
export interface ListFilters {
  status?: string;
  assigneeUserId?: string;
}

/**
 * Builds the WHERE clause of taskPageQueries for the filters the benchmark sends. Drizzle
 * wraps the conditions in brackets only when there is more than one.
 */
export function listWhere(filters: ListFilters): { sql: string; params: string[] } {
  const conditions = ['"tasks"."organization_id" = ?'];
  const params: string[] = [];
  if (filters.status !== undefined) {
    conditions.push('"tasks"."status" = ?');
    params.push(filters.status);
  }
  if (filters.assigneeUserId !== undefined) {
    conditions.push('"tasks"."assignee_user_id" = ?');
    params.push(filters.assigneeUserId);
  }
  const sql = conditions.length === 1 ? conditions[0]! : `(${conditions.join(" and ")})`;
  return { sql, params };
}

/** Builds the page statement of a list sorted by created_at ascending. Binds: organization id, filters, size, offset. */
export function listPageSql(where: string): string {
  return `select ${TASK_COLUMNS} from "tasks" where ${where} order by "tasks"."created_at" asc, "tasks"."id" asc limit ? offset ?`;
}

/** Binds: organization id, filters. */
export function listCountSql(where: string): string {
  return `select count(*) from "tasks" where ${where}`;
}

/** selectTaskThread in src/messages/queries.ts, first statement. Binds: task id, organization id. */
export const THREAD_TASK_SQL = 'select "id" from "tasks" where ("tasks"."id" = ? and "tasks"."organization_id" = ?)';

/** Second statement. Binds: organization id, task id, organization id. */
export const THREAD_MESSAGES_SQL =
  'select "id", "organization_id", "sequence_id", "channel", "direction", "subject", "body", "sent_at", "sender_id" ' +
  'from "messages" where ("messages"."organization_id" = ? and "messages"."sequence_id" = ((select "sequence_id" ' +
  'from "tasks" where ("tasks"."id" = ? and "tasks"."organization_id" = ?)))) order by "messages"."sent_at" asc, "messages"."id" asc';

// The stamp of a change, from changeTime and the place of the task in the request's id list
// in src/tasks/mutations.ts. Binds: now, organization id, the ids as JSON.
const CHANGE_TIME =
  'MAX(?, COALESCE((SELECT MAX("tasks"."updated_at") FROM "tasks" WHERE "tasks"."organization_id" = ?), 0) + 1) + ' +
  '(SELECT key FROM json_each(?) WHERE value = "tasks"."id")';

const CHANGED_TASKS = '("tasks"."organization_id" = ? and "tasks"."id" IN (SELECT value FROM json_each(?)))';

/**
 * Skip, from changeTasks. Binds: "SKIPPED", the change time twice (see CHANGE_TIME), the key
 * id, organization id, the ids as JSON, two from-statuses.
 */
export const SKIP_TASK_SQL =
  `update "tasks" set "status" = ?, "skipped_at" = ${CHANGE_TIME}, "updated_at" = ${CHANGE_TIME}, ` +
  `"version" = "tasks"."version" + 1, "changed_by_api_key_id" = ? where (${CHANGED_TASKS} and "tasks"."status" in (?, ?)) ` +
  `returning ${TASK_COLUMNS}`;

/**
 * Reopen, from changeTasks. Binds: "PENDING", null, the change time, null, null, null, the
 * change time, the key id, organization id, the ids as JSON, two from-statuses.
 */
export const REOPEN_TASK_SQL =
  `update "tasks" set "status" = ?, "disposition" = ?, "reopened_at" = ${CHANGE_TIME}, "reopen_reason" = ?, ` +
  `"skipped_at" = ?, "completed_at" = ?, "updated_at" = ${CHANGE_TIME}, "version" = "tasks"."version" + 1, ` +
  `"changed_by_api_key_id" = ? where (${CHANGED_TASKS} and "tasks"."status" in (?, ?)) returning ${TASK_COLUMNS}`;

/** The read that follows a change in the same batch. Binds: organization id, the ids as JSON. */
export const TASK_STATUS_SQL = `select ${TASK_COLUMNS.split(", ")
  .map((column) => `"tasks".${column}`)
  .join(", ")}, 1 as "requirement_met" from (SELECT 1) left join "tasks" on ${CHANGED_TASKS}`;

/**
 * reassignTasks with scope SEQUENCE and no If-Match. Binds: assignee, now, organization id,
 * organization id, "PENDING", "IN_PROGRESS", key id, organization id, target task id,
 * organization id, "PENDING", "IN_PROGRESS", assignee, assignee, organization id.
 */
export const REASSIGN_SEQUENCE_SQL =
  'update "tasks" set "assignee_user_id" = ?, "updated_at" = MAX(?, COALESCE((SELECT MAX("tasks"."updated_at") ' +
  'FROM "tasks" WHERE "tasks"."organization_id" = ?), 0) + 1) + (SELECT COUNT(*) FROM "tasks" "runner" WHERE ' +
  '"runner"."organization_id" = ? AND "runner"."sequence_id" = "tasks"."sequence_id" AND "runner"."status" in (?, ?) ' +
  'AND "runner"."id" < "tasks"."id"), "version" = "tasks"."version" + 1, "changed_by_api_key_id" = ? ' +
  'where ("tasks"."organization_id" = ? and "tasks"."sequence_id" = ((select "sequence_id" from "tasks" "target" ' +
  'where ("target"."id" = ? and "target"."organization_id" = ?))) and "tasks"."status" in (?, ?) and ' +
  '("tasks"."assignee_user_id" is null or "tasks"."assignee_user_id" <> ?) and exists (select 1 from "users" ' +
  'where ("users"."id" = ? and "users"."organization_id" = ?))) returning "id"';

/** Binds: task id, organization id. */
export const TASK_BY_ID_SQL = `select ${TASK_COLUMNS} from "tasks" where ("tasks"."id" = ? and "tasks"."organization_id" = ?)`;

/** Binds: user id, organization id. */
export const USER_IN_WORKSPACE_SQL =
  'select "id" from "users" where ("users"."id" = ? and "users"."organization_id" = ?)';
