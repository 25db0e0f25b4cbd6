import type { Bindings } from "../env";
import { checkWebhookUrl } from "./url-safety";
import { invalidWebhookUrl } from "./webhook-errors";

/** Returns the URL as it will be stored, or throws the 400 that says why it is rejected. */
export function requireSafeWebhookUrl(env: Bindings, url: string): string {
  const check = checkWebhookUrl(url, { allowLoopback: env.WEBHOOK_ALLOW_LOOPBACK === "true" });
  if (!check.ok) {
    throw invalidWebhookUrl(check.reason);
  }
  return check.url;
}
