// `npm run keys`: creates, lists and revokes API keys in the local D1 database, or in a
// deployed one with --remote --env staging|production.
import { KEY_CACHE_TTL_MS } from "../../../src/auth/key-cache";
import { createUuidV7 } from "../../../src/common/ids";
import { toIsoTimestamp } from "../../../src/common/timestamps";
import { describeTarget } from "../d1-target";
import { UsageError } from "../usage-error";
import { queryD1, WranglerError } from "../wrangler-d1";
import { formatKeyJson, formatKeyTable } from "./format-keys";
import { generateApiKey, storedPartsOf } from "./generate-key";
import { KEYS_USAGE, parseKeyCommand, type KeyCommand } from "./key-command";
import { createKeySql, findKeysSql, listKeysSql, readListedKeys, revokeKeySql } from "./key-sql";

async function run(command: KeyCommand, now: number): Promise<void> {
  switch (command.action) {
    case "help":
      console.log(KEYS_USAGE);
      return;
    case "create":
      return createKey(command, now);
    case "list":
      return listKeys(command);
    case "revoke":
      return revokeKey(command);
  }
}

async function createKey(command: Extract<KeyCommand, { action: "create" }>, now: number): Promise<void> {
  const key = generateApiKey();
  const { keyHash, prefix } = await storedPartsOf(key);
  const id = createUuidV7(now);

  const [inserted] = queryD1(
    command.target,
    createKeySql({
      id,
      organizationId: command.workspaceId,
      name: command.name,
      prefix,
      keyHash,
      scopes: command.scopes,
      createdAt: now,
      expiresAt: command.expiresAt,
    }),
  );
  if (inserted === undefined || inserted.length === 0) {
    throw new UsageError(
      `Workspace ${command.workspaceId} was not found in ${describeTarget(command.target)}; no key was created.`,
    );
  }

  // The key goes to stdout alone, so `npm run --silent keys -- create … > file` captures
  // only the key. Everything else goes to stderr.
  console.error(`Created key ${id} (${command.name}) in ${describeTarget(command.target)}:`);
  console.error(
    `  workspace ${command.workspaceId}, scopes ${command.scopes.join(", ")}, ${command.expiresAt === null ? "no expiry" : `expires ${toIsoTimestamp(command.expiresAt)}`}`,
  );
  console.error("Store the key now: it is shown only this once, and the database keeps only its hash.");
  console.log(key);
}

async function listKeys(command: Extract<KeyCommand, { action: "list" }>): Promise<void> {
  const [rows = []] = queryD1(command.target, listKeysSql(command.workspaceId));
  const keys = readListedKeys(rows);

  if (command.json) {
    console.log(formatKeyJson(keys));
    return;
  }
  if (keys.length === 0) {
    const scope = command.workspaceId === null ? "" : ` for workspace ${command.workspaceId}`;
    console.log(`No keys${scope} in ${describeTarget(command.target)}.`);
    return;
  }
  console.log(formatKeyTable(keys));
}

async function revokeKey(command: Extract<KeyCommand, { action: "revoke" }>): Promise<void> {
  const [rows = []] = queryD1(command.target, findKeysSql(command.key));
  const matches = readListedKeys(rows);
  const named = command.key.kind === "id" ? `id ${command.key.id}` : `prefix ${command.key.prefix}`;

  if (matches.length === 0) {
    throw new UsageError(`No key with ${named} in ${describeTarget(command.target)}.`);
  }
  if (matches.length > 1) {
    const ids = matches.map((key) => `  ${key.id}  ${key.name}`).join("\n");
    throw new UsageError(`${matches.length} keys have the ${named}; revoke one of them by its id:\n${ids}`);
  }

  const key = matches[0]!;
  if (key.revokedAt !== null) {
    console.log(
      `Key ${key.id} (${key.name}) was already revoked at ${toIsoTimestamp(key.revokedAt)}; nothing changed.`,
    );
    return;
  }

  const [updated = []] = queryD1(command.target, revokeKeySql(key.id, Date.now()));
  if (updated.length === 0) {
    console.log(`Key ${key.id} (${key.name}) was revoked by another run meanwhile; nothing changed.`);
    return;
  }
  console.log(`Revoked key ${key.id} (${key.name}, ${key.prefix}) in ${describeTarget(command.target)}.`);
  console.log(
    `Workers that verified it in the last ${KEY_CACHE_TTL_MS / 1000} seconds keep accepting it from their cache, ` +
      `so the revocation takes effect within ${KEY_CACHE_TTL_MS / 1000} seconds.`,
  );
}

try {
  const now = Date.now();
  await run(parseKeyCommand(process.argv.slice(2), now), now);
} catch (error) {
  if (error instanceof UsageError) {
    console.error(`Error: ${error.message}`);
    console.error("Run npm run keys -- help for the options.");
    process.exit(2);
  }
  if (error instanceof WranglerError) {
    console.error(`Error: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
