import { describe, expect, it } from "vitest";

import { TASK_STATUSES } from "../../src/common/enums";
import type { Task } from "../../src/tasks/schemas";
import { callApi } from "../helpers/api";
import { createRandom, type Random } from "./random";
import { createRaceTask, createRaceWorkspace, describeRecord, race, readRun } from "./race-workspace";
import { ACTIONABLE, FINISHED, findWriteOrder, isActionable, type Write, type WriteRecord } from "./task-history";

// Dozens of writes sent at once through the worker, on one task and across one sequence run,
// each scenario repeated with several seeds. Reads of the run go out among the writes. The
// checks: every response is a success or a documented response to a race, the responses fit
// together into one order of writes, the final rows are what those responses imply, no
// write is lost, every state a read shows was set by a successful write, and updated_at
// never goes backwards.

type WriteKind = "skip" | "reopen" | "reassignTask" | "reassignSequence";

interface RaceOutcome {
  status: number;
  type?: string;
  /** Checks the body of a response with this outcome against the write that got it. */
  check: (record: WriteRecord) => void;
}

const SUCCESS: RaceOutcome = { status: 200, check: expectSuccessBody };
const STATUS_FORBIDS: RaceOutcome = { status: 422, type: "BusinessIssue", check: expectStatusForbidsBody };

/**
 * The responses a write may get while other writes race it, by kind of write, and the
 * operation that serves it. A 404 is not among them, because every task of a race exists
 * throughout. A new response to a race, such as a 409 CommitIssue or a 412 for a stale ETag,
 * goes here and nowhere else, and the served document must declare it for the operation.
 */
const RACE_OUTCOMES: Record<WriteKind, { operationId: string; outcomes: readonly RaceOutcome[] }> = {
  skip: { operationId: "skipTask", outcomes: [SUCCESS, STATUS_FORBIDS] },
  reopen: { operationId: "reopenTask", outcomes: [SUCCESS, STATUS_FORBIDS] },
  reassignTask: { operationId: "reassignTask", outcomes: [SUCCESS, STATUS_FORBIDS] },
  reassignSequence: { operationId: "reassignTask", outcomes: [SUCCESS] },
};

function kindOf(write: Write): WriteKind {
  if (write.kind !== "reassign") {
    return write.kind;
  }
  return write.scope === "TASK" ? "reassignTask" : "reassignSequence";
}

function expectSuccessBody({ write, body }: WriteRecord) {
  const context = JSON.stringify({ write, body });
  const requestedAssignee = write.kind === "reassign" ? write.assigneeId : undefined;
  expect(body.id, context).toBe(write.taskId);

  switch (kindOf(write)) {
    case "skip":
      expect(body.status, context).toBe("SKIPPED");
      expect(body.skipped_at, context).toBe(body.updated_at);
      break;
    case "reopen":
      expect(body, context).toMatchObject({
        status: "PENDING",
        reopened_at: body.updated_at,
        reopen_reason: null,
        disposition: null,
        skipped_at: null,
        completed_at: null,
      });
      break;
    case "reassignTask":
      expect(ACTIONABLE, context).toContain(body.status);
      expect(body.assignee_user_id, context).toBe(requestedAssignee);
      break;
    case "reassignSequence":
      if (isActionable(body.status)) {
        expect(body.assignee_user_id, context).toBe(requestedAssignee);
      }
      break;
  }
}

function expectStatusForbidsBody({ write, body }: WriteRecord) {
  const allowed: readonly string[] = write.kind === "reopen" ? FINISHED : ACTIONABLE;

  expect(body.status_code).toBe(422);
  expect(body.data, JSON.stringify({ write, body })).toEqual({
    task_id: write.taskId,
    current_status: expect.any(String),
    allowed_statuses: allowed,
  });
  expect(allowed).not.toContain(body.data.current_status);
}

