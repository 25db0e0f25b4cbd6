import { expect } from "vitest";

import { callApi, describeResponse } from "../helpers/api";

// Readers of the task event log, the two ways an integration reads it: page by page from
// one resume point, or following the log by moving after_sequence_number.

export interface EventBody {
  id: string;
  sequence_number: number;
  type: string;
  task_id: string;
  sequence_id: string;
  task_version: number;
  changes: Record<string, { previous: unknown; current: unknown }>;
  task: Record<string, unknown> & { id: string; version: number; updated_at: string };
  actor: { type: "API_KEY" | "SEQUENCE"; api_key_id: string | null };
  occurred_at: string;
}

/** Reads every event after the given number, with page=2, 3… until has_more is false. */
export async function readLogByPage(key: string, options: { after?: number; size?: number; query?: string } = {}) {
  const { after = 0, size = 100, query = "" } = options;
  const events: EventBody[] = [];
  for (let page = 1; ; page++) {
    const response = await callApi(`/v1/task-events?after_sequence_number=${after}&page=${page}&size=${size}${query}`, {
      key,
    });
    expect(response.status, describeResponse(response)).toBe(200);
    events.push(...response.body.items);
    if (!response.body.has_more) {
      expect(events).toHaveLength(response.body.total_count);
      return events;
    }
  }
}

/** Follows the log as the README describes: page=1 and the last number seen, until a page is empty. */
export async function followLog(key: string, after: number, size: number) {
  const events: EventBody[] = [];
  let last = after;
  for (;;) {
    const response = await callApi(`/v1/task-events?after_sequence_number=${last}&page=1&size=${size}`, { key });
    expect(response.status, describeResponse(response)).toBe(200);
    const items: EventBody[] = response.body.items;
    if (items.length === 0) {
      return events;
    }
    events.push(...items);
    last = items[items.length - 1]!.sequence_number;
  }
}

/** Asserts that the events are numbered from `first` on, one apart, with no gap or repeat. */
export function expectConsecutive(events: readonly EventBody[], first = 1) {
  expect(events.map((event) => event.sequence_number)).toEqual(events.map((_, index) => first + index));
}
