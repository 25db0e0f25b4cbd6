import { applyD1Migrations, env } from "cloudflare:test";

// Applies the real migrations from drizzle/ before each test file; already-applied ones are skipped.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
