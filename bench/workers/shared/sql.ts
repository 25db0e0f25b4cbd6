// The SQL that the API's Drizzle queries generate (drizzle-orm 0.45), copied from their
// toSQL() output so the comparison workers run exactly the statements the API runs. If a
// query in src/ changes, print its SQL again and update the copy here.

export const TASK_COLUMNS =
  '"id", "organization_id", "sequence_id", "sequence_template_id", "type", "priority", "status", "assignee_user_id", ' +
  '"disposition", "reopened_at", "reopen_reason", "skipped_at", "completed_at", "created_at", "updated_at", "version"';

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

// NOTE: the write statements below predate changeTasks. The API's changes now also stamp
// updated_at from the workspace's latest one, record the key that made them and take their
// ids as JSON, so the write rows of a run compare the baseline's older, lighter statements.
// The event triggers fire for both, because they live in the shared database.

/** Skip, from changeTaskStatus. Binds: skipped_at, updated_at, task id, organization id. */
export const SKIP_TASK_SQL =
  'update "tasks" set "status" = ?, "skipped_at" = ?, "updated_at" = ?, "version" = "tasks"."version" + 1 ' +
  'where (("tasks"."id" = ? and "tasks"."organization_id" = ?) and "tasks"."status" in (?, ?)) ' +
  `returning ${TASK_COLUMNS}`;

/** Reopen, from changeTaskStatus. Binds: the set columns in order, task id, organization id, two from-statuses. */
export const REOPEN_TASK_SQL =
  'update "tasks" set "status" = ?, "disposition" = ?, "reopened_at" = ?, "reopen_reason" = ?, "skipped_at" = ?, ' +
  '"completed_at" = ?, "updated_at" = ?, "version" = "tasks"."version" + 1 ' +
  'where (("tasks"."id" = ? and "tasks"."organization_id" = ?) and "tasks"."status" in (?, ?)) ' +
  `returning ${TASK_COLUMNS}`;

/** The read that follows a status change in the same batch. Binds: task id, organization id. */
export const TASK_STATUS_SQL =
  'select "status", "version" from "tasks" where ("tasks"."id" = ? and "tasks"."organization_id" = ?)';

/**
 * reassignTasks with scope SEQUENCE and no If-Match. Binds: assignee, now, organization id,
 * target task id, organization id, "PENDING", "IN_PROGRESS", assignee, assignee, organization id.
 */
export const REASSIGN_SEQUENCE_SQL =
  'update "tasks" set "assignee_user_id" = ?, "updated_at" = ?, "version" = "tasks"."version" + 1 ' +
  'where ("tasks"."organization_id" = ? and "tasks"."sequence_id" = ((select "sequence_id" from "tasks" "target" ' +
  'where ("target"."id" = ? and "target"."organization_id" = ?))) and "tasks"."status" in (?, ?) and ' +
  '("tasks"."assignee_user_id" is null or "tasks"."assignee_user_id" <> ?) and exists (select 1 from "users" ' +
  'where ("users"."id" = ? and "users"."organization_id" = ?))) returning "id"';

/** Binds: task id, organization id. */
export const TASK_BY_ID_SQL = `select ${TASK_COLUMNS} from "tasks" where ("tasks"."id" = ? and "tasks"."organization_id" = ?)`;

/** Binds: user id, organization id. */
export const USER_IN_WORKSPACE_SQL =
  'select "id" from "users" where ("users"."id" = ? and "users"."organization_id" = ?)';
