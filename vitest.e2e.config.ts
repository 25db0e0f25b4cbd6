import { defineConfig } from "vitest/config";

// End-to-end tests in Node.js: they start `wrangler dev` and drive Debian's Chromium with
// playwright-core, which the workerd pool of vitest.config.ts cannot do.
export default defineConfig({
  test: {
    include: ["test/e2e/**/*.test.ts"],
    environment: "node",
    // One test file at a time, because each one starts its own wrangler dev and Chromium.
    fileParallelism: false,
  },
});
