import {
  createExecutionContext,
  createMessageBatch,
  env,
  getQueueResult,
  waitOnExecutionContext,
} from "cloudflare:test";
import { vi } from "vitest";

import { createApp } from "../../src/app";
import worker from "../../src/index";
import type { Bindings } from "../../src/env";
import type { DeliveryMessage } from "../../src/webhooks/delivery-queue";
import { receiverUrl } from "./webhooks";

// How the webhook tests see queue messages and outbound requests, with
// @cloudflare/vitest-plugin 1.5, which no longer ships a fetchMock:
// - The worker gets a queue binding that records what it is sent (RecordingQueue), passed in
//   the env of app.request() and of the queue handler. The tests' own queue binding points at
//   a queue without a consumer (vitest.config.ts), so nothing is delivered behind their back.
// - Recorded messages go to the worker's real queue handler in a batch from
//   createMessageBatch(), and getQueueResult() reports which it acknowledged.
// - The handler runs in the test's isolate, so a spy on globalThis.fetch is the receiver. It
//   responds only to the loopback receiver URL and fails every other request, so no test can
//   reach another host.

export interface SentMessage {
  body: DeliveryMessage;
  delaySeconds: number | undefined;
}

export class RecordingQueue {
  readonly sent: SentMessage[] = [];

  readonly binding = {
    send: async (body: DeliveryMessage, options?: QueueSendOptions) => {
      this.sent.push({ body, delaySeconds: options?.delaySeconds });
    },
    sendBatch: async (messages: Iterable<MessageSendRequest<DeliveryMessage>>, options?: QueueSendBatchOptions) => {
      for (const message of messages) {
        this.sent.push({ body: message.body, delaySeconds: message.delaySeconds ?? options?.delaySeconds });
      }
    },
  } as unknown as Queue<DeliveryMessage>;

  /** Removes and returns the messages sent so far. */
  take(): SentMessage[] {
    return this.sent.splice(0);
  }
}

export interface ReceivedRequest {
  url: string;
  headers: Headers;
  body: string;
  status: number;
}

/**
 * Replaces outbound fetch with a receiver whose status codes come from `respond`, called with
 * the 0-based request number. `blocked` lists the URLs of the requests that it failed.
 */
export function startReceiver(respond: (index: number) => number = () => 200) {
  const received: ReceivedRequest[] = [];
  const blocked: string[] = [];
  const spy = vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const request = new Request(input, init);
    if (!request.url.startsWith(receiverUrl(""))) {
      blocked.push(request.url);
      throw new TypeError(`Outbound request to ${request.url} blocked in tests.`);
    }
    const status = respond(received.length);
    received.push({ url: request.url, headers: request.headers, body: await request.text(), status });
    return new Response(status === 204 ? null : "ok", { status });
  });
  return { received, blocked, restore: () => spy.mockRestore() };
}

const app = createApp();

/** Sends a request through the app with the recording queue, and waits for its waitUntil work (the outbox). */
export async function callWithQueue(queue: RecordingQueue, key: string, path: string, init: RequestInit = {}) {
  const context = createExecutionContext();
  const headers = new Headers(init.headers);
  headers.set("Authorization", `Bearer ${key}`);
  if (init.body !== undefined) {
    headers.set("Content-Type", "application/json");
  }
  const response = await app.request(
    path,
    { ...init, headers },
    { ...env, WEBHOOK_DELIVERIES: queue.binding },
    context,
  );
  await waitOnExecutionContext(context);
  return response;
}

/** Hands the recorded messages to the worker's queue handler, as the queue would, and returns its result. */
export async function deliverQueued(queue: RecordingQueue, settings: Partial<Bindings> = {}) {
  const messages = queue.take().map((message, index) => ({
    id: `message-${index}-${crypto.randomUUID()}`,
    timestamp: Date.now(),
    attempts: 1,
    body: message.body,
  }));
  const batch = createMessageBatch<DeliveryMessage>("topo-webhook-deliveries", messages);
  const context = createExecutionContext();
  await worker.queue(batch, { ...env, ...settings, WEBHOOK_DELIVERIES: queue.binding });
  return { messages, result: await getQueueResult(batch, context) };
}
