import type { Task } from "../../src/tasks/schemas";

// A model of the writes on one task, and a search for an order of racing writes that
// explains every response they got. The model restates the documented rules. Skip needs
// PENDING or IN_PROGRESS, and reopen needs COMPLETED or SKIPPED. A TASK reassignment needs
// an actionable task, while a SEQUENCE reassignment leaves a finished target as it is. A
// reassignment to the current assignee changes nothing. Every change raises the version by one.

export type Write =
  | { kind: "skip"; taskId: string }
  | { kind: "reopen"; taskId: string }
  | { kind: "reassign"; taskId: string; scope: "TASK" | "SEQUENCE"; assigneeId: string };

/** One write and the response it got: `status` and, parsed, `body`. */
export interface WriteRecord {
  write: Write;
  status: number;
  body: any;
}

export const ACTIONABLE = ["PENDING", "IN_PROGRESS"] as const;
export const FINISHED = ["COMPLETED", "SKIPPED"] as const;

export function isActionable(status: string): boolean {
  return (ACTIONABLE as readonly string[]).includes(status);
}

export type Effect =
  { outcome: "changed"; state: Task } | { outcome: "unchanged" } | { outcome: "rejected"; currentStatus: string };

/** Applies a write to a task under the documented rules. A change records `at` as its instant. */
export function applyWrite(state: Task, write: Write, at: string): Effect {
  switch (write.kind) {
    case "skip":
      return isActionable(state.status)
        ? {
            outcome: "changed",
            state: { ...state, status: "SKIPPED", skipped_at: at, updated_at: at, version: state.version + 1 },
          }
        : { outcome: "rejected", currentStatus: state.status };
    case "reopen":
      return isActionable(state.status)
        ? { outcome: "rejected", currentStatus: state.status }
        : {
            outcome: "changed",
            state: {
              ...state,
              status: "PENDING",
              disposition: null,
              reopened_at: at,
              reopen_reason: null,
              skipped_at: null,
              completed_at: null,
              updated_at: at,
              version: state.version + 1,
            },
          };
    case "reassign":
      if (!isActionable(state.status)) {
        return write.scope === "TASK" ? { outcome: "rejected", currentStatus: state.status } : { outcome: "unchanged" };
      }
      return state.assignee_user_id === write.assigneeId
        ? { outcome: "unchanged" }
        : {
            outcome: "changed",
            state: { ...state, assignee_user_id: write.assigneeId, updated_at: at, version: state.version + 1 },
          };
  }
}

const sameState = (left: Task, right: Task) => JSON.stringify(left) === JSON.stringify(right);

/**
 * Checks whether a response fits the state without a change: a rejection that names the
 * state's status, or a success that returns the state as it is.
 */
function fitsWithoutChange(state: Task, record: WriteRecord): boolean {
  const effect = applyWrite(state, record.write, state.updated_at);
  if (record.status === 422) {
    return effect.outcome === "rejected" && effect.currentStatus === record.body.data?.current_status;
  }
  return record.status === 200 && effect.outcome === "unchanged" && sameState(state, record.body);
}

/** Checks whether a successful response is the state that its write makes of `state`, recorded no earlier than it. */
function fitsAsChange(state: Task, record: WriteRecord): boolean {
  if (record.status !== 200 || Date.parse(record.body.updated_at) < Date.parse(state.updated_at)) {
    return false;
  }
  const effect = applyWrite(state, record.write, record.body.updated_at);
  return effect.outcome === "changed" && sameState(effect.state, record.body);
}

/**
 * Searches for an order of one task's writes, starting from `initial`, in which every
 * response is what the model gives at that point, `updated_at` never decreases, and the last
 * state is `final`. Returns the states of the order, or undefined if no order fits. A write
 * that fits without a change is placed as soon as it fits, which never rules out an order,
 * so the search branches only on changes.
 */
export function findWriteOrder(initial: Task, records: readonly WriteRecord[], final: Task): Task[] | undefined {
  const failed = new Set<string>();

  function search(state: Task, remaining: readonly number[], chain: Task[]): Task[] | undefined {
    const pending = remaining.filter((index) => !fitsWithoutChange(state, records[index]!));
    if (pending.length === 0) {
      return sameState(state, final) ? chain : undefined;
    }

    const memoKey = `${JSON.stringify(state)}|${pending.join(",")}`;
    if (failed.has(memoKey)) {
      return undefined;
    }

    // Writes of the same request that got the same response are interchangeable, so only one is tried.
    const tried = new Set<string>();
    const candidates = pending
      .filter((index) => fitsAsChange(state, records[index]!))
      .sort((left, right) => Date.parse(records[left]!.body.updated_at) - Date.parse(records[right]!.body.updated_at));

    for (const index of candidates) {
      const record = records[index]!;
      const signature = JSON.stringify([record.write, record.body]);
      if (tried.has(signature)) {
        continue;
      }
      tried.add(signature);

      const found = search(
        record.body as Task,
        pending.filter((other) => other !== index),
        [...chain, record.body],
      );
      if (found !== undefined) {
        return found;
      }
    }

    failed.add(memoKey);
    return undefined;
  }

  return search(
    initial,
    records.map((_, index) => index),
    [initial],
  );
}
