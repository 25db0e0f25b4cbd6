// Steps that prepare the local D1 database of `wrangler dev`. They only ever pass --local
// to wrangler: the development dataset must never reach a remote database.
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { join } from "node:path";

import { buildDataset } from "./dataset/build-dataset";
import { datasetToSql } from "./dataset/dataset-sql";

const DATABASE_BINDING = "DB";
const PROJECT_ROOT = join(import.meta.dirname, "..");
const STATE_DIRECTORY = join(PROJECT_ROOT, ".wrangler", "state");

// Keeps wrangler and the local runtime from calling Cloudflare: no usage metrics, and the
// built-in placeholder for Request.cf instead of downloading one. Child processes inherit it.
process.env.WRANGLER_SEND_METRICS = "false";
process.env.CLOUDFLARE_CF_FETCH_ENABLED = "false";

/** Exits with an error when the command line requests a remote database. */
export function rejectRemoteFlag(argv: readonly string[]): void {
  if (argv.some((argument) => argument === "--remote" || argument.startsWith("--remote="))) {
    console.error(
      "--remote is not supported: this command only writes the local database, and the development dataset must never reach a remote one.",
    );
    process.exit(2);
  }
}

function wrangler(args: string[], options: { capture?: boolean } = {}): string {
  const result = spawnSync("wrangler", args, {
    cwd: PROJECT_ROOT,
    encoding: "utf8",
    stdio: options.capture ? ["ignore", "pipe", "inherit"] : "inherit",
  });

  if (result.error !== undefined || result.status !== 0) {
    console.error(`wrangler ${args.join(" ")} failed${result.error ? `: ${result.error.message}` : ""}.`);
    process.exit(result.status ?? 1);
  }
  return result.stdout ?? "";
}

export function applyMigrations(): void {
  wrangler(["d1", "migrations", "apply", DATABASE_BINDING, "--local"]);
}

export function isDatabaseEmpty(): boolean {
  const output = wrangler(
    [
      "d1",
      "execute",
      DATABASE_BINDING,
      "--local",
      "--json",
      "--command",
      "SELECT COUNT(*) AS count FROM organizations",
    ],
    { capture: true },
  );
  const [result] = JSON.parse(output) as { results: { count: number }[] }[];
  return (result?.results[0]?.count ?? 0) === 0;
}

export async function loadDevelopmentDataset(): Promise<void> {
  const dataset = await buildDataset();
  const directory = join(STATE_DIRECTORY, "seed");
  const file = join(directory, "development-dataset.sql");

  mkdirSync(directory, { recursive: true });
  // PRAGMA optimize gathers the index statistics that let SQLite pick a selective filter's
  // index (an assignee's, a sequence run's) over the sort index, as D1 advises after bulk loads.
  writeFileSync(file, `${datasetToSql(dataset)}\nPRAGMA optimize;\n`);

  console.log(`Loading ${dataset.tasks.length} tasks and ${dataset.messages.length} messages into the local database.`);
  // The output is captured because wrangler prints the result of every statement.
  wrangler(["d1", "execute", DATABASE_BINDING, "--local", "--yes", "--file", file], { capture: true });
}

export const DEV_SERVER_PORT = 8787;

/** Tells whether something listens on the dev server's port on this machine. */
export function isDevServerRunning(): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port: DEV_SERVER_PORT });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** Deletes the local D1 state, so the next migration starts from an empty database. */
export function deleteLocalDatabase(): void {
  rmSync(join(STATE_DIRECTORY, "v3", "d1"), { recursive: true, force: true });
}
