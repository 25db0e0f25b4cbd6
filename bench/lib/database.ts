// Prepares the local D1 database that the three bench workers share. Each dataset size has
// its own state directory, so a 1M-task database is generated once and reused by later runs.
import { spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";

import { getPlatformProxy } from "wrangler";

import { datasetSteps, LARGE_WORKSPACE, benchId } from "./dataset";
import { BENCH_CONFIG_DIRECTORY, PROJECT_ROOT } from "./paths";

const OURS_CONFIG = join(BENCH_CONFIG_DIRECTORY, "ours.toml");

export function stateDirectoryFor(tasks: number): string {
  return join(PROJECT_ROOT, ".wrangler", "bench", `tasks-${tasks}`);
}

function applyMigrations(stateDirectory: string): void {
  const result = spawnSync(
    "wrangler",
    ["d1", "migrations", "apply", "DB", "--local", "--config", OURS_CONFIG, "--persist-to", stateDirectory],
    { cwd: PROJECT_ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
  );
  if (result.error !== undefined || result.status !== 0) {
    throw new Error(
      `wrangler d1 migrations apply failed (exit ${result.status}): ${result.error?.message ?? result.stdout}`,
    );
  }
}

/** Opens the bench D1 database of a state directory from Node, through wrangler's local runtime. */
async function openDatabase(stateDirectory: string) {
  // getPlatformProxy keeps its state under persist.path, which is what --persist-to names plus "v3".
  return getPlatformProxy<{ DB: D1Database }>({
    configPath: OURS_CONFIG,
    persist: { path: join(stateDirectory, "v3") },
  });
}

async function countLargeWorkspaceTasks(db: D1Database): Promise<number> {
  const row = await db
    .prepare("SELECT count(*) AS count FROM tasks WHERE organization_id = ?")
    .bind(benchId("organization", LARGE_WORKSPACE, 0))
    .first<{ count: number }>();
  return row?.count ?? 0;
}

export interface PreparedDatabase {
  stateDirectory: string;
  /** Seconds spent generating the dataset, or null when an earlier run's database was reused. */
  generationSeconds: number | null;
}

/**
 * Makes sure the state directory contains the migrated database with `tasks` tasks in the large
 * workspace. A database left by an earlier run is reused when its size matches, unless
 * `regenerate` is set; otherwise the directory is deleted and loaded again.
 */
export async function prepareDatabase(tasks: number, regenerate: boolean): Promise<PreparedDatabase> {
  const stateDirectory = stateDirectoryFor(tasks);

  if (!regenerate && existsSync(stateDirectory)) {
    const proxy = await openDatabase(stateDirectory);
    try {
      if ((await countLargeWorkspaceTasks(proxy.env.DB)) === tasks) {
        console.log(`Reusing the database with ${tasks} tasks in ${stateDirectory} (--regenerate rebuilds it).`);
        return { stateDirectory, generationSeconds: null };
      }
    } catch {
      // An interrupted load can leave no tables or a partial set; it is rebuilt below.
    } finally {
      await proxy.dispose();
    }
  }

  rmSync(stateDirectory, { recursive: true, force: true });
  const startedAt = performance.now();
  console.log(`Applying the migrations in drizzle/ to ${stateDirectory}.`);
  applyMigrations(stateDirectory);

  const steps = await datasetSteps(tasks);
  const totalRows = steps.reduce((sum, step) => sum + step.rows, 0);
  const proxy = await openDatabase(stateDirectory);
  try {
    let loadedRows = 0;
    for (const step of steps) {
      const stepStartedAt = performance.now();
      await proxy.env.DB.prepare(step.sql).run();
      loadedRows += step.rows;
      const percent = ((100 * loadedRows) / totalRows).toFixed(0).padStart(3);
      const elapsed = ((performance.now() - startedAt) / 1000).toFixed(0);
      console.log(
        `  [${percent}%] ${step.label}: ${step.rows} rows in ${((performance.now() - stepStartedAt) / 1000).toFixed(1)} s (${elapsed} s so far)`,
      );
    }
  } finally {
    await proxy.dispose();
  }

  const generationSeconds = (performance.now() - startedAt) / 1000;
  console.log(`Loaded ${totalRows} rows in ${generationSeconds.toFixed(0)} s.`);
  return { stateDirectory, generationSeconds };
}
