import type { Bindings } from "../env";
import { checkWebhookUrl, type UrlSafetyOptions } from "./url-safety";
import { invalidWebhookUrl } from "./webhook-errors";

/** Reads the URL rules of this deployment: loopback targets only where the setting allows them. */
export function webhookUrlRules(env: Bindings): UrlSafetyOptions {
  return { allowLoopback: env.WEBHOOK_ALLOW_LOOPBACK === "true" };
}

/** Returns the URL as it will be stored, or throws a 400 with the reason it is rejected. */
export function requireSafeWebhookUrl(env: Bindings, url: string): string {
  const check = checkWebhookUrl(url, webhookUrlRules(env));
  if (!check.ok) {
    throw invalidWebhookUrl(check.reason);
  }
  return check.url;
}
