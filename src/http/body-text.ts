// Bodies are JSON, which RFC 8259 requires in UTF-8. Without these checks, bytes that are not
// UTF-8 would be read as U+FFFD and stored changed, and a \ud800 escape would store a string
// that no UTF-8 text can hold. Both are refused before any handler runs.

const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;

// A high surrogate without a low one after it, or a low one without a high one before it.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Walks the parsed body with a stack of its own, since a body may nest deeper than the call stack allows. */
function holdsLoneSurrogate(root: unknown): boolean {
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value === "string") {
      if (LONE_SURROGATE.test(value)) {
        return true;
      }
    } else if (Array.isArray(value)) {
      pending.push(...value);
    } else if (value !== null && typeof value === "object") {
      for (const [key, item] of Object.entries(value)) {
        if (LONE_SURROGATE.test(key)) {
          return true;
        }
        pending.push(item);
      }
    }
  }
  return false;
}

/**
 * Returns why a body's text cannot be accepted, or undefined when it can. Text that is not
 * JSON passes here, so the validator reports it as malformed JSON.
 */
export function findBodyTextProblem(bytes: Uint8Array): string | undefined {
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    return "it is not valid UTF-8";
  }

  // Decoded UTF-8 contains no surrogates, so only a \uD800 to \uDFFF escape can bring one.
  // Most bodies have none and skip the second parse.
  if (!SURROGATE_ESCAPE.test(text)) {
    return undefined;
  }

  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  return holdsLoneSurrogate(parsed) ? "a string holds an unpaired surrogate escape, such as \\ud800" : undefined;
}
