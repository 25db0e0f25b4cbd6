// Runs the worker with `wrangler dev` on 127.0.0.1 for the end-to-end tests, against a local
// D1 database of its own under .wrangler/e2e/, so the developer's database in
// .wrangler/state/ is never touched.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";

import { buildDataset } from "../../scripts/dataset/build-dataset";
import { datasetToSql } from "../../scripts/dataset/dataset-sql";

const PROJECT_ROOT = join(import.meta.dirname, "..", "..");
const WRANGLER = join(PROJECT_ROOT, "node_modules", ".bin", "wrangler");
const DATABASE_BINDING = "DB";
const STARTUP_TIMEOUT_MS = 60_000;
const SHUTDOWN_TIMEOUT_MS = 10_000;

// No usage metrics, and the built-in placeholder for Request.cf instead of a download, so
// neither wrangler nor workerd calls Cloudflare.
const WRANGLER_ENV = { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" };

export interface LocalWorker {
  origin: string;
  stop(): Promise<void>;
}

function runWrangler(args: string[]): void {
  const result = spawnSync(WRANGLER, args, { cwd: PROJECT_ROOT, env: WRANGLER_ENV, encoding: "utf8" });
  if (result.error !== undefined || result.status !== 0) {
    const detail = result.error?.message ?? `${result.stderr}\n${result.stdout}`.trim();
    throw new Error(`wrangler ${args.join(" ")} failed with status ${result.status}: ${detail}`);
  }
}

/**
 * Deletes `persistDirectory`, then applies the migrations and loads the development dataset
 * into a new local D1 database there.
 */
export async function prepareDatabase(persistDirectory: string): Promise<void> {
  rmSync(persistDirectory, { recursive: true, force: true });
  mkdirSync(persistDirectory, { recursive: true });

  const local = ["--local", "--persist-to", persistDirectory];
  runWrangler(["d1", "migrations", "apply", DATABASE_BINDING, ...local]);

  const datasetFile = join(persistDirectory, "development-dataset.sql");
  writeFileSync(datasetFile, datasetToSql(await buildDataset()));
  runWrangler(["d1", "execute", DATABASE_BINDING, ...local, "--yes", "--file", datasetFile]);
}

/** Returns a TCP port that is free on 127.0.0.1 at the time of the call. */
function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => {
        if (address === null || typeof address === "string") {
          reject(new Error(`Unexpected server address: ${String(address)}`));
        } else {
          resolve(address.port);
        }
      });
    });
  });
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve(true);
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Sends `signal` to the child's whole process group, which contains wrangler and workerd. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) {
    return;
  }
  try {
    process.kill(-child.pid, signal);
  } catch (error) {
    // ESRCH: the group has already exited.
    if ((error as NodeJS.ErrnoException).code !== "ESRCH") {
      throw error;
    }
  }
}

async function stopWorker(child: ChildProcess): Promise<void> {
  signalGroup(child, "SIGTERM");
  if (!(await waitForExit(child, SHUTDOWN_TIMEOUT_MS))) {
    signalGroup(child, "SIGKILL");
    await waitForExit(child, SHUTDOWN_TIMEOUT_MS);
  }
}

function tailOfLog(logFile: string): string {
  try {
    return readFileSync(logFile, "utf8").split("\n").slice(-30).join("\n");
  } catch {
    return "(no log written)";
  }
}

/**
 * Starts `wrangler dev` on a free port of 127.0.0.1 with the database in `persistDirectory`,
 * and resolves once `/openapi.json` returns 200. wrangler's output goes to `logFile`.
 */
export async function startLocalWorker(persistDirectory: string, logFile: string): Promise<LocalWorker> {
  const port = await findFreePort();
  const inspectorPort = await findFreePort();
  const origin = `http://127.0.0.1:${port}`;

  const log = createWriteStream(logFile);
  const child = spawn(
    WRANGLER,
    [
      "dev",
      "--ip",
      "127.0.0.1",
      "--port",
      String(port),
      "--inspector-ip",
      "127.0.0.1",
      "--inspector-port",
      String(inspectorPort),
      "--persist-to",
      persistDirectory,
      "--show-interactive-dev-session=false",
    ],
    // A process group of its own, so that stopping it also stops the workerd it starts.
    { cwd: PROJECT_ROOT, env: WRANGLER_ENV, detached: true, stdio: ["ignore", "pipe", "pipe"] },
  );
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);

  const worker: LocalWorker = { origin, stop: () => stopWorker(child) };
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;

  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `wrangler dev exited with ${child.exitCode ?? child.signalCode} before serving ${origin}. Its output (${logFile}):\n${tailOfLog(logFile)}`,
      );
    }
    try {
      const response = await fetch(`${origin}/openapi.json`);
      if (response.ok) {
        return worker;
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }

  await worker.stop();
  throw new Error(
    `wrangler dev did not serve ${origin}/openapi.json within ${STARTUP_TIMEOUT_MS / 1000} s. Its output (${logFile}):\n${tailOfLog(logFile)}`,
  );
}