function expectRaceOutcomes(records: readonly WriteRecord[]) {
  for (const record of records) {
    const { outcomes } = RACE_OUTCOMES[kindOf(record.write)];
    const outcome = outcomes.find(
      (candidate) => candidate.status === record.status && (candidate.type ?? record.body.type) === record.body.type,
    );

    expect(outcome, `not an accepted answer to a race: ${describeRecord(record)}`).toBeDefined();
    outcome!.check(record);
  }
}

/** Lists the successful writes of one kind, on one task when `taskId` is given. */
function succeeded(records: readonly WriteRecord[], kind: WriteKind, taskId?: string): WriteRecord[] {
  return records.filter(
    (record) =>
      record.status === 200 &&
      kindOf(record.write) === kind &&
      (taskId === undefined || record.write.taskId === taskId),
  );
}

const time = (timestamp: string) => Date.parse(timestamp);

/**
 * Checks that the reads taken during a race fit one timeline in which no task's updated_at
 * ever decreases. The reads ran at once, so their order is unknown. If updated_at never
 * decreases, though, then of any two reads one is at least as recent for every task, and
 * ordering them by the sum of their updated_at values puts them in such an order. The
 * initial rows come first and the final rows last.
 */
function expectUpdatedAtNeverDecreases(
  initial: Map<string, Task>,
  snapshots: Map<string, Task>[],
  final: Map<string, Task>,
) {
  const total = (snapshot: Map<string, Task>) =>
    [...initial.keys()].reduce((sum, taskId) => sum + time(snapshot.get(taskId)!.updated_at), 0);
  const timeline = [initial, ...[...snapshots].sort((left, right) => total(left) - total(right)), final];

  for (let index = 1; index < timeline.length; index++) {
    for (const taskId of initial.keys()) {
      const before = timeline[index - 1]!.get(taskId)!;
      const after = timeline[index]!.get(taskId)!;
      const context = `updated_at of ${taskId} goes back from ${JSON.stringify(before)} to ${JSON.stringify(after)}`;
      expect(time(after.updated_at), context).toBeGreaterThanOrEqual(time(before.updated_at));
    }
  }
}

/** Checks that no successful response carries an updated_at later than its task's final row. */
function expectFinalNotBehindResponses(records: readonly WriteRecord[], final: Map<string, Task>) {
  for (const record of records.filter((candidate) => candidate.status === 200)) {
    const stored = final.get(record.body.id)!;

    expect(time(stored.updated_at), `final row is older than ${describeRecord(record)}`).toBeGreaterThanOrEqual(
      time(record.body.updated_at),
    );
  }
}

/**
 * Checks that the skips and reopens that succeeded on a task alternate from its initial
 * status: an actionable task is skipped once more than it is reopened, or as often, and a
 * finished task the other way round. The final status follows from the two counts.
 */
function expectStatusFollowsCounts(taskId: string, initial: Task, records: readonly WriteRecord[], final: Task) {
  const skips = succeeded(records, "skip", taskId).length;
  const reopens = succeeded(records, "reopen", taskId).length;
  const context = `${taskId}: ${skips} skips and ${reopens} reopens from ${initial.status} to ${final.status}`;

  const [first, second] = isActionable(initial.status) ? [skips, reopens] : [reopens, skips];
  expect([second, second + 1], context).toContain(first);

  // After an unmatched first change the task is in the other group of statuses; after a
  // matched pair it is back where a reopen leaves it (PENDING) or where a skip does (SKIPPED).
  let expected: string = initial.status;
  if (first > second) {
    expected = isActionable(initial.status) ? "SKIPPED" : "PENDING";
  } else if (first > 0) {
    expected = isActionable(initial.status) ? "PENDING" : "SKIPPED";
  }
  expect(final.status, context).toBe(expected);
}

