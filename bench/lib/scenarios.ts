// The requests each benchmarked endpoint sends. A scenario builds autocannon requests for
// one worker; the ids it needs come from the dataset's id scheme or from the API itself.
import type autocannon from "autocannon";

import { BENCH_API_KEYS, benchId, LARGE_WORKSPACE, workspaceShape } from "./dataset";
import type { WorkerName } from "./workers";

export const AUTHORIZATION = `Bearer ${BENCH_API_KEYS[LARGE_WORKSPACE]}`;

/** Ids of the large workspace that the scenarios request. */
export interface Fixtures {
  /** Tasks spread evenly over the workspace, for GET /v1/tasks/{id} and its messages. */
  taskIds: string[];
  /** Users of the workspace whose PENDING queue the filtered list reads. */
  assigneeIds: string[];
  /**
   * For each worker that runs the changes, PENDING tasks of distinct runs: one per connection
   * for the warm-up, then one per connection for the measured run. A change still in flight
   * when the warm-up stops may apply after its response is dropped, so the measured run
   * starts on tasks whose state is known.
   */
  pendingTasks: Map<WorkerName, string[]>;
  /** Two users that the SEQUENCE reassignment switches between. */
  reassignTo: [string, string];
}

/** Page 1000 at 10 per page: the list skips 9,990 rows before it reaches its page. */
export const DEEP_PAGE_PATH = "/v1/tasks?page=1000&size=10";

export function buildFixtures(tasks: number, pendingByWorker: Map<WorkerName, string[]>): Fixtures {
  const shape = workspaceShape(LARGE_WORKSPACE, tasks);
  const sampleSize = Math.min(1_000, tasks);
  const taskIds = Array.from({ length: sampleSize }, (_, index) =>
    benchId("task", LARGE_WORKSPACE, Math.floor((index * tasks) / sampleSize)),
  );
  const assigneeIds = Array.from({ length: Math.min(100, shape.users) }, (_, index) =>
    benchId("user", LARGE_WORKSPACE, Math.floor((index * shape.users) / Math.min(100, shape.users))),
  );
  return {
    taskIds,
    assigneeIds,
    pendingTasks: pendingByWorker,
    reassignTo: [benchId("user", LARGE_WORKSPACE, 0), benchId("user", LARGE_WORKSPACE, 1)],
  };
}

export function filteredListPath(assigneeId: string): string {
  return `/v1/tasks?assignee_user_id=${assigneeId}&status=PENDING`;
}

/** The autocannon requests of one endpoint's load. The runner adds the URL, duration and connections. */
export type LoadPlan = Pick<autocannon.Options, "requests" | "setupClient">;

export interface Scenario {
  name: string;
  workers: readonly WorkerName[];
  /** Whether the requests change data. Such scenarios get PENDING tasks of their own for each worker. */
  writes: boolean;
  plan(fixtures: Fixtures, worker: WorkerName, observe: ResponseObserver, phase: LoadPhase): LoadPlan;
}

export type LoadPhase = "warmup" | "measured";

/** Called with every response, for the Server-Timing counters and the status counts. */
export type ResponseObserver = (status: number, headers: Record<string, string | string[]>) => void;

const READ_HEADERS = { Authorization: AUTHORIZATION };
const WRITE_HEADERS = { Authorization: AUTHORIZATION, "Content-Type": "application/json" };

/** Cycles GET requests over `paths`, so consecutive requests read different rows. */
function rotatingGets(paths: readonly string[], observe: ResponseObserver): LoadPlan {
  let next = 0;
  return {
    requests: [
      {
        method: "GET",
        path: paths[0]!,
        headers: READ_HEADERS,
        setupRequest: (request) => {
          request.path = paths[next % paths.length]!;
          next += 1;
          return request;
        },
        onResponse: (status, _body, _context, headers) => observe(status, headers as Record<string, string>),
      },
    ],
  };
}

/** The change a write scenario sends for a task, and how the task's state moves on with each response. */
interface TaskChange {
  request(taskId: string): { method: "POST" | "PATCH"; path: string; body?: string };
  /** Records that a response arrived; a 422 means the recorded state was wrong, and advancing fixes it too. */
  advance(taskId: string): void;
}

