import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";

import { hashApiKey } from "../../src/auth/api-key";
import { createUuidV7 } from "../../src/common/ids";
import { parseD1Target, wranglerTargetArgs } from "../../scripts/operator/d1-target";
import { generateApiKey, RANDOM_KEY_LENGTH, storedPartsOf } from "../../scripts/operator/keys/generate-key";
import { parseKeyCommand } from "../../scripts/operator/keys/key-command";
import {
  createKeySql,
  findKeysSql,
  listKeysSql,
  readListedKeys,
  revokeKeySql,
} from "../../scripts/operator/keys/key-sql";
import { formatKeyJson, formatKeyTable } from "../../scripts/operator/keys/format-keys";
import { parseFlags } from "../../scripts/operator/parse-flags";
import { UsageError } from "../../scripts/operator/usage-error";
import { callApi, describeResponse } from "../helpers/api";
import { createOrganization } from "../helpers/factories";

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const WORKSPACE = "018e9d8c-7b6a-7f5e-4d3c-2b1a0f9e8d7c";

function usageErrorOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as UsageError).message;
  }
  throw new Error("expected a UsageError");
}

/** Runs the SQL that `npm run keys` would send, and returns the rows of its only statement. */
async function runSql(sql: string): Promise<Record<string, unknown>[]> {
  const result = await env.DB.prepare(sql).all<Record<string, unknown>>();
  return result.results;
}

/** Creates a key through the same steps as `keys create`, and returns the key and its id. */
async function createKeyLikeTheCommand(organizationId: string, scopes: string[], expiresAt: number | null = null) {
  const key = generateApiKey();
  const id = createUuidV7();
  const rows = await runSql(
    createKeySql({
      id,
      organizationId,
      name: "operator key",
      ...(await storedPartsOf(key)),
      scopes,
      createdAt: Date.now(),
      expiresAt,
    }),
  );
  return { key, id, rows };
}

