import { displayPrefixOf, hashApiKey } from "../../src/auth/api-key";
import type { ApiKeyInsert } from "../../src/db/schema";
import { EXAMPLE_WORKSPACE, SECOND_WORKSPACE } from "./workspaces";

// The API keys of the development dataset, with their raw values. They are public test
// keys for local databases only: never load this dataset into a deployed database.

/** The key that the contract's curl examples send. Example workspace, task and webhook scopes. */
export const CONTRACT_EXAMPLE_API_KEY = "topo_xxxxxxxxxxxx";
/** Example workspace, tasks:read and webhooks:read. */
export const READ_ONLY_API_KEY = "topo_dev_readonly_4f7c1a9e2b";
/** Example workspace, tasks:write and webhooks:write. */
export const WRITE_ONLY_API_KEY = "topo_dev_writeonly_8b3d6e0f5a";
/** Example workspace, both scopes, revoked on 2025-02-14. */
export const REVOKED_API_KEY = "topo_dev_revoked_2c9e7a4f1d";
/** Example workspace, both scopes, expired on 2025-03-01. */
export const EXPIRED_API_KEY = "topo_dev_expired_6a1f3c8e0b";
/** Second workspace ("Globex Demo"), task and webhook scopes. */
export const SECOND_WORKSPACE_API_KEY = "topo_dev_globex_9d2b5f7a3c";

export interface DevelopmentApiKey {
  id: string;
  organizationId: string;
  name: string;
  key: string;
  scopes: string[];
  createdAt: number;
  expiresAt: number | null;
  revokedAt: number | null;
}

const BOTH_SCOPES = ["tasks:read", "tasks:write"];
const ALL_SCOPES = ["tasks:read", "tasks:write", "webhooks:read", "webhooks:write"];

export const DEVELOPMENT_API_KEYS: readonly DevelopmentApiKey[] = [
  {
    id: "0194263e-3a80-7c1a-8e2f-4b6d8a0c2e41",
    organizationId: EXAMPLE_WORKSPACE.id,
    name: "contract-example",
    key: CONTRACT_EXAMPLE_API_KEY,
    scopes: ALL_SCOPES,
    createdAt: Date.UTC(2025, 0, 2, 9, 0, 0),
    expiresAt: null,
    revokedAt: null,
  },
  {
    id: "01942642-ce60-7d3b-9f40-5c7e9b1d3f52",
    organizationId: EXAMPLE_WORKSPACE.id,
    name: "dev-read-only",
    key: READ_ONLY_API_KEY,
    scopes: ["tasks:read", "webhooks:read"],
    createdAt: Date.UTC(2025, 0, 2, 9, 5, 0),
    expiresAt: null,
    revokedAt: null,
  },
  {
    id: "01942647-6240-7e4c-a051-6d8f0c2e4063",
    organizationId: EXAMPLE_WORKSPACE.id,
    name: "dev-write-only",
    key: WRITE_ONLY_API_KEY,
    scopes: ["tasks:write", "webhooks:write"],
    createdAt: Date.UTC(2025, 0, 2, 9, 10, 0),
    expiresAt: null,
    revokedAt: null,
  },
  {
    id: "0194264b-f620-7f5d-b162-7e901d3f5174",
    organizationId: EXAMPLE_WORKSPACE.id,
    name: "dev-revoked",
    key: REVOKED_API_KEY,
    scopes: BOTH_SCOPES,
    createdAt: Date.UTC(2025, 0, 2, 9, 15, 0),
    expiresAt: null,
    revokedAt: Date.UTC(2025, 1, 14, 16, 30, 0),
  },
  {
    id: "01942650-8a00-706e-8273-8fa12e406285",
    organizationId: EXAMPLE_WORKSPACE.id,
    name: "dev-expired",
    key: EXPIRED_API_KEY,
    scopes: BOTH_SCOPES,
    createdAt: Date.UTC(2025, 0, 2, 9, 20, 0),
    expiresAt: Date.UTC(2025, 2, 1, 0, 0, 0),
    revokedAt: null,
  },
  {
    id: "01942655-1de0-717f-9384-90b23f517396",
    organizationId: SECOND_WORKSPACE.id,
    name: "globex-dev",
    key: SECOND_WORKSPACE_API_KEY,
    scopes: ALL_SCOPES,
    createdAt: Date.UTC(2025, 0, 2, 9, 25, 0),
    expiresAt: null,
    revokedAt: null,
  },
];

/** Builds the api_keys rows: the hash and display prefix of each key, never the key itself. */
export async function buildApiKeyRows(): Promise<ApiKeyInsert[]> {
  return Promise.all(
    DEVELOPMENT_API_KEYS.map(async (key) => ({
      id: key.id,
      organizationId: key.organizationId,
      name: key.name,
      prefix: displayPrefixOf(key.key),
      keyHash: await hashApiKey(key.key),
      scopes: [...key.scopes],
      createdAt: key.createdAt,
      expiresAt: key.expiresAt,
      revokedAt: key.revokedAt,
      lastUsedAt: null,
    })),
  );
}
