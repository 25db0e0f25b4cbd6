import { API_KEY_PREFIX_LENGTH } from "../../../src/auth/api-key";
import { SCOPES, type Scope } from "../../../src/auth/scopes";
import { UUID_PATTERN } from "../../../src/common/ids";
import { parseIsoInstant, toIsoTimestamp } from "../../../src/common/timestamps";
import { type D1Target, parseD1Target } from "../d1-target";
import { parseFlags } from "../parse-flags";
import { UsageError } from "../usage-error";

export const MAX_KEY_NAME_LENGTH = 100;
const MAX_EXPIRY_DAYS = 3650;
const DAY_MS = 24 * 60 * 60 * 1000;

export const KEYS_USAGE = `Usage:
  npm run keys -- create --workspace <id> --name <name> --scopes <scopes> [--expires-at <date-time> | --expires-in <days>d]
  npm run keys -- list [--workspace <id>] [--json]
  npm run keys -- revoke <key id or 12-character prefix>

Options:
  --workspace    the workspace (organization) id, a UUID
  --name         a label for the key, 1 to ${MAX_KEY_NAME_LENGTH} characters, shown by list
  --scopes       comma-separated scopes: ${SCOPES.join(", ")}
  --expires-at   when the key stops working, ISO 8601 with Z or an offset, such as 2026-06-30T00:00:00Z
  --expires-in   days until the key stops working, such as 90d
  --json         list: print the keys as a JSON array
  --remote --env staging|production
                 use that environment's deployed database instead of the local one`;

/** A key to revoke, named by its id or by the prefix that list shows. */
export type KeySelector = { kind: "id"; id: string } | { kind: "prefix"; prefix: string };

export type KeyCommand =
  | { action: "help" }
  | { action: "create"; target: D1Target; workspaceId: string; name: string; scopes: Scope[]; expiresAt: number | null }
  | { action: "list"; target: D1Target; workspaceId: string | null; json: boolean }
  | { action: "revoke"; target: D1Target; key: KeySelector };

const TARGET_FLAGS = { remote: "switch", env: "value" } as const;

/**
 * Parses the arguments of `npm run keys`. `now` is the current time in epoch milliseconds,
 * against which an expiry must lie in the future.
 * @throws UsageError on any invalid or missing argument.
 */
export function parseKeyCommand(argv: readonly string[], now: number): KeyCommand {
  const [action, ...rest] = argv;

  switch (action) {
    case undefined:
    case "help":
    case "--help":
    case "-h":
      return { action: "help" };
    case "create":
      return parseCreate(rest, now);
    case "list":
      return parseList(rest);
    case "revoke":
      return parseRevoke(rest);
    default:
      throw new UsageError(`Unknown command ${JSON.stringify(action)}: expected create, list or revoke.`);
  }
}

function parseCreate(argv: readonly string[], now: number): KeyCommand {
  const { values, positionals } = parseFlags(argv, {
    ...TARGET_FLAGS,
    workspace: "value",
    name: "value",
    scopes: "value",
    "expires-at": "value",
    "expires-in": "value",
  });
  rejectPositionals(positionals, "create");

  return {
    action: "create",
    target: parseD1Target(values),
    workspaceId: parseWorkspaceId(required(values, "workspace")),
    name: parseKeyName(required(values, "name")),
    scopes: parseScopes(required(values, "scopes")),
    expiresAt: parseExpiry(values.get("expires-at"), values.get("expires-in"), now),
  };
}

function parseList(argv: readonly string[]): KeyCommand {
  const { values, positionals } = parseFlags(argv, { ...TARGET_FLAGS, workspace: "value", json: "switch" });
  rejectPositionals(positionals, "list");

  const workspace = values.get("workspace");
  return {
    action: "list",
    target: parseD1Target(values),
    workspaceId: workspace === undefined ? null : parseWorkspaceId(workspace),
    json: values.has("json"),
  };
}

function parseRevoke(argv: readonly string[]): KeyCommand {
  const { values, positionals } = parseFlags(argv, TARGET_FLAGS);
  if (positionals.length !== 1) {
    throw new UsageError("revoke takes exactly one key id or 12-character prefix, as list shows them.");
  }
  return { action: "revoke", target: parseD1Target(values), key: parseKeySelector(positionals[0]!) };
}

function required(values: ReadonlyMap<string, string>, name: string): string {
  const value = values.get(name);
  if (value === undefined) {
    throw new UsageError(`Missing --${name}.`);
  }
  return value;
}