/** Checks that the writes on one task fit one order that ends in its final row, and explains the failure otherwise. */
function expectOneWriteOrder(initial: Task, records: readonly WriteRecord[], final: Task) {
  const order = findWriteOrder(initial, records, final);
  const explanation = [
    "no order of the writes explains every response and the final row",
    `initial: ${JSON.stringify(initial)}`,
    `final:   ${JSON.stringify(final)}`,
    ...records.map(describeRecord),
  ].join("\n");

  expect(order, explanation).toBeDefined();
}

/** Checks that every state of a task that a read shows is its initial row or the body of a successful response. */
function expectObservedStatesFromResponses(
  initial: Task,
  records: readonly WriteRecord[],
  snapshots: Map<string, Task>[],
) {
  const successes = records.filter((record) => record.status === 200).map((record) => record.body);
  const known = new Set([initial, ...successes].map((state) => JSON.stringify(state)));

  for (const snapshot of snapshots) {
    const seen = JSON.stringify(snapshot.get(initial.id));
    expect(known.has(seen), `a read shows a state that no response returned: ${seen}`).toBe(true);
  }
}

function shuffle<Item>(items: Item[], random: Random): Item[] {
  for (let index = items.length - 1; index > 0; index--) {
    const other = random.integer(index + 1);
    [items[index], items[other]] = [items[other]!, items[index]!];
  }
  return items;
}

const SEEDS = [11, 12, 13, 14, 15];

it("declares only race outcomes that the document lists", async () => {
  const document = await callApi("/openapi.json");
  const operations = Object.values(document.body.paths as Record<string, Record<string, any>>).flatMap((item) =>
    Object.values(item),
  );

  for (const [kind, { operationId, outcomes }] of Object.entries(RACE_OUTCOMES)) {
    const operation = operations.find((candidate) => candidate.operationId === operationId);
    expect(operation, `${kind}: no operation ${operationId}`).toBeDefined();

    for (const outcome of outcomes) {
      const declared = operation.responses[String(outcome.status)];
      expect(declared, `${kind}: ${operationId} does not declare ${outcome.status}`).toBeDefined();
      if (outcome.type !== undefined) {
        expect(declared.content["application/json"].example.type).toBe(outcome.type);
      }
    }
  }
});

describe("skips and reopens racing on one task", () => {
  it.each(SEEDS)("seed %i", async (seed) => {
    const random = createRandom(seed);
    const world = await createRaceWorkspace();
    const task = await createRaceTask(world, TASK_STATUSES[seed % TASK_STATUSES.length]!, random);
    const untouchedBefore = await readRun(world.untouchedRun.id);
    const writes = Array.from({ length: 40 }, (): Write => ({
      kind: random.pick(["skip", "reopen"] as const),
      taskId: task.id,
    }));

    const { records, snapshots, final } = await race(world, writes);

    const stored = final.get(task.id)!;
    expectRaceOutcomes(records);
    expect(records.filter((record) => record.status === 200).length).toBeGreaterThan(0);
    expectStatusFollowsCounts(task.id, task, records, stored);
    expectFinalNotBehindResponses(records, final);
    expectUpdatedAtNeverDecreases(new Map([[task.id, task]]), snapshots, final);
    expectObservedStatesFromResponses(task, records, snapshots);
    expectOneWriteOrder(task, records, stored);
    expect(await readRun(world.untouchedRun.id)).toEqual(untouchedBefore);
  });
});

