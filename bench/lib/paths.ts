import { join } from "node:path";

export const PROJECT_ROOT = join(import.meta.dirname, "..", "..");
export const BENCH_DIRECTORY = join(PROJECT_ROOT, "bench");
export const BENCH_CONFIG_DIRECTORY = join(BENCH_DIRECTORY, "config");
export const RESULTS_DIRECTORY = join(BENCH_DIRECTORY, "results");
