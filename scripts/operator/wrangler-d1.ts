// Runs `wrangler d1 execute` against the DB binding of wrangler.toml. Only this module
// starts wrangler, so the target flags are chosen in one place.
import { spawnSync } from "node:child_process";
import { join } from "node:path";

import { type D1Target, wranglerTargetArgs } from "./d1-target";

const DATABASE_BINDING = "DB";
const PROJECT_ROOT = join(import.meta.dirname, "..", "..");

// No usage metrics, no Request.cf download and no update check in the banner: the
// commands contact Cloudflare only for a --remote database.
const WRANGLER_ENVIRONMENT = {
  ...process.env,
  WRANGLER_SEND_METRICS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  WRANGLER_HIDE_BANNER: "true",
};

/** The rows wrangler returns for each statement of a --json call. */
export type StatementResults = Record<string, unknown>[][];

/** A failed wrangler call, with what wrangler printed. */
export class WranglerError extends Error {
  override name = "WranglerError";
}

function runWrangler(args: string[], captureOutput: boolean): string {
  const result = spawnSync("wrangler", args, {
    cwd: PROJECT_ROOT,
    encoding: "utf8",
    env: WRANGLER_ENVIRONMENT,
    // Large result sets of --json calls need more than the default 1 MiB buffer.
    maxBuffer: 256 * 1024 * 1024,
    stdio: captureOutput ? ["ignore", "pipe", "pipe"] : "inherit",
  });

  if (result.error !== undefined) {
    throw new WranglerError(
      `Could not start wrangler: ${result.error.message}. Run the command through npm run, which puts wrangler on the PATH.`,
    );
  }
  if (result.status !== 0) {
    const output = [result.stderr, result.stdout]
      .filter((text) => text)
      .join("\n")
      .trim();
    throw new WranglerError(
      `wrangler d1 execute failed with exit code ${result.status}${output ? `:\n${output}` : "."}`,
    );
  }
  return result.stdout ?? "";
}

/**
 * Runs SQL statements given on the command line and returns the rows of each. The SQL
 * must stay under the operating system's limit for one argument (128 KiB on Linux).
 */
export function queryD1(target: D1Target, sql: string): StatementResults {
  const output = runWrangler(
    ["d1", "execute", DATABASE_BINDING, ...wranglerTargetArgs(target), "--json", "--command", sql],
    true,
  );
  const parsed = JSON.parse(output) as { results?: Record<string, unknown>[] }[];
  return parsed.map((statement) => statement.results ?? []);
}

/**
 * Runs a SQL file. wrangler runs a local file as one D1 batch, which is one transaction, and
 * a remote file through D1's import, which restores the database if it fails.
 * For a remote database wrangler's own output and confirmation prompt are shown.
 */
export function executeD1File(target: D1Target, file: string): void {
  const args = ["d1", "execute", DATABASE_BINDING, ...wranglerTargetArgs(target), "--file", file];
  if (target.kind === "local") {
    // wrangler prints a result for every statement, so a local run keeps its output quiet.
    runWrangler([...args, "--yes"], true);
  } else {
    // NOTE: no test runs this remote path; it relies on wrangler 4's D1 import as described above.
    runWrangler(args, false);
  }
}