describe("every kind of write racing on one task of a run", () => {
  it.each(SEEDS)("seed %i", async (seed) => {
    const random = createRandom(seed);
    const world = await createRaceWorkspace();
    const task = await createRaceTask(world, TASK_STATUSES[seed % TASK_STATUSES.length]!, random);
    const siblings = [
      await createRaceTask(world, "PENDING", random),
      await createRaceTask(world, "IN_PROGRESS", random),
      await createRaceTask(world, "PENDING", random),
    ];
    const finishedSibling = await createRaceTask(world, "COMPLETED", random);
    const untouchedBefore = await readRun(world.untouchedRun.id);
    const writes = Array.from({ length: 40 }, (): Write => {
      const kind = random.pick(["skip", "reopen", "TASK", "SEQUENCE"] as const);
      return kind === "skip" || kind === "reopen"
        ? { kind, taskId: task.id }
        : { kind: "reassign", taskId: task.id, scope: kind, assigneeId: random.pick(world.userIds) };
    });

    const { records, snapshots, final } = await race(world, writes);

    const stored = final.get(task.id)!;
    expectRaceOutcomes(records);
    expectStatusFollowsCounts(task.id, task, records, stored);
    expectFinalNotBehindResponses(records, final);
    const initial = new Map([task, ...siblings, finishedSibling].map((row) => [row.id, row]));
    expectUpdatedAtNeverDecreases(initial, snapshots, final);
    expectObservedStatesFromResponses(task, records, snapshots);
    expectOneWriteOrder(task, records, stored);

    const reassigned = records.filter((record) => record.status === 200 && record.write.kind === "reassign");
    const assignees = new Set([task.assignee_user_id, ...reassigned.map((record) => record.body.assignee_user_id)]);
    expect(assignees).toContain(stored.assignee_user_id);

    // Only SEQUENCE reassignments of the task reach its siblings, each of them all at once.
    const sequenceAssignees = writes.flatMap((write) =>
      write.kind === "reassign" && write.scope === "SEQUENCE" ? [write.assigneeId] : [],
    );
    const siblingAssignees = (run: Map<string, Task>) =>
      siblings.map((sibling) => run.get(sibling.id)!.assignee_user_id);
    const initialSiblingAssignees = siblings.map((sibling) => sibling.assignee_user_id);
    for (const snapshot of snapshots) {
      const seen = siblingAssignees(snapshot);
      const unchanged = JSON.stringify(seen) === JSON.stringify(initialSiblingAssignees);
      expect(unchanged || new Set(seen).size === 1, `siblings split: ${seen}`).toBe(true);
    }
    if (sequenceAssignees.length === 0) {
      expect(siblingAssignees(final)).toEqual(initialSiblingAssignees);
    } else {
      expect(new Set(siblingAssignees(final)).size).toBe(1);
      expect(sequenceAssignees).toContain(siblingAssignees(final)[0]);
    }
    expect(final.get(finishedSibling.id)).toEqual(finishedSibling);
    expect(await readRun(world.untouchedRun.id)).toEqual(untouchedBefore);
  });
});

