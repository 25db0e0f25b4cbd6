// Writes the OpenAPI document that the worker serves at /openapi.json to generated/openapi.json,
// without starting a server, so that `npm test` can lint it and generate client types from it.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

import { createApp } from "../../src/app";
import { OPENAPI_PATH } from "../../src/docs/document";
import type { Bindings } from "../../src/env";

const DOCUMENT_FILE = join(import.meta.dirname, "..", "..", "generated", "openapi.json");

// The document route reads no binding. Every middleware in front of it runs, and the
// database middleware only wraps DB, so an empty stub is enough.
const env = { DB: {} } as unknown as Bindings;

// The request log middleware writes a JSON line per request, so it is muted for this one.
const log = console.log;
console.log = () => {};
let response: Response;
try {
  response = await createApp().request(OPENAPI_PATH, {}, env);
} finally {
  console.log = log;
}

if (response.status !== 200) {
  console.error(
    `Building the OpenAPI document failed: GET ${OPENAPI_PATH} returned ${response.status}: ${await response.text()}`,
  );
  process.exit(1);
}

const document: unknown = await response.json();
mkdirSync(dirname(DOCUMENT_FILE), { recursive: true });
writeFileSync(DOCUMENT_FILE, `${JSON.stringify(document, null, 2)}\n`);
console.log(`Wrote ${DOCUMENT_FILE}`);