describe("keys arguments", () => {
  it("parses create with every option", () => {
    const command = parseKeyCommand(
      [
        "create",
        "--workspace",
        WORKSPACE.toUpperCase(),
        "--name",
        " CRM sync ",
        "--scopes",
        "tasks:write,tasks:read,tasks:read",
        "--expires-in",
        "30d",
      ],
      NOW,
    );

    expect(command).toEqual({
      action: "create",
      target: { kind: "local" },
      workspaceId: WORKSPACE,
      name: "CRM sync",
      scopes: ["tasks:read", "tasks:write"],
      expiresAt: NOW + 30 * 24 * 60 * 60 * 1000,
    });
  });

  it("parses --expires-at with an offset", () => {
    const command = parseKeyCommand(
      [
        "create",
        "--workspace",
        WORKSPACE,
        "--name=ci",
        "--scopes=tasks:read",
        "--expires-at",
        "2026-02-01T01:00:00+01:00",
      ],
      NOW,
    );

    expect(command).toMatchObject({ expiresAt: Date.UTC(2026, 1, 1, 0, 0, 0) });
  });

  it("rejects invalid create input", () => {
    const base = ["create", "--workspace", WORKSPACE, "--name", "ci"];
    const cases: [string[], RegExp][] = [
      [["create", "--name", "ci", "--scopes", "tasks:read"], /Missing --workspace/],
      [[...base], /Missing --scopes/],
      [["create", "--workspace", "acme", "--name", "ci", "--scopes", "tasks:read"], /Invalid workspace id "acme"/],
      [[...base, "--scopes", "tasks:admin"], /unknown scope "tasks:admin"/],
      [[...base, "--scopes", " , "], /name at least one of/],
      [["create", "--workspace", WORKSPACE, "--name", "  ", "--scopes", "tasks:read"], /--name: it is empty/],
      [["create", "--workspace", WORKSPACE, "--name", "a\nb", "--scopes", "tasks:read"], /control characters/],
      [
        ["create", "--workspace", WORKSPACE, "--name", "x".repeat(101), "--scopes", "tasks:read"],
        /more than 100 characters/,
      ],
      [[...base, "--scopes", "tasks:read", "--expires-at", "2026-02-01"], /Invalid --expires-at/],
      [[...base, "--scopes", "tasks:read", "--expires-at", "2025-01-01T00:00:00Z"], /not in the future/],
      [[...base, "--scopes", "tasks:read", "--expires-in", "0d"], /Invalid --expires-in/],
      [[...base, "--scopes", "tasks:read", "--expires-in", "2w"], /Invalid --expires-in/],
      [[...base, "--scopes", "tasks:read", "--expires-in", "1d", "--expires-at", "2027-01-01T00:00:00Z"], /not both/],
      [[...base, "--scopes", "tasks:read", "--scope", "tasks:read"], /Unknown option --scope/],
      [[...base, "--scopes", "tasks:read", "--name", "again"], /--name is given more than once/],
      [[...base, "--scopes", "tasks:read", "extra"], /Unexpected argument "extra"/],
      [["create", "--workspace", WORKSPACE, "--name", "--scopes", "tasks:read"], /--name needs a value/],
    ];

    for (const [argv, expected] of cases) {
      expect(
        usageErrorOf(() => parseKeyCommand(argv, NOW)),
        argv.join(" "),
      ).toMatch(expected);
    }
  });

  it("parses list and revoke", () => {
    expect(parseKeyCommand(["list"], NOW)).toEqual({
      action: "list",
      target: { kind: "local" },
      workspaceId: null,
      json: false,
    });
    expect(parseKeyCommand(["list", "--workspace", WORKSPACE, "--json"], NOW)).toMatchObject({
      workspaceId: WORKSPACE,
      json: true,
    });
    expect(parseKeyCommand(["revoke", "topo_AbCdEfG"], NOW)).toMatchObject({
      key: { kind: "prefix", prefix: "topo_AbCdEfG" },
    });
    expect(parseKeyCommand(["revoke", WORKSPACE.toUpperCase()], NOW)).toMatchObject({
      key: { kind: "id", id: WORKSPACE },
    });
    expect(parseKeyCommand([], NOW)).toEqual({ action: "help" });
  });

  it("rejects invalid revoke input", () => {
    expect(usageErrorOf(() => parseKeyCommand(["revoke"], NOW))).toMatch(/exactly one key id/);
    expect(usageErrorOf(() => parseKeyCommand(["revoke", "topo_abc"], NOW))).toMatch(/12-character prefix/);
    const wholeKey = generateApiKey();
    expect(usageErrorOf(() => parseKeyCommand(["revoke", wholeKey], NOW))).toMatch(/not a longer part of the key/);
    expect(usageErrorOf(() => parseKeyCommand(["revoke", wholeKey], NOW))).not.toContain(wholeKey);
    expect(usageErrorOf(() => parseKeyCommand(["revoke", "topo_nothere1"], NOW))).toMatch(/not a longer part/);
    expect(usageErrorOf(() => parseKeyCommand(["rotate"], NOW))).toMatch(/Unknown command "rotate"/);
  });
});

describe("database target", () => {
  it("defaults to the local database", () => {
    const target = parseD1Target(parseFlags([], { remote: "switch", env: "value" }).values);

    expect(target).toEqual({ kind: "local" });
    expect(wranglerTargetArgs(target)).toEqual(["--local"]);
  });

  it("needs --remote and --env together", () => {
    const parse = (argv: string[]) => parseD1Target(parseFlags(argv, { remote: "switch", env: "value" }).values);

    expect(wranglerTargetArgs(parse(["--remote", "--env", "staging"]))).toEqual(["--remote", "--env", "staging"]);
    expect(usageErrorOf(() => parse(["--remote"]))).toMatch(/--remote needs --env staging\|production/);
    expect(usageErrorOf(() => parse(["--env", "production"]))).toMatch(/add --remote/);
    expect(usageErrorOf(() => parse(["--remote", "--env", "prod"]))).toMatch(/Invalid --env prod/);
    expect(usageErrorOf(() => parse(["--remote=yes"]))).toMatch(/--remote takes no value/);
  });
});

