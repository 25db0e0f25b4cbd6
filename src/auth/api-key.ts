// API keys are "topo_" followed by random characters. The database stores the SHA-256 of
// the whole key and a short prefix for display: keys carry enough entropy that a fast
// hash is safe, and a fast hash keeps authentication cheap on every request.

import { sha256Hex } from "../common/sha256";

export const API_KEY_PREFIX_LENGTH = 12;

export function hashApiKey(key: string): Promise<string> {
  return sha256Hex(key);
}

export function displayPrefixOf(key: string): string {
  return key.slice(0, API_KEY_PREFIX_LENGTH);
}

export type BearerToken = { kind: "missing" } | { kind: "malformed" } | { kind: "token"; token: string };

/** Reads the token of an `Authorization: Bearer <token>` header. The scheme is case-insensitive. */
export function parseBearerToken(header: string | undefined): BearerToken {
  if (header === undefined || header.trim() === "") {
    return { kind: "missing" };
  }

  const match = /^Bearer +([\x21-\x7e]+) *$/i.exec(header);
  return match ? { kind: "token", token: match[1]! } : { kind: "malformed" };
}
