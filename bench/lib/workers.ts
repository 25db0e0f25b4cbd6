// Starts the three workers with wrangler dev on 127.0.0.1, each from its bench config and
// all on the same --persist-to directory, so they read one local D1 database.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import { join } from "node:path";

import { BENCH_CONFIG_DIRECTORY, PROJECT_ROOT, RESULTS_DIRECTORY } from "./paths";

export const WORKER_NAMES = ["ours", "baseline", "peer"] as const;
export type WorkerName = (typeof WORKER_NAMES)[number];

export const LOOPBACK = "127.0.0.1";
const FIRST_PORT = 8791;
const FIRST_INSPECTOR_PORT = 9291;
const STARTUP_TIMEOUT_MS = 60_000;

export interface RunningWorker {
  name: WorkerName;
  origin: string;
  process: ChildProcess;
  logFile: string;
}

async function waitUntilListening(worker: RunningWorker): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (worker.process.exitCode !== null) {
      throw new Error(
        `wrangler dev for ${worker.name} exited with code ${worker.process.exitCode}; see ${worker.logFile}.`,
      );
    }
    try {
      // Any HTTP response means the worker is up; without a key it is a 401.
      await fetch(`${worker.origin}/v1/tasks`);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new Error(
    `${worker.name} did not respond on ${worker.origin} within ${STARTUP_TIMEOUT_MS / 1000} s; see ${worker.logFile}.`,
  );
}

/**
 * Starts one wrangler dev per worker and waits until each responds. Their output, one log
 * line per request included, goes to bench/results/logs/ instead of the terminal.
 */
export async function startWorkers(stateDirectory: string, names: readonly WorkerName[]): Promise<RunningWorker[]> {
  const logDirectory = join(RESULTS_DIRECTORY, "logs");
  mkdirSync(logDirectory, { recursive: true });

  const workers: RunningWorker[] = [];
  for (const name of names) {
    const index = WORKER_NAMES.indexOf(name);
    const port = FIRST_PORT + index;
    const logFile = join(logDirectory, `${name}.log`);
    const log = createWriteStream(logFile);
    const child = spawn(
      "wrangler",
      [
        "dev",
        "--config",
        join(BENCH_CONFIG_DIRECTORY, `${name}.toml`),
        "--ip",
        LOOPBACK,
        "--port",
        String(port),
        "--inspector-ip",
        LOOPBACK,
        "--inspector-port",
        String(FIRST_INSPECTOR_PORT + index),
        "--persist-to",
        stateDirectory,
        "--show-interactive-dev-session=false",
      ],
      { cwd: PROJECT_ROOT, stdio: ["ignore", "pipe", "pipe"], detached: true },
    );
    child.stdout.pipe(log);
    child.stderr.pipe(log);
    const worker: RunningWorker = { name, origin: `http://${LOOPBACK}:${port}`, process: child, logFile };
    workers.push(worker);

    // One at a time: workerd opens the shared SQLite file as it starts, and two starting
    // together can fail with SQLITE_BUSY.
    try {
      await waitUntilListening(worker);
    } catch (error) {
      await stopWorkers(workers);
      throw error;
    }
  }
  return workers;
}

/** Stops each wrangler dev and its workerd by signalling the process group it leads. */
export async function stopWorkers(workers: readonly RunningWorker[]): Promise<void> {
  await Promise.all(
    workers.map(
      (worker) =>
        new Promise<void>((resolve) => {
          const { process: child } = worker;
          if (child.exitCode !== null || child.pid === undefined) {
            resolve();
            return;
          }
          const timer = setTimeout(() => {
            signalGroup(child.pid!, "SIGKILL");
          }, 10_000);
          child.once("exit", () => {
            clearTimeout(timer);
            resolve();
          });
          signalGroup(child.pid, "SIGTERM");
        }),
    ),
  );
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group has already exited.
  }
}
