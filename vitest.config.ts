import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

export default defineConfig(async () => {
  // The same migrations that wrangler applies, read here and applied in test/setup.ts.
  const migrations = await readD1Migrations({ projectPath: import.meta.dirname, migrationsDir: "drizzle" });

  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: "./wrangler.toml" },
        miniflare: { bindings: { TEST_MIGRATIONS: migrations } },
      }),
    ],
    test: {
      include: ["test/**/*.test.ts"],
      setupFiles: ["./test/setup.ts"],
      // The worker logs a line for every request; the suite sends thousands, so those lines
      // are dropped from the output. Tests that check them spy on console.log.
      onConsoleLog: (log: string) => !log.includes('"message":"request"'),
    },
  };
});
