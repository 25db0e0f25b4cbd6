import { createMiddleware } from "hono/factory";

import type { AppEnv } from "../env";
import { findBodyTextProblem } from "./body-text";
import { ApiError, ERROR_KINDS, MAX_BODY_BYTES } from "./errors";

function payloadTooLarge(): ApiError {
  return new ApiError("payloadTooLarge", ERROR_KINDS.payloadTooLarge.example, {
    data: { max_bytes: MAX_BODY_BYTES },
  });
}

async function readUpToLimit(body: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;

  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      break;
    }
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw payloadTooLarge();
    }
    chunks.push(value);
  }

  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * Reads the whole request body before any handler runs: a body over MAX_BODY_BYTES is a 413
 * and a body that breaks off is a 400. Skip and reopen ignore their bodies, so without this
 * a request whose body never fully arrived could still change a task. The largest valid
 * body, a bulk reassignment of 100 tasks, is about 4,000 bytes in compact JSON.
 */
export const readBody = createMiddleware<AppEnv>(async (c, next) => {
  const body = c.req.raw.body;
  if (body === null) {
    return next();
  }

  const declaredLength = Number(c.req.header("Content-Length") ?? 0);
  if (declaredLength > MAX_BODY_BYTES) {
    throw payloadTooLarge();
  }

  let bytes: Uint8Array;
  try {
    bytes = await readUpToLimit(body);
  } catch (error) {
    if (error instanceof ApiError) {
      throw error;
    }
    throw new ApiError("validation", "Invalid body: the request body could not be read completely.", {
      data: { issues: [{ location: "body", name: "", message: "could not be read completely" }] },
    });
  }

  // Validators read the body again, so they get the bytes already read. No operation reads
  // the body of a GET or HEAD, and a Request with either method cannot be given one.
  if (c.req.method !== "GET" && c.req.method !== "HEAD") {
    // Only JSON bodies: any other media type is a 415, whatever its bytes.
    const isJson = /json/i.test(c.req.header("Content-Type") ?? "");
    const problem = isJson ? findBodyTextProblem(bytes) : undefined;
    if (problem !== undefined) {
      throw new ApiError("validation", `Invalid body: ${problem}.`, {
        data: { issues: [{ location: "body", name: "", message: problem }] },
      });
    }
    c.req.raw = new Request(c.req.raw, { body: bytes });
  }
  await next();
});
