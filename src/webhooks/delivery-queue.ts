// The messages of the webhook delivery queue. A message names a delivery and the attempt
// count that the delivery had when the message was sent. The consumer claims an attempt only
// when the count still matches. So of two messages for one attempt (a redelivery racing the
// scheduled sweep, or a message that the queue delivered twice) only one sends anything.

export interface DeliveryMessage {
  organization_id: string;
  delivery_id: string;
  attempt_count: number;
}

/** The largest delay that Cloudflare Queues accepts on a send, in seconds (12 hours). */
export const MAX_QUEUE_DELAY_SECONDS = 43_200;

/** Sends delivery messages in batches of at most 100, the limit of one sendBatch call. */
export async function sendDeliveryMessages(queue: Queue<DeliveryMessage>, messages: readonly DeliveryMessage[]) {
  for (let start = 0; start < messages.length; start += 100) {
    await queue.sendBatch(messages.slice(start, start + 100).map((body) => ({ body, contentType: "json" })));
  }
}
