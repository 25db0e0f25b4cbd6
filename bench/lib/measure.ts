// Drives one endpoint of one worker with autocannon: a warm-up, then the measured run,
// counting the D1 work that each response reports in Server-Timing.
import autocannon from "autocannon";

import type { Fixtures, LoadPhase, ResponseObserver, Scenario } from "./scenarios";
import type { RunningWorker, WorkerName } from "./workers";

export interface LoadSettings {
  durationSeconds: number;
  warmupSeconds: number;
  connections: number;
}

export interface Measurement {
  endpoint: string;
  worker: WorkerName;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Means over the measured responses that carried Server-Timing. */
  rowsReadPerRequest: number | null;
  d1CallsPerRequest: number | null;
  d1MsPerRequest: number | null;
  requests: number;
  /** Responses that were not 2xx, and connection errors or timeouts. */
  non2xx: number;
  errors: number;
}

interface ServerTimingTotals {
  responses: number;
  rowsRead: number;
  calls: number;
  d1Ms: number;
  statuses: Map<number, number>;
}

function headerValue(headers: Record<string, string | string[]>, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name) {
      return Array.isArray(value) ? value.join(", ") : value;
    }
  }
  return undefined;
}

/** Reads `name;desc=N` or `name;dur=N` from a Server-Timing value. */
function serverTimingNumber(value: string, name: string): number | undefined {
  const match = new RegExp(`(?:^|,)\\s*${name};(?:desc|dur)=([\\d.]+)`).exec(value);
  return match === null ? undefined : Number(match[1]);
}

function createObserver(totals: ServerTimingTotals): ResponseObserver {
  return (status, headers) => {
    totals.statuses.set(status, (totals.statuses.get(status) ?? 0) + 1);
    const timing = headerValue(headers, "server-timing");
    if (timing === undefined) {
      return;
    }
    totals.responses += 1;
    totals.rowsRead += serverTimingNumber(timing, "d1-rows-read") ?? 0;
    totals.calls += serverTimingNumber(timing, "d1-calls") ?? 0;
    totals.d1Ms += serverTimingNumber(timing, "d1") ?? 0;
  };
}

function emptyTotals(): ServerTimingTotals {
  return { responses: 0, rowsRead: 0, calls: 0, d1Ms: 0, statuses: new Map() };
}

async function drive(
  worker: RunningWorker,
  scenario: Scenario,
  fixtures: Fixtures,
  phase: LoadPhase,
  seconds: number,
  connections: number,
  totals: ServerTimingTotals,
): Promise<autocannon.Result> {
  const plan = scenario.plan(fixtures, worker.name, createObserver(totals), phase);
  return autocannon({
    url: worker.origin,
    connections,
    duration: seconds,
    // Ten seconds is autocannon's default; a queue of slow whole-workspace counts can take longer.
    timeout: 30,
    ...plan,
  });
}

export async function measure(
  worker: RunningWorker,
  scenario: Scenario,
  fixtures: Fixtures,
  settings: LoadSettings,
): Promise<Measurement> {
  if (settings.warmupSeconds > 0) {
    await drive(worker, scenario, fixtures, "warmup", settings.warmupSeconds, settings.connections, emptyTotals());
  }

  const totals = emptyTotals();
  const result = await drive(
    worker,
    scenario,
    fixtures,
    "measured",
    settings.durationSeconds,
    settings.connections,
    totals,
  );
  const perResponse = (sum: number) => (totals.responses === 0 ? null : sum / totals.responses);

  const unexpected = [...totals.statuses].filter(([status]) => status < 200 || status > 299);
  if (unexpected.length > 0) {
    console.warn(
      `  ${worker.name}: unexpected statuses ${unexpected.map(([status, count]) => `${status} x${count}`).join(", ")}; see ${worker.logFile}.`,
    );
  }

  return {
    endpoint: scenario.name,
    worker: worker.name,
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    rowsReadPerRequest: perResponse(totals.rowsRead),
    d1CallsPerRequest: perResponse(totals.calls),
    d1MsPerRequest: perResponse(totals.d1Ms),
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}
