// `npm run bench`: builds the API, loads a generated dataset into a local D1 database, starts
// the API, a framework-free baseline and a chanfana peer on 127.0.0.1, and drives each
// endpoint with autocannon. `--scale` compares the list at two dataset sizes instead.
// Run `npm run bench -- --help` for the options.
import { cpus } from "node:os";
import { parseArgs } from "node:util";

import { buildWorker, BUNDLE_BUDGET_GZIP_KIB, type BuildReport } from "./lib/build";
import { prepareDatabase } from "./lib/database";
import { LARGE_WORKSPACE, benchId } from "./lib/dataset";
import { measure, type LoadSettings, type Measurement } from "./lib/measure";
import {
  buildSummary,
  markdownTable,
  textTable,
  throughputTable,
  withBaselineRatios,
  writeResults,
  type RunDescription,
} from "./lib/report";
import {
  AUTHORIZATION,
  buildFixtures,
  DEEP_PAGE_PATH,
  filteredListPath,
  SCENARIOS,
  type Fixtures,
  type Scenario,
} from "./lib/scenarios";
import { startWorkers, stopWorkers, WORKER_NAMES, type RunningWorker, type WorkerName } from "./lib/workers";

// Keeps wrangler and the local runtime from calling Cloudflare; child processes inherit it.
process.env.WRANGLER_SEND_METRICS = "false";
process.env.CLOUDFLARE_CF_FETCH_ENABLED = "false";

const HELP = `Usage: npm run bench -- [options]

  --tasks N          tasks in the benchmarked workspace (default 10000; e.g. 100000, 1000000)
  --duration S       seconds of measured load per endpoint and worker (default 10)
  --warmup S         seconds of unmeasured load before each measurement (default 3)
  --connections C    concurrent connections (default 16)
  --endpoints TEXT   run only the endpoints whose name contains TEXT (case-insensitive)
  --skip-build       do not build the bundle or profile its startup
  --regenerate       rebuild the dataset even if a database of that size exists
  --scale            measure the filtered and the unfiltered list at --scale-sizes instead
  --scale-sizes A,B  dataset sizes of the scale mode (default 10000,1000000)
  --help             print this help`;

interface Options {
  tasks: number;
  settings: LoadSettings;
  endpointFilter: string | undefined;
  skipBuild: boolean;
  regenerate: boolean;
  scale: boolean;
  scaleSizes: number[];
}

function positiveInteger(name: string, text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1) {
    console.error(`Invalid --${name} "${text}": expected a whole number of at least 1.`);
    process.exit(2);
  }
  return Number(text);
}

