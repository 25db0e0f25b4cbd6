import { buildSignedHeaders } from "./signing";
import { checkWebhookUrl, type UrlSafetyOptions } from "./url-safety";

/** How long one attempt may take, response headers included, before it counts as failed. */
export const DELIVERY_TIMEOUT_MS = 10_000;

export interface AttemptOutcome {
  succeeded: boolean;
  /** The receiver's status, or null when no response arrived. */
  statusCode: number | null;
  durationMs: number;
  /** The reason the attempt failed, or null when it succeeded. */
  error: string | null;
}

function describeFailure(error: unknown): string {
  if (error instanceof DOMException && (error.name === "TimeoutError" || error.name === "AbortError")) {
    return `Timed out after ${DELIVERY_TIMEOUT_MS / 1000} s without a response.`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return `The request failed: ${message.slice(0, 300)}`;
}

/**
 * POSTs a signed JSON body to a webhook URL and reports the outcome; it never throws. Only a
 * 2xx counts as success. Redirects are not followed, because a redirect could lead to an
 * address that the URL rules reject. The URL is checked again against the rules in force,
 * so a URL stored under laxer rules (loopback allowed, say) is not sent to.
 */
export async function postWebhook(
  url: string,
  secret: string,
  eventId: string,
  body: string,
  rules: UrlSafetyOptions,
): Promise<AttemptOutcome> {
  const startedAt = Date.now();
  const check = checkWebhookUrl(url, rules);
  if (!check.ok) {
    return {
      succeeded: false,
      statusCode: null,
      durationMs: 0,
      error: `Not sent: the URL ${check.reason} under the current rules.`,
    };
  }

  const headers = await buildSignedHeaders(secret, eventId, body, startedAt);

  try {
    const response = await fetch(url, {
      method: "POST",
      headers,
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
    // Only the status matters, so the body is dropped without being read.
    await response.body?.cancel();

    const durationMs = Date.now() - startedAt;
    const succeeded = response.status >= 200 && response.status < 300;
    const error = succeeded
      ? null
      : response.status >= 300 && response.status < 400
        ? `The receiver answered ${response.status}; redirects are not followed.`
        : `The receiver answered ${response.status}.`;
    return { succeeded, statusCode: response.status, durationMs, error };
  } catch (error) {
    return { succeeded: false, statusCode: null, durationMs: Date.now() - startedAt, error: describeFailure(error) };
  }
}