describe("TASK reassignments racing across one run", () => {
  it.each(SEEDS.slice(0, 3))("seed %i", async (seed) => {
    const random = createRandom(seed);
    const world = await createRaceWorkspace();
    const actionable: Task[] = [];
    for (let index = 0; index < 14; index++) {
      actionable.push(await createRaceTask(world, random.pick(ACTIONABLE), random));
    }
    const finished: Task[] = [];
    for (let index = 0; index < 6; index++) {
      finished.push(await createRaceTask(world, random.pick(FINISHED), random));
    }
    const initial = new Map([...actionable, ...finished].map((task) => [task.id, task]));
    const untouchedBefore = await readRun(world.untouchedRun.id);

    // Each task gets one reassignment to someone new. Five actionable tasks are skipped and
    // every finished one is reopened at the same time, so a reassignment and a status change
    // race on the same row.
    const newAssignee = (task: Task) => random.pick(world.userIds.filter((id) => id !== task.assignee_user_id));
    const skippedIds = new Set(
      shuffle([...actionable], random)
        .slice(0, 5)
        .map((task) => task.id),
    );
    const writes = shuffle(
      [
        ...[...actionable, ...finished].map((task): Write => ({
          kind: "reassign",
          taskId: task.id,
          scope: "TASK",
          assigneeId: newAssignee(task),
        })),
        ...[...skippedIds].map((taskId): Write => ({ kind: "skip", taskId })),
        ...finished.map((task): Write => ({ kind: "reopen", taskId: task.id })),
      ],
      random,
    );

    const { records, snapshots, final } = await race(world, writes);

    expectRaceOutcomes(records);
    expectFinalNotBehindResponses(records, final);
    expectUpdatedAtNeverDecreases(initial, snapshots, final);

    for (const task of initial.values()) {
      const stored = final.get(task.id)!;
      const own = records.filter((record) => record.write.taskId === task.id);
      const reassignment = own.find((record) => record.write.kind === "reassign")!;
      const requested = reassignment.write.kind === "reassign" ? reassignment.write.assigneeId : undefined;
      const context = `${task.id}: ${own.map(describeRecord).join("\n")}\nfinal: ${JSON.stringify(stored)}`;

      // A status change never fails here: each task gets at most one, from a status that allows it.
      for (const record of own.filter((candidate) => candidate.write.kind !== "reassign")) {
        expect(record.status, context).toBe(200);
      }
      if (isActionable(task.status) && !skippedIds.has(task.id)) {
        expect(reassignment.status, context).toBe(200);
      }
      expect(stored.assignee_user_id, context).toBe(reassignment.status === 200 ? requested : task.assignee_user_id);
      expectStatusFollowsCounts(task.id, task, records, stored);

      // The last success on the row is the row: neither write undid the other.
      const successes = own.filter((record) => record.status === 200).map((record) => record.body as Task);
      const latest = Math.max(...successes.map((body) => time(body.updated_at)));
      expect(time(stored.updated_at), context).toBe(latest);
      expect(
        successes.filter((body) => time(body.updated_at) === latest),
        context,
      ).toContainEqual(stored);
    }
    expect(await readRun(world.untouchedRun.id)).toEqual(untouchedBefore);
  });
});

describe("SEQUENCE reassignments racing across one run", () => {
  it.each(SEEDS.slice(0, 3))("seed %i", async (seed) => {
    const random = createRandom(seed);
    const world = await createRaceWorkspace();
    const runTasks: Task[] = [];
    for (let index = 0; index < 11; index++) {
      runTasks.push(await createRaceTask(world, index < 8 ? random.pick(ACTIONABLE) : random.pick(FINISHED), random));
    }
    const initial = new Map(runTasks.map((task) => [task.id, task]));
    const actionable = runTasks.filter((task) => isActionable(task.status));
    const untouchedBefore = await readRun(world.untouchedRun.id);
    const writes = shuffle(
      [
        ...Array.from({ length: 30 }, (): Write => ({
          kind: "reassign",
          taskId: random.pick(runTasks).id,
          scope: "SEQUENCE",
          assigneeId: random.pick(world.userIds),
        })),
        ...Array.from({ length: 6 }, (): Write => ({ kind: "skip", taskId: random.pick(actionable).id })),
      ],
      random,
    );

    const { records, snapshots, final } = await race(world, writes);

    expectRaceOutcomes(records);
    expectFinalNotBehindResponses(records, final);
    expectUpdatedAtNeverDecreases(initial, snapshots, final);
    const requested = new Set(writes.flatMap((write) => (write.kind === "reassign" ? [write.assigneeId] : [])));

    // A finished target is returned as it was: nothing finished changes.
    for (const task of runTasks.filter((candidate) => !isActionable(candidate.status))) {
      expect(final.get(task.id)).toEqual(task);
      for (const record of records.filter((candidate) => candidate.write.taskId === task.id)) {
        expect(record.body, describeRecord(record)).toEqual(task);
      }
    }

    // Each snapshot shows the run as it was, but for skips, or with every actionable task on one assignee.
    for (const snapshot of [...snapshots, final]) {
      const open = [...snapshot.values()].filter((task) => isActionable(task.status));
      const untouched = [...snapshot.values()].every(
        (task) => task.assignee_user_id === initial.get(task.id)!.assignee_user_id,
      );
      const assignees = new Set(open.map((task) => task.assignee_user_id));
      expect(untouched || assignees.size <= 1, `run split across ${[...assignees]}`).toBe(true);
    }

    for (const task of actionable) {
      const stored = final.get(task.id)!;
      const skips = succeeded(records, "skip", task.id);
      expect(skips.length).toBeLessThanOrEqual(1);
      expect(stored.status).toBe(skips.length === 1 ? "SKIPPED" : task.status);
      expect([task.assignee_user_id, ...requested]).toContain(stored.assignee_user_id);
    }
    const stillOpen = actionable.map((task) => final.get(task.id)!).filter((task) => isActionable(task.status));
    if (stillOpen.length > 0) {
      expect(requested).toContain(stillOpen[0]!.assignee_user_id);
    }
    expect(await readRun(world.untouchedRun.id)).toEqual(untouchedBefore);
  });
});

