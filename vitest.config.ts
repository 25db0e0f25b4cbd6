import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig(async () => {
  // The same migrations that wrangler applies, read here and applied in test/setup.ts.
  const migrations = await readD1Migrations({ projectPath: import.meta.dirname, migrationsDir: "drizzle" });

  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: "./wrangler.toml" },
        miniflare: {
          bindings: { TEST_MIGRATIONS: migrations },
          // An empty database of its own for the test that replays the migrations one by one.
          d1Databases: { MIGRATIONS_DB: "migrations-test" },
          // Deliveries go to a queue that no consumer reads, so no delivery runs in the
          // background of a test. The webhook tests read the deliveries from D1 and hand them
          // to the worker's queue handler themselves, with createMessageBatch and getQueueResult.
          queueProducers: { WEBHOOK_DELIVERIES: { queueName: "topo-webhook-deliveries-unconsumed" } },
        },
      }),
    ],
    test: {
      include: ["test/**/*.test.ts"],
      // Run in Node.js by vitest.e2e.config.ts.
      exclude: [...configDefaults.exclude, "test/e2e/**"],
      setupFiles: ["./test/setup.ts"],
      // The worker logs a line for every request; the suite sends thousands, so those lines
      // are dropped from the output. Tests that check them spy on console.log.
      onConsoleLog: (log: string) => !log.includes('"message":"request"'),
    },
  };
});