/**
 * Gives each connection a task of its own, so connections never race for one row, and
 * sends the change that the task's recorded state calls for.
 */
function perConnectionTask(
  pendingTasks: readonly string[],
  phase: LoadPhase,
  change: TaskChange,
  observe: ResponseObserver,
): LoadPlan {
  const half = Math.floor(pendingTasks.length / 2);
  const taskIds = phase === "warmup" ? pendingTasks.slice(0, half) : pendingTasks.slice(half);
  let assigned = 0;
  return {
    requests: [{ method: "POST", path: "/", headers: WRITE_HEADERS }],
    setupClient: (client) => {
      const taskId = taskIds[assigned % taskIds.length]!;
      assigned += 1;
      client.setRequests([
        {
          method: "POST",
          path: "/",
          headers: WRITE_HEADERS,
          setupRequest: (request) => Object.assign(request, change.request(taskId)),
          onResponse: (status, _body, _context, headers) => {
            change.advance(taskId);
            observe(status, headers as Record<string, string>);
          },
        },
      ]);
    },
  };
}

// Per task, whether its next change is a skip (PENDING) or a reopen (SKIPPED). It outlives
// one autocannon run, so the measured run continues where the warm-up stopped.
const taskIsSkipped = new Map<string, boolean>();
const runAssignee = new Map<string, number>();

export const SCENARIOS: readonly Scenario[] = [
  {
    name: "GET /v1/tasks/{id}",
    workers: ["ours", "baseline", "peer"],
    writes: false,
    plan: (fixtures, _worker, observe) =>
      rotatingGets(
        fixtures.taskIds.map((id) => `/v1/tasks/${id}`),
        observe,
      ),
  },
  {
    name: "GET /v1/tasks (default)",
    workers: ["ours", "baseline"],
    writes: false,
    plan: (_fixtures, _worker, observe) => rotatingGets(["/v1/tasks"], observe),
  },
  {
    name: "GET /v1/tasks (assignee + status)",
    workers: ["ours", "baseline", "peer"],
    writes: false,
    plan: (fixtures, _worker, observe) => rotatingGets(fixtures.assigneeIds.map(filteredListPath), observe),
  },
  {
    name: "GET /v1/tasks (page 1000)",
    workers: ["ours", "baseline"],
    writes: false,
    plan: (_fixtures, _worker, observe) => rotatingGets([DEEP_PAGE_PATH], observe),
  },
  {
    name: "GET /v1/tasks/{id}/messages",
    workers: ["ours", "baseline"],
    writes: false,
    plan: (fixtures, _worker, observe) =>
      rotatingGets(
        fixtures.taskIds.map((id) => `/v1/tasks/${id}/messages`),
        observe,
      ),
  },
  {
    name: "POST skip / reopen",
    workers: ["ours", "baseline"],
    writes: true,
    plan: (fixtures, worker, observe, phase) =>
      perConnectionTask(
        fixtures.pendingTasks.get(worker)!,
        phase,
        {
          request: (taskId) => ({
            method: "POST",
            path: `/v1/tasks/${taskId}/${taskIsSkipped.get(taskId) === true ? "reopen" : "skip"}`,
          }),
          advance: (taskId) => taskIsSkipped.set(taskId, taskIsSkipped.get(taskId) !== true),
        },
        observe,
      ),
  },
  {
    name: "PATCH assignee (SEQUENCE)",
    workers: ["ours", "baseline"],
    writes: true,
    plan: (fixtures, worker, observe, phase) =>
      perConnectionTask(
        fixtures.pendingTasks.get(worker)!,
        phase,
        {
          request: (taskId) => ({
            method: "PATCH",
            path: `/v1/tasks/${taskId}/assignee`,
            body: JSON.stringify({
              assignee_user_id: fixtures.reassignTo[runAssignee.get(taskId) ?? 0],
              scope: "SEQUENCE",
            }),
          }),
          advance: (taskId) => runAssignee.set(taskId, 1 - (runAssignee.get(taskId) ?? 0)),
        },
        observe,
      ),
  },
];