describe("every kind of write racing across one run", () => {
  it.each(SEEDS.slice(0, 4))("seed %i", async (seed) => {
    const random = createRandom(seed);
    const world = await createRaceWorkspace();
    const runTasks: Task[] = [];
    for (const status of TASK_STATUSES) {
      runTasks.push(await createRaceTask(world, status, random));
    }
    runTasks.push(await createRaceTask(world, random.pick(TASK_STATUSES), random));
    runTasks.push(await createRaceTask(world, random.pick(TASK_STATUSES), random));
    const initial = new Map(runTasks.map((task) => [task.id, task]));
    const untouchedBefore = await readRun(world.untouchedRun.id);
    const writes = Array.from({ length: 48 }, (): Write => {
      const taskId = random.pick(runTasks).id;
      const kind = random.pick(["skip", "reopen", "TASK", "SEQUENCE"] as const);
      return kind === "skip" || kind === "reopen"
        ? { kind, taskId }
        : { kind: "reassign", taskId, scope: kind, assigneeId: random.pick(world.userIds) };
    });

    const { records, snapshots, final } = await race(world, writes);

    expectRaceOutcomes(records);
    expectFinalNotBehindResponses(records, final);
    expectUpdatedAtNeverDecreases(initial, snapshots, final);
    const sequenceAssignees = succeeded(records, "reassignSequence").map((record) =>
      record.write.kind === "reassign" ? record.write.assigneeId : undefined,
    );

    for (const task of runTasks) {
      const stored = final.get(task.id)!;
      const own = records.filter((record) => record.write.taskId === task.id);
      const ownSuccesses = own.filter((record) => record.status === 200).map((record) => record.body as Task);
      const context = `${task.id}: initial ${JSON.stringify(task)}\nfinal ${JSON.stringify(stored)}`;
      expectStatusFollowsCounts(task.id, task, records, stored);

      // Every value a response or a snapshot shows was set by the initial row or by a successful write.
      const assignees = new Set([
        task.assignee_user_id,
        ...succeeded(records, "reassignTask", task.id).map((record) => record.body.assignee_user_id),
        ...sequenceAssignees,
      ]);
      const changedAt = (kind: WriteKind) => succeeded(records, kind, task.id).map((record) => record.body.updated_at);
      const reopenedAts = new Set([task.reopened_at, ...changedAt("reopen")]);
      const skippedAts = new Set([null, task.skipped_at, ...changedAt("skip")]);
      const statuses = new Set([task.status, ...ownSuccesses.map((body) => body.status)]);
      const states = [...ownSuccesses, ...snapshots.map((snapshot) => snapshot.get(task.id)!), stored];
      for (const state of states) {
        expect(assignees, context).toContain(state.assignee_user_id);
        expect(reopenedAts, context).toContain(state.reopened_at);
        expect(skippedAts, context).toContain(state.skipped_at);
        expect(statuses, context).toContain(state.status);
      }
      for (const record of own.filter((candidate) => candidate.status === 422)) {
        expect(statuses, describeRecord(record)).toContain(record.body.data.current_status);
      }
    }
    expect(await readRun(world.untouchedRun.id)).toEqual(untouchedBefore);
  });
});
