// Entity tags as If-Match and If-None-Match carry them (RFC 9110, section 8.8.3): either
// "*" or a comma-separated list of quoted tags, each optionally marked weak with "W/".

export interface EntityTag {
  weak: boolean;
  opaque: string;
}

/** "*" matches any current representation; otherwise the listed tags. */
export type EntityTagCondition = { any: true } | { any: false; tags: EntityTag[] };

const ENTITY_TAG = /\s*(W\/)?"([\x21\x23-\x7e\x80-\xff]*)"\s*(?:,|$)/y;

/** Parses an If-Match or If-None-Match value; returns undefined when it breaks the grammar. */
export function parseEntityTagCondition(value: string): EntityTagCondition | undefined {
  if (value.trim() === "*") {
    return { any: true };
  }

  const tags: EntityTag[] = [];
  ENTITY_TAG.lastIndex = 0;
  while (ENTITY_TAG.lastIndex < value.length) {
    const match = ENTITY_TAG.exec(value);
    if (match === null) {
      return undefined;
    }
    tags.push({ weak: match[1] !== undefined, opaque: match[2]! });
  }

  return tags.length === 0 ? undefined : { any: false, tags };
}

/** Formats a strong entity tag. */
export function strongEntityTag(opaque: string): string {
  return `"${opaque}"`;
}
