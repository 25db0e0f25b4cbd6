// Formats the measurements as a text table for the terminal and as markdown and JSON files.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import type { BuildReport } from "./build";
import type { LoadSettings, Measurement } from "./measure";
import { RESULTS_DIRECTORY } from "./paths";

export interface ThroughputRow extends Measurement {
  /** requests/s divided by the baseline's on the same endpoint in the same run. */
  ratioToBaseline: number | null;
}

export function withBaselineRatios(measurements: readonly Measurement[]): ThroughputRow[] {
  return measurements.map((measurement) => {
    const baseline = measurements.find(
      (other) => other.endpoint === measurement.endpoint && other.worker === "baseline",
    );
    return {
      ...measurement,
      ratioToBaseline:
        baseline === undefined || baseline.requestsPerSecond === 0
          ? null
          : measurement.requestsPerSecond / baseline.requestsPerSecond,
    };
  });
}

function fixed(value: number | null, digits: number): string {
  return value === null ? "-" : value.toFixed(digits);
}

const THROUGHPUT_HEADER = [
  "endpoint",
  "worker",
  "req/s",
  "p50 ms",
  "p99 ms",
  "rows read/req",
  "D1 calls/req",
  "non-2xx",
  "vs baseline",
];

function throughputCells(row: ThroughputRow): string[] {
  return [
    row.endpoint,
    row.worker,
    fixed(row.requestsPerSecond, 0),
    fixed(row.p50Ms, 0),
    fixed(row.p99Ms, 0),
    fixed(row.rowsReadPerRequest, 0),
    fixed(row.d1CallsPerRequest, 2),
    String(row.non2xx + row.errors),
    fixed(row.ratioToBaseline, 2),
  ];
}

/** Renders rows as a fixed-width text table, numbers right-aligned. */
export function textTable(header: readonly string[], rows: readonly string[][]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (column < 2 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join("  ");
  return [line(header), widths.map((width) => "-".repeat(width)).join("  "), ...rows.map(line)].join("\n");
}

export function markdownTable(header: readonly string[], rows: readonly string[][]): string {
  const align = header.map((_, column) => (column < 2 ? "---" : "---:"));
  return [header, align, ...rows].map((cells) => `| ${cells.join(" | ")} |`).join("\n");
}

export function throughputTable(rows: readonly ThroughputRow[]): { text: string; markdown: string } {
  const cells = rows.map(throughputCells);
  return { text: textTable(THROUGHPUT_HEADER, cells), markdown: markdownTable(THROUGHPUT_HEADER, cells) };
}

export function buildSummary(build: BuildReport): string {
  const startup =
    build.startupActiveMs === null
      ? "wrangler printed no startup profile"
      : `startup ${build.startupActiveMs.toFixed(0)} ms of CPU in a ${fixed(build.startupWindowMs, 0)} ms local profile window`;
  return (
    `Bundle: ${build.uploadKiB.toFixed(1)} KiB minified, ${build.gzipKiB.toFixed(1)} KiB gzipped ` +
    `(gzip -9 of the file: ${build.measuredGzipKiB.toFixed(1)} KiB); ${startup}.`
  );
}

export interface RunDescription {
  mode: "throughput" | "scale";
  startedAt: string;
  settings: LoadSettings;
  machine: string;
}

/** Writes <name>.json and <name>.md under bench/results/ and returns their paths. */
export function writeResults(name: string, json: unknown, markdown: string): string[] {
  mkdirSync(RESULTS_DIRECTORY, { recursive: true });
  const jsonPath = join(RESULTS_DIRECTORY, `${name}.json`);
  const markdownPath = join(RESULTS_DIRECTORY, `${name}.md`);
  writeFileSync(jsonPath, `${JSON.stringify(json, null, 2)}\n`);
  writeFileSync(markdownPath, `${markdown}\n`);
  return [jsonPath, markdownPath];
}
