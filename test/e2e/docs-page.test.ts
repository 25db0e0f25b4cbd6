// Opens /docs in headless Chromium against the worker under `wrangler dev`, and uses the page as a
// person would: reads the operation list, authorizes with a development key and sends a request.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, expect, onTestFailed, test } from "vitest";

import { CONTRACT_EXAMPLE_API_KEY } from "../../scripts/dataset/development-keys";
import { startLocalWorker, prepareDatabase, type LocalWorker } from "./local-worker";

const PROJECT_ROOT = join(import.meta.dirname, "..", "..");
const CHROMIUM_PATH = "/usr/bin/chromium";
const PERSIST_DIRECTORY = join(PROJECT_ROOT, ".wrangler", "e2e");
const OUTPUT_DIRECTORY = join(PROJECT_ROOT, "test-results");
const SCREENSHOT_FILE = join(OUTPUT_DIRECTORY, "docs.png");
const FAILURE_SCREENSHOT_FILE = join(OUTPUT_DIRECTORY, "docs-failure.png");
const WORKER_LOG_FILE = join(OUTPUT_DIRECTORY, "wrangler-dev.log");

// The background-networking flags stop Chromium's own calls to outside services (updates,
// sync, field trials), so the only traffic is the page's. --no-sandbox is needed as root.
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const VIEWPORT = { width: 1280, height: 900 };
const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

interface Operation {
  method: string;
  path: string;
}

let worker: LocalWorker | undefined;
let userDataDirectory: string | undefined;
let context: BrowserContext | undefined;
let page: Page;
const requestedUrls: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is missing: ${CHROMIUM_PATH} does not exist. Install Debian's package with ` +
        "`apt-get install -y chromium` (.ci/run does this), then run the tests again.",
    );
  }
  mkdirSync(OUTPUT_DIRECTORY, { recursive: true });
  rmSync(FAILURE_SCREENSHOT_FILE, { force: true });

  await prepareDatabase(PERSIST_DIRECTORY);
  worker = await startLocalWorker(PERSIST_DIRECTORY, WORKER_LOG_FILE);

  userDataDirectory = mkdtempSync(join(tmpdir(), "topo-docs-chromium-"));
  // A new, empty profile: playwright-core passes it to Chromium as --user-data-dir.
  context = await chromium.launchPersistentContext(userDataDirectory, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    viewport: VIEWPORT,
  });

  // Every request of every page is recorded, and any that leaves the worker's origin is
  // aborted, so a failing check never sends traffic out of the machine.
  const workerOrigin = worker.origin;
  context.on("request", (request) => requestedUrls.push(request.url()));
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    return url.origin === workerOrigin ? route.continue() : route.abort("blockedbyclient");
  });

  page = await context.newPage();
}, 180_000);

afterAll(async () => {
  // Each step runs even when an earlier one failed, so no browser or server outlives the tests.
  await context?.close().catch((error: unknown) => console.error("Closing Chromium failed:", error));
  await worker?.stop();
  if (userDataDirectory !== undefined) {
    rmSync(userDataDirectory, { recursive: true, force: true });
  }
}, 60_000);

async function fetchOperations(origin: string): Promise<Operation[]> {
  const response = await fetch(`${origin}/openapi.json`);
  expect(response.status).toBe(200);
  const document = (await response.json()) as { paths: Record<string, Record<string, unknown>> };

  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of Object.keys(item)) {
      if (HTTP_METHODS.includes(method)) {
        operations.push({ method, path });
      }
    }
  }
  return operations;
}

/** Returns the block of one operation, found by its method and its path as the page shows it. */
function operationBlock(operation: Operation) {
  return page
    .locator(`.opblock.opblock-${operation.method}`)
    .filter({ has: page.locator(`.opblock-summary-path[data-path="${operation.path}"]`) });
}

test("docs page works offline end to end", async () => {
  onTestFailed(async () => {
    await page.screenshot({ path: FAILURE_SCREENSHOT_FILE, fullPage: true }).catch(() => undefined);
  });

  const origin = worker!.origin;
  const operations = await fetchOperations(origin);
  expect(operations.length).toBeGreaterThan(0);

  await page.goto(`${origin}/docs`, { waitUntil: "load" });
  await expect.poll(() => page.locator(".opblock").count(), { timeout: 15_000 }).toBe(operations.length);

  // Every operation of the document is on the page, once.
  for (const operation of operations) {
    expect(await operationBlock(operation).count(), `${operation.method.toUpperCase()} ${operation.path}`).toBe(1);
  }

  // Authorize with a development key through the page's dialog.
  await page.locator(".auth-wrapper .authorize").click();
  const dialog = page.locator(".modal-ux");
  await dialog.locator("input").first().fill(CONTRACT_EXAMPLE_API_KEY);
  await dialog.getByRole("button", { name: "Apply credentials" }).click();
  // Swagger UI swaps the button for "Logout" once it has stored the key.
  await expect.poll(() => dialog.getByRole("button", { name: "Remove authorization" }).count()).toBe(1);
  await dialog.locator("button.btn-done").click();

  // Send GET /v1/me from its panel. "Try it out" is on by default (public/docs.js).
  const me = operationBlock({ method: "get", path: "/v1/me" });
  await me.locator(".opblock-summary").click();
  const responsePromise = page.waitForResponse((response) => response.url() === `${origin}/v1/me`);
  await me.locator("button.execute").click();
  const response = await responsePromise;

  expect(response.status()).toBe(200);
  expect(await response.request().headerValue("authorization")).toBe(`Bearer ${CONTRACT_EXAMPLE_API_KEY}`);

  // The page shows the status and the body that the worker sent.
  const liveResponse = me.locator(".live-responses-table .response");
  await expect.poll(() => liveResponse.locator(".response-col_status").textContent()).toContain("200");
  const shownBody = await liveResponse.locator(".response-col_description pre").first().textContent();
  const body = JSON.parse(shownBody ?? "") as { organization: { name: string }; api_key: { scopes: string[] } };
  expect(body.organization.name).toBe("Acme Demo");
  expect(body.api_key.scopes).toEqual(["tasks:read", "tasks:write", "webhooks:read", "webhooks:write"]);

  // The picture runs from the top of the page down to the response, so it shows the operation
  // list and the result without the thousands of pixels of schemas below them.
  // boundingBox() is relative to the viewport, but the clip of a full-page screenshot is
  // relative to the page.
  const responseBox = await liveResponse.boundingBox();
  expect(responseBox).not.toBeNull();
  const scrollY = await page.evaluate<number>("window.scrollY");
  await page.screenshot({
    path: SCREENSHOT_FILE,
    fullPage: true,
    clip: { x: 0, y: 0, width: VIEWPORT.width, height: Math.ceil(scrollY + responseBox!.y + responseBox!.height) },
  });

  // Nothing on the page, Swagger UI included, called a host other than the worker.
  const outsideRequests = requestedUrls.filter((url) => {
    const parsed = new URL(url);
    return parsed.protocol !== "data:" && parsed.protocol !== "blob:" && parsed.origin !== origin;
  });
  expect(outsideRequests).toEqual([]);
  expect(requestedUrls).toContain(`${origin}/openapi.json`);
}, 60_000);
