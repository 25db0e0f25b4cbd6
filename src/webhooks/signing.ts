// Webhook signatures: HMAC-SHA256, keyed with the subscription's secret (its UTF-8 bytes),
// over "<timestamp>.<body>". The timestamp is signed too, so a receiver that rejects old
// timestamps also rejects a captured request replayed later.

export const SECRET_PREFIX = "whsec_";
export const SECRET_DISPLAY_LENGTH = 12;

/** The headers of every delivery. README.md, section "Webhooks", shows how to verify them. */
export const WEBHOOK_HEADERS = {
  /** The event id, the same on every attempt and redelivery of an event, for deduplication. */
  eventId: "Topo-Webhook-Id",
  /** Unix time in seconds when the attempt was signed. */
  timestamp: "Topo-Webhook-Timestamp",
  /** "v1=" and the hex HMAC-SHA256 of "<timestamp>.<body>". */
  signature: "Topo-Webhook-Signature",
} as const;

function toBase64Url(bytes: Uint8Array): string {
  const base64 = btoa(String.fromCharCode(...bytes));
  return base64.replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/** Creates a signing secret: "whsec_" and 32 random bytes in base64url. */
export function createWebhookSecret(): string {
  return `${SECRET_PREFIX}${toBase64Url(crypto.getRandomValues(new Uint8Array(32)))}`;
}

export function secretPrefixOf(secret: string): string {
  return secret.slice(0, SECRET_DISPLAY_LENGTH);
}

/** Computes the hex HMAC-SHA256 of "<timestamp>.<body>" with the secret. */
export async function signWebhookBody(secret: string, timestamp: number, body: string): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  const signature = await crypto.subtle.sign("HMAC", key, encoder.encode(`${timestamp}.${body}`));
  return Array.from(new Uint8Array(signature), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** Builds the headers of one delivery attempt of a JSON body. */
export async function buildSignedHeaders(
  secret: string,
  eventId: string,
  body: string,
  now: number,
): Promise<Record<string, string>> {
  const timestamp = Math.floor(now / 1000);
  const signature = await signWebhookBody(secret, timestamp, body);
  return {
    "Content-Type": "application/json",
    "User-Agent": "Topo-Webhooks/1",
    [WEBHOOK_HEADERS.eventId]: eventId,
    [WEBHOOK_HEADERS.timestamp]: String(timestamp),
    [WEBHOOK_HEADERS.signature]: `v1=${signature}`,
  };
}
