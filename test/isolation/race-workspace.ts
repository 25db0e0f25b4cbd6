import { eq } from "drizzle-orm";

import { tasks, type TaskInsert } from "../../src/db/schema";
import type { Task } from "../../src/tasks/schemas";
import { serializeTask } from "../../src/tasks/serialize-task";
import { callApi, describeResponse } from "../helpers/api";
import { BASE_TIME, createSequence, createTask, createUser, createWorkspace, db } from "../helpers/factories";
import type { Random } from "./random";
import type { Write, WriteRecord } from "./task-history";

/**
 * Creates a workspace with four users, a sequence run for the race and a second run of the
 * same workspace that no request names, to show that writes stay within their own run.
 */
export async function createRaceWorkspace() {
  const workspace = await createWorkspace();
  const thirdRep = await createUser(workspace.organization.id, "Third Rep");
  const fourthRep = await createUser(workspace.organization.id, "Fourth Rep");
  const userIds = [workspace.rep.id, workspace.otherRep.id, thirdRep.id, fourthRep.id];

  const untouchedRun = await createSequence(workspace.organization.id, workspace.template.id);
  await createTask(workspace, { sequenceId: untouchedRun.id });
  await createTask(workspace, { sequenceId: untouchedRun.id, status: "IN_PROGRESS", assigneeUserId: null });

  return { workspace, key: workspace.key.rawKey, runId: workspace.sequence.id, userIds, untouchedRun };
}

export type RaceWorkspace = Awaited<ReturnType<typeof createRaceWorkspace>>;

const STATUS_COLUMNS: Record<string, Partial<TaskInsert>> = {
  PENDING: {},
  IN_PROGRESS: {},
  COMPLETED: { completedAt: BASE_TIME + 1_000 },
  SKIPPED: { skippedAt: BASE_TIME + 2_000 },
};

/**
 * Creates a task of the race's run in the given status, with the columns that status
 * implies. The random source picks its type, its assignee (sometimes none) and whether it
 * was reopened before.
 */
export async function createRaceTask(race: RaceWorkspace, status: Task["status"], random: Random): Promise<Task> {
  const type = random.pick(["CALL", "EMAIL_REPLY", "LINKEDIN_REPLY", "NEW_LEAD_REVIEW"] as const);
  const reopenedBefore = random.next() < 0.3;
  const row = await createTask(race.workspace, {
    status,
    type,
    disposition: type === "CALL" && status === "COMPLETED" ? "ANSWERED" : null,
    assigneeUserId: random.next() < 0.15 ? null : random.pick(race.userIds),
    createdAt: BASE_TIME - random.integer(86_400_000),
    updatedAt: BASE_TIME + 3_000,
    ...STATUS_COLUMNS[status],
    ...(reopenedBefore ? { reopenedAt: BASE_TIME + 500, reopenReason: "REMINDER_RULE" as const } : {}),
  });
  return serializeTask(row);
}

/** Reads the tasks of a run in one statement, as the API renders them, keyed by id. */
export async function readRun(runId: string): Promise<Map<string, Task>> {
  const rows = await db().select().from(tasks).where(eq(tasks.sequenceId, runId)).orderBy(tasks.id);
  return new Map(rows.map((row) => [row.id, serializeTask(row)]));
}

export function requestOf(write: Write) {
  switch (write.kind) {
    case "skip":
    case "reopen":
      return { path: `/v1/tasks/${write.taskId}/${write.kind}`, method: "POST" };
    case "reassign":
      return {
        path: `/v1/tasks/${write.taskId}/assignee`,
        method: "PATCH",
        body: { assignee_user_id: write.assigneeId, scope: write.scope },
      };
  }
}

// The number of writes sent before each read of the run.
const WRITES_PER_READ = 4;

/**
 * Sends every write at once, with a read of the run's tasks through the API after every
 * few writes. A read is one D1 batch, so it shows the run at one instant, and it passes
 * through the worker like the writes do, so it lands among their updates. Returns the
 * responses in the order of `writes`, the reads as maps of the run's tasks by id, in no
 * particular order, and the run as it is after every request has finished.
 */
export async function race(raceWorkspace: RaceWorkspace, writes: readonly Write[]) {
  const readPath = `/v1/tasks?sequence_id=${raceWorkspace.runId}&size=100`;
  const reads: Promise<Map<string, Task>>[] = [];
  const records: Promise<WriteRecord>[] = [];

  writes.forEach((write, index) => {
    const { path, ...request } = requestOf(write);
    records.push(
      callApi(path, { ...request, key: raceWorkspace.key }).then((response) => ({
        write,
        status: response.status,
        body: response.body,
      })),
    );
    if (index % WRITES_PER_READ === WRITES_PER_READ - 1) {
      reads.push(
        callApi(readPath, { key: raceWorkspace.key }).then((response) => {
          if (response.status !== 200) {
            throw new Error(`The read of the run failed: ${describeResponse(response)}`);
          }
          return new Map((response.body.items as Task[]).map((task) => [task.id, task]));
        }),
      );
    }
  });

  const [settledRecords, snapshots] = await Promise.all([Promise.all(records), Promise.all(reads)]);
  return { records: settledRecords, snapshots, final: await readRun(raceWorkspace.runId) };
}

/** Formats a write and its response for assertion messages. */
export function describeRecord(record: WriteRecord): string {
  return `${JSON.stringify(record.write)} -> ${record.status} ${JSON.stringify(record.body)}`;
}
