// Builds the API as `wrangler deploy` would upload it, minified, and reads the bundle size
// and the local startup profile that wrangler reports. Neither command reaches Cloudflare:
// --dry-run stops before the upload, and `check startup` profiles in the local runtime.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

import { PROJECT_ROOT, RESULTS_DIRECTORY } from "./paths";

/** The project's budget for the minified, gzipped bundle. */
export const BUNDLE_BUDGET_GZIP_KIB = 200;

export interface BuildReport {
  uploadKiB: number;
  gzipKiB: number;
  /** gzip -9 of the bundle file, as a check on wrangler's number. */
  measuredGzipKiB: number;
  /** CPU time of the startup phase in the local profile, or null when wrangler printed none. */
  startupActiveMs: number | null;
  startupWindowMs: number | null;
}

function wrangler(args: string[]): string {
  const result = spawnSync("wrangler", args, { cwd: PROJECT_ROOT, encoding: "utf8" });
  const output = `${result.stdout ?? ""}${result.stderr ?? ""}`;
  if (result.error !== undefined || result.status !== 0) {
    throw new Error(`wrangler ${args.join(" ")} failed (exit ${result.status}):\n${output}`);
  }
  return output;
}

function numberAfter(output: string, pattern: RegExp): number | null {
  const match = pattern.exec(output);
  return match === null ? null : Number(match[1]);
}

export function buildWorker(): BuildReport {
  const outdir = join(RESULTS_DIRECTORY, "build");
  const deploy = wrangler(["deploy", "--dry-run", "--minify", "--outdir", outdir]);
  const uploadKiB = numberAfter(deploy, /Total Upload: ([\d.]+) KiB/);
  const gzipKiB = numberAfter(deploy, /gzip: ([\d.]+) KiB/);
  if (uploadKiB === null || gzipKiB === null) {
    throw new Error(`wrangler deploy --dry-run printed no "Total Upload" line:\n${deploy}`);
  }

  const bundle = readFileSync(join(outdir, "index.js"));
  const measuredGzipKiB = gzipSync(bundle, { level: 9 }).length / 1024;

  const startup = wrangler(["check", "startup", "--args=--minify", "--outfile", join(outdir, "startup.cpuprofile")]);

  return {
    uploadKiB,
    gzipKiB,
    measuredGzipKiB,
    startupActiveMs: numberAfter(startup, /Active: ([\d.]+) ms/),
    startupWindowMs: numberAfter(startup, /Profile window: ([\d.]+) ms/),
  };
}
