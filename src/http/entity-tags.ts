// Entity tags as If-Match and If-None-Match carry them (RFC 9110, section 8.8.3): either
// "*" or a comma-separated list of quoted tags, each optionally marked weak with "W/".

export interface EntityTag {
  weak: boolean;
  opaque: string;
}

/** "*" matches any current representation; otherwise the listed tags. */
export type EntityTagCondition = { any: true } | { any: false; tags: EntityTag[] };

/**
 * The maximum number of distinct tags a condition may list. A client keeps one ETag per task,
 * so a longer list is a mistake. The cap also keeps the versions bound into one D1 statement well under
 * D1's 100 bound parameters.
 */
export const MAX_ENTITY_TAGS = 20;

const ENTITY_TAG = /^(W\/)?"([\x21\x23-\x7e\x80-\xff]*)"$/;

export type EntityTagParseResult =
  { ok: true; condition: EntityTagCondition } | { ok: false; reason: "malformed" | "tooMany" };

/**
 * Parses an If-Match or If-None-Match value. Empty list elements are skipped, as RFC 9110
 * (section 5.6.1.2) requires, and repeated tags count once.
 */
export function parseEntityTagCondition(value: string): EntityTagParseResult {
  if (value.trim() === "*") {
    return { ok: true, condition: { any: true } };
  }

  const tags = new Map<string, EntityTag>();
  for (const element of value.split(",")) {
    const trimmed = element.trim();
    if (trimmed === "") {
      continue;
    }

    const match = ENTITY_TAG.exec(trimmed);
    if (match === null) {
      return { ok: false, reason: "malformed" };
    }
    tags.set(trimmed, { weak: match[1] !== undefined, opaque: match[2]! });
    if (tags.size > MAX_ENTITY_TAGS) {
      return { ok: false, reason: "tooMany" };
    }
  }

  if (tags.size === 0) {
    return { ok: false, reason: "malformed" };
  }
  return { ok: true, condition: { any: false, tags: [...tags.values()] } };
}

/** Formats a strong entity tag. */
export function strongEntityTag(opaque: string): string {
  return `"${opaque}"`;
}
