import { displayPrefixOf, hashApiKey } from "../../../src/auth/api-key";

const KEY_PREFIX = "topo_";
const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** Random characters after "topo_": 32 base62 characters carry about 190 bits of entropy. */
export const RANDOM_KEY_LENGTH = 32;

// 248 is the largest multiple of 62 below 256. Bytes from 248 up are drawn again, so every
// character is equally likely.
const UNBIASED_BYTE_LIMIT = 256 - (256 % ALPHABET.length);

/** Creates a new API key from crypto.getRandomValues, a cryptographically secure source. */
export function generateApiKey(): string {
  let random = "";
  while (random.length < RANDOM_KEY_LENGTH) {
    for (const byte of crypto.getRandomValues(new Uint8Array(RANDOM_KEY_LENGTH))) {
      if (byte < UNBIASED_BYTE_LIMIT && random.length < RANDOM_KEY_LENGTH) {
        random += ALPHABET[byte % ALPHABET.length];
      }
    }
  }
  return `${KEY_PREFIX}${random}`;
}

/** The stored form of a key: its SHA-256 hex hash and its display prefix. */
export interface StoredKeyParts {
  keyHash: string;
  prefix: string;
}

export async function storedPartsOf(key: string): Promise<StoredKeyParts> {
  return { keyHash: await hashApiKey(key), prefix: displayPrefixOf(key) };
}