describe("key generation", () => {
  it("makes distinct base62 keys", () => {
    const keys = Array.from({ length: 200 }, generateApiKey);

    for (const key of keys) {
      expect(key).toMatch(new RegExp(`^topo_[0-9A-Za-z]{${RANDOM_KEY_LENGTH}}$`));
    }
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("stores the hash and prefix only", async () => {
    const key = generateApiKey();
    const parts = await storedPartsOf(key);

    expect(parts).toEqual({ keyHash: await hashApiKey(key), prefix: key.slice(0, 12) });
    expect(JSON.stringify(parts)).not.toContain(key);
  });
});

describe("keys SQL", () => {
  it("escapes quotes in values", () => {
    const sql = createKeySql({
      id: "k1",
      organizationId: "o'1",
      name: "Bob's key",
      prefix: "topo_abcdefg",
      keyHash: "h",
      scopes: ["tasks:read"],
      createdAt: 1,
      expiresAt: null,
    });

    expect(sql).toContain("'Bob''s key'");
    expect(sql).toContain(`"organizations"."id" = 'o''1'`);
    expect(sql).toContain(`'["tasks:read"]'`);
  });

  it("creates a key that authenticates", async () => {
    const organization = await createOrganization("Keys Workspace");
    const { key, id, rows } = await createKeyLikeTheCommand(organization.id, ["tasks:read"]);

    expect(rows).toEqual([{ id }]);
    const me = await callApi("/v1/me", { key });
    expect(me.status, describeResponse(me)).toBe(200);
    expect(me.body.organization.id).toBe(organization.id);
    expect(me.body.api_key).toMatchObject({
      id,
      name: "operator key",
      prefix: key.slice(0, 12),
      scopes: ["tasks:read"],
    });

    const tasks = await callApi("/v1/tasks", { key });
    expect(tasks.status, describeResponse(tasks)).toBe(200);
  });

  it("creates nothing for an unknown workspace", async () => {
    const unknownWorkspace = createUuidV7();
    const { key, rows } = await createKeyLikeTheCommand(unknownWorkspace, ["tasks:read"]);

    expect(rows).toEqual([]);
    const stored = await env.DB.prepare("SELECT COUNT(*) AS count FROM api_keys WHERE key_hash = ?")
      .bind(await hashApiKey(key))
      .first<{ count: number }>();
    expect(stored?.count).toBe(0);
  });

  it("revokes a key by prefix", async () => {
    const organization = await createOrganization("Revoke Workspace");
    // The key is never used before it is revoked, so no isolate has it in its 30-second cache.
    const { key, id } = await createKeyLikeTheCommand(organization.id, ["tasks:read", "tasks:write"]);

    const matches = readListedKeys(await runSql(findKeysSql({ kind: "prefix", prefix: key.slice(0, 12) })));
    expect(matches.map((match) => match.id)).toEqual([id]);

    expect(await runSql(revokeKeySql(id, Date.now()))).toEqual([{ id }]);
    expect(await runSql(revokeKeySql(id, Date.now()))).toEqual([]);

    const me = await callApi("/v1/me", { key });
    expect(me.status, describeResponse(me)).toBe(401);
    expect(me.body.message).toBe("The API key has been revoked.");
  });

  it("lists keys without hashes", async () => {
    const organization = await createOrganization("List Workspace");
    const expiresAt = Date.UTC(2030, 0, 1);
    const first = await createKeyLikeTheCommand(organization.id, ["tasks:read"], expiresAt);
    const second = await createKeyLikeTheCommand(organization.id, ["tasks:write"]);
    await runSql(revokeKeySql(second.id, Date.UTC(2026, 0, 1)));

    const sql = listKeysSql(organization.id);
    const rows = await runSql(sql);
    const keys = readListedKeys(rows);

    expect(sql).not.toContain("key_hash");
    expect(Object.keys(rows[0]!)).not.toContain("key_hash");
    expect(keys.map((key) => key.id).sort()).toEqual([first.id, second.id].sort());
    expect(keys.find((key) => key.id === first.id)).toMatchObject({
      scopes: ["tasks:read"],
      expiresAt,
      revokedAt: null,
      lastUsedAt: null,
    });
    expect(keys.find((key) => key.id === second.id)).toMatchObject({
      scopes: ["tasks:write"],
      revokedAt: Date.UTC(2026, 0, 1),
    });

    const table = formatKeyTable(keys);
    expect(table.split("\n")[0]).toMatch(
      /^id\s+workspace\s+name\s+prefix\s+scopes\s+created\s+last used\s+expires\s+revoked$/,
    );
    expect(table).toContain("2030-01-01T00:00:00Z");
    expect(table).toContain("2026-01-01T00:00:00Z");
    expect(table).not.toContain(first.key);
    expect(JSON.parse(formatKeyJson(keys))[0]).toHaveProperty("organization_id", organization.id);
  });
});