function readOptions(): Options {
  const { values } = parseArgs({
    options: {
      tasks: { type: "string", default: "10000" },
      duration: { type: "string", default: "10" },
      warmup: { type: "string", default: "3" },
      connections: { type: "string", default: "16" },
      endpoints: { type: "string" },
      "skip-build": { type: "boolean", default: false },
      regenerate: { type: "boolean", default: false },
      scale: { type: "boolean", default: false },
      "scale-sizes": { type: "string", default: "10000,1000000" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    process.exit(0);
  }
  return {
    tasks: positiveInteger("tasks", values.tasks),
    settings: {
      durationSeconds: positiveInteger("duration", values.duration),
      warmupSeconds: values.warmup === "0" ? 0 : positiveInteger("warmup", values.warmup),
      connections: positiveInteger("connections", values.connections),
    },
    endpointFilter: values.endpoints?.toLowerCase(),
    skipBuild: values["skip-build"],
    regenerate: values.regenerate,
    scale: values.scale,
    scaleSizes: values["scale-sizes"].split(",").map((size) => positiveInteger("scale-sizes", size.trim())),
  };
}

async function getJson<Body>(origin: string, path: string): Promise<{ status: number; body: Body; text: string }> {
  const response = await fetch(`${origin}${path}`, { headers: { Authorization: AUTHORIZATION } });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as Body, text };
}

/**
 * Finds PENDING tasks of distinct sequence runs through the API, `perWorker` for each worker
 * that runs the write scenarios, so no two connections change the same run.
 */
async function findPendingTasks(ours: RunningWorker, writers: readonly WorkerName[], perWorker: number) {
  const needed = writers.length * perWorker;
  const picked: string[] = [];
  const runs = new Set<string>();
  for (let page = 1; picked.length < needed && page <= 50; page += 1) {
    const { status, body } = await getJson<{ items: { id: string; sequence_id: string }[] }>(
      ours.origin,
      `/v1/tasks?status=PENDING&size=100&page=${page}`,
    );
    if (status !== 200) {
      throw new Error(`Listing PENDING tasks on ${ours.origin} returned ${status}.`);
    }
    for (const task of body.items) {
      if (!runs.has(task.sequence_id) && picked.length < needed) {
        runs.add(task.sequence_id);
        picked.push(task.id);
      }
    }
    if (body.items.length === 0) {
      break;
    }
  }
  if (picked.length < needed) {
    throw new Error(`Found ${picked.length} PENDING tasks of distinct runs; the write scenarios need ${needed}.`);
  }
  return new Map(writers.map((worker, index) => [worker, picked.slice(index * perWorker, (index + 1) * perWorker)]));
}

/**
 * Sends each read once to every worker and checks that all return the API's exact body, so
 * the comparison workers do the same work as the API.
 */
async function checkSameResponses(workers: readonly RunningWorker[], fixtures: Fixtures): Promise<void> {
  const paths = [
    `/v1/tasks/${fixtures.taskIds[1]}`,
    "/v1/tasks",
    filteredListPath(fixtures.assigneeIds[1]!),
    DEEP_PAGE_PATH,
    `/v1/tasks/${fixtures.taskIds[1]}/messages`,
  ];
  for (const path of paths) {
    const peerServes = !path.includes("/messages") && path !== "/v1/tasks" && path !== DEEP_PAGE_PATH;
    const responses = [];
    for (const worker of workers.filter((candidate) => candidate.name !== "peer" || peerServes)) {
      const response = await fetch(`${worker.origin}${path}`, { headers: { Authorization: AUTHORIZATION } });
      responses.push({ worker, status: response.status, text: await response.text() });
    }
    const [reference] = responses;
    for (const response of responses) {
      if (response.status !== 200 || response.text !== reference!.text) {
        throw new Error(
          `${response.worker.name} returned GET ${path} with ${response.status} and a body that differs from ours:\n` +
            `${response.text.slice(0, 300)}\nours: ${reference!.text.slice(0, 300)}`,
        );
      }
    }
  }
}

function selectedScenarios(filter: string | undefined): Scenario[] {
  const scenarios = SCENARIOS.filter(
    (scenario) => filter === undefined || scenario.name.toLowerCase().includes(filter),
  );
  if (scenarios.length === 0) {
    console.error(
      `No endpoint matches --endpoints "${filter}". Endpoints: ${SCENARIOS.map((scenario) => scenario.name).join("; ")}.`,
    );
    process.exit(2);
  }
  return scenarios;
}

function describeMachine(): string {
  const processors = cpus();
  return `${processors.length} x ${processors[0]?.model ?? "unknown CPU"}, Node ${process.version}`;
}

function printBuild(build: BuildReport | null): void {
  if (build === null) {
    return;
  }
  console.log(buildSummary(build));
  if (build.gzipKiB > BUNDLE_BUDGET_GZIP_KIB) {
    console.warn(`The gzipped bundle is over the ${BUNDLE_BUDGET_GZIP_KIB} KiB budget.`);
  }
}

async function runThroughput(options: Options): Promise<void> {
  const startedAt = new Date().toISOString();
  const scenarios = selectedScenarios(options.endpointFilter);
  const build = options.skipBuild ? null : buildWorker();
  printBuild(build);

  const database = await prepareDatabase(options.tasks, options.regenerate);
  const workers = await startWorkers(database.stateDirectory, WORKER_NAMES);
  const measurements: Measurement[] = [];
  try {
    const ours = workers.find((worker) => worker.name === "ours")!;
    const writers = [
      ...new Set(scenarios.filter((scenario) => scenario.writes).flatMap((scenario) => scenario.workers)),
    ];
    const pending =
      writers.length === 0 ? new Map() : await findPendingTasks(ours, writers, 2 * options.settings.connections);
    const fixtures = buildFixtures(options.tasks, pending);
    await checkSameResponses(workers, fixtures);

    for (const scenario of scenarios) {
      for (const worker of workers.filter((candidate) => scenario.workers.includes(candidate.name))) {
        console.log(
          `${scenario.name} on ${worker.name}: ${options.settings.warmupSeconds} s warm-up, ${options.settings.durationSeconds} s measured.`,
        );
        measurements.push(await measure(worker, scenario, fixtures, options.settings));
      }
    }
  } finally {
    await stopWorkers(workers);
  }

  const rows = withBaselineRatios(measurements);
  const table = throughputTable(rows);
  const description: RunDescription = {
    mode: "throughput",
    startedAt,
    settings: options.settings,
    machine: describeMachine(),
  };
  const heading =
    `Tasks in the benchmarked workspace: ${options.tasks}` +
    (database.generationSeconds === null
      ? " (database reused)"
      : ` (generated in ${database.generationSeconds.toFixed(0)} s)`) +
    `. ${options.settings.connections} connections, ${options.settings.durationSeconds} s per row after ${options.settings.warmupSeconds} s of warm-up. ${description.machine}.`;

  console.log(`\n${heading}\n${build === null ? "" : `${buildSummary(build)}\n`}\n${table.text}\n`);
  const files = writeResults(
    `throughput-${options.tasks}`,
    { ...description, tasks: options.tasks, generationSeconds: database.generationSeconds, build, rows },
    `# Benchmark, ${startedAt}\n\n${heading}\n\n${build === null ? "" : `${buildSummary(build)}\n\n`}${table.markdown}`,
  );
  console.log(`Wrote ${files.join(" and ")}.`);
}

interface ScaleRow {
  tasks: number;
  generationSeconds: number | null;
  filtered: Measurement;
  unfiltered: Measurement;
}

async function runScale(options: Options): Promise<void> {
  const startedAt = new Date().toISOString();
  const [filteredScenario, unfilteredScenario] = ["GET /v1/tasks (assignee + status)", "GET /v1/tasks (default)"].map(
    (name) => SCENARIOS.find((scenario) => scenario.name === name)!,
  );
  const rows: ScaleRow[] = [];

  for (const tasks of options.scaleSizes) {
    const database = await prepareDatabase(tasks, options.regenerate);
    const workers = await startWorkers(database.stateDirectory, ["ours"]);
    try {
      const fixtures = buildFixtures(tasks, new Map());
      const [ours] = workers;
      console.log(`${tasks} tasks: the filtered and the unfiltered list on ours.`);
      rows.push({
        tasks,
        generationSeconds: database.generationSeconds,
        filtered: await measure(ours!, filteredScenario!, fixtures, options.settings),
        unfiltered: await measure(ours!, unfilteredScenario!, fixtures, options.settings),
      });
    } finally {
      await stopWorkers(workers);
    }
  }

  const smallest = rows[0]!;
  const header = ["tasks", "list", "req/s", "p50 ms", "p99 ms", "rows read/req", "p50 vs smallest"];
  const cells = rows.flatMap((row) =>
    (["filtered", "unfiltered"] as const).map((kind) => {
      const measurement = row[kind];
      return [
        String(row.tasks),
        kind === "filtered" ? "assignee + status" : "default (whole workspace)",
        measurement.requestsPerSecond.toFixed(0),
        measurement.p50Ms.toFixed(0),
        measurement.p99Ms.toFixed(0),
        (measurement.rowsReadPerRequest ?? 0).toFixed(0),
        (measurement.p50Ms / smallest[kind].p50Ms).toFixed(2),
      ];
    }),
  );
  const largest = rows.at(-1)!;
  const ratio = largest.filtered.p50Ms / smallest.filtered.p50Ms;
  const verdict = `Filtered list p50 at ${largest.tasks} tasks is ${ratio.toFixed(2)}x that at ${smallest.tasks} (target: at most 2x).`;
  const description: RunDescription = {
    mode: "scale",
    startedAt,
    settings: options.settings,
    machine: describeMachine(),
  };

  console.log(`\n${textTable(header, cells)}\n\n${verdict}\n`);
  const files = writeResults(
    "scale",
    { ...description, rows, filteredP50Ratio: ratio },
    `# Scale benchmark, ${startedAt}\n\n${options.settings.connections} connections, ${options.settings.durationSeconds} s per row. ${description.machine}.\n\n${markdownTable(header, cells)}\n\n${verdict}`,
  );
  console.log(`Wrote ${files.join(" and ")}.`);
}

const options = readOptions();
if (options.scale) {
  await runScale(options);
} else {
  await runThroughput(options);
}
// getPlatformProxy and autocannon can leave handles open after their work is done.
process.exit(0);