function rejectPositionals(positionals: readonly string[], action: string): void {
  if (positionals.length > 0) {
    throw new UsageError(
      `Unexpected argument ${JSON.stringify(positionals[0])} for ${action}; every input is an --option.`,
    );
  }
}

/** Checks a workspace id and lowers its case, as ids are stored. */
export function parseWorkspaceId(value: string): string {
  if (!UUID_PATTERN.test(value)) {
    throw new UsageError(
      `Invalid workspace id ${JSON.stringify(value)}: expected a UUID such as 018e9d8c-7b6a-7f5e-4d3c-2b1a0f9e8d7c.`,
    );
  }
  return value.toLowerCase();
}

export function parseKeyName(value: string): string {
  const name = value.trim();
  if (name === "") {
    throw new UsageError("Invalid --name: it is empty.");
  }
  if ([...name].length > MAX_KEY_NAME_LENGTH) {
    throw new UsageError(`Invalid --name: it has more than ${MAX_KEY_NAME_LENGTH} characters.`);
  }
  if (/[\p{Cc}]/u.test(name)) {
    throw new UsageError("Invalid --name: it contains control characters such as a line break.");
  }
  return name;
}

/** Parses a comma-separated scope list into distinct scopes, in the order SCOPES lists them. */
export function parseScopes(value: string): Scope[] {
  const names = value
    .split(",")
    .map((scope) => scope.trim())
    .filter((scope) => scope !== "");
  if (names.length === 0) {
    throw new UsageError(`Invalid --scopes: name at least one of ${SCOPES.join(", ")}.`);
  }

  const unknown = names.filter((scope) => !SCOPES.includes(scope as Scope));
  if (unknown.length > 0) {
    throw new UsageError(
      `Invalid --scopes: unknown scope ${unknown.map((scope) => JSON.stringify(scope)).join(", ")}; expected ${SCOPES.join(", ")}.`,
    );
  }
  return SCOPES.filter((scope) => names.includes(scope));
}

/** Returns the expiry in epoch milliseconds, or null for a key that does not expire. */
export function parseExpiry(expiresAt: string | undefined, expiresIn: string | undefined, now: number): number | null {
  if (expiresAt !== undefined && expiresIn !== undefined) {
    throw new UsageError("Give --expires-at or --expires-in, not both.");
  }

  let expiry: number;
  if (expiresAt !== undefined) {
    const bounds = parseIsoInstant(expiresAt);
    if (bounds === undefined) {
      throw new UsageError(
        `Invalid --expires-at ${JSON.stringify(expiresAt)}: expected an ISO 8601 date-time with Z or an offset, such as 2026-06-30T00:00:00Z.`,
      );
    }
    expiry = bounds.floor;
  } else if (expiresIn !== undefined) {
    const match = /^(\d{1,4})d$/.exec(expiresIn);
    const days = match === null ? Number.NaN : Number(match[1]);
    if (!(days >= 1 && days <= MAX_EXPIRY_DAYS)) {
      throw new UsageError(
        `Invalid --expires-in ${JSON.stringify(expiresIn)}: expected a whole number of days from 1 to ${MAX_EXPIRY_DAYS} followed by d, such as 90d.`,
      );
    }
    expiry = now + days * DAY_MS;
  } else {
    return null;
  }

  if (expiry <= now) {
    throw new UsageError(`Invalid expiry ${toIsoTimestamp(expiry)}: it is not in the future.`);
  }
  return expiry;
}

/**
 * Reads a key id or a display prefix. A whole key is rejected instead of cut to its
 * prefix, so the command never teaches anyone to paste live keys into a shell.
 */
export function parseKeySelector(value: string): KeySelector {
  if (UUID_PATTERN.test(value)) {
    return { kind: "id", id: value.toLowerCase() };
  }
  if (value.startsWith("topo_") && value.length === API_KEY_PREFIX_LENGTH) {
    return { kind: "prefix", prefix: value };
  }
  if (value.startsWith("topo_") && value.length > API_KEY_PREFIX_LENGTH) {
    throw new UsageError(
      `Invalid key ${JSON.stringify(value.slice(0, API_KEY_PREFIX_LENGTH))}…: give the key's id or its first ${API_KEY_PREFIX_LENGTH} characters, as list shows them, not a longer part of the key.`,
    );
  }
  throw new UsageError(
    `Invalid key ${JSON.stringify(value)}: expected a key id (a UUID) or a ${API_KEY_PREFIX_LENGTH}-character prefix starting with topo_.`,
  );
}
