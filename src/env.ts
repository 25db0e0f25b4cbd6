export interface Bindings {
  DB: D1Database;
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
  caller: Caller;
}

export interface AppEnv {
  Bindings: Bindings;
  Variables: Variables;
}
