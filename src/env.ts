import type { Database } from "./db/client";
import type { DeliveryMessage } from "./webhooks/delivery-queue";

export interface Bindings {
  DB: D1Database;
  /** Counts GET and HEAD requests per API key; see src/rate-limit/budgets.ts. */
  READ_RATE_LIMITER: RateLimit;
  /** Counts every other request per API key. */
  WRITE_RATE_LIMITER: RateLimit;
  /** Comma-separated origins that browsers may call the API from, or empty for none. */
  CORS_ALLOWED_ORIGINS?: string;
  /** Webhook deliveries to send; the worker's own queue handler consumes them. */
  WEBHOOK_DELIVERIES: Queue<DeliveryMessage>;
  /** "true" lets webhooks target loopback addresses over http; any other value or none forbids it. */
  WEBHOOK_ALLOW_LOOPBACK?: string;
}

/** The calling API key, as the authentication middleware verified it. */
export interface Caller {
  apiKeyId: string;
  apiKeyName: string;
  apiKeyPrefix: string;
  organizationId: string;
  organizationName: string;
  scopes: readonly string[];
  createdAt: number;
  expiresAt: number | null;
}

export interface Variables {
  requestId: string;
  /** The request's database, measured for its Server-Timing header. */
  db: Database;
  caller: Caller;
}

export interface AppEnv {
  Bindings: Bindings;
  Variables: Variables;
}
