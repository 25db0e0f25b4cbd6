import { describe, expect, it } from "vitest";

import wranglerConfig from "../../wrangler.toml?raw";
import { DEPLOY_ENVIRONMENTS } from "../../scripts/operator/d1-target";
import { READ_BUDGET, WRITE_BUDGET } from "../../src/rate-limit/budgets";

/**
 * Returns the tables of one wrangler environment, each with its header minus the
 * "env.<name>." part (such as "ratelimits") and its key lines without comments.
 */
function environmentTables(environment: string): { header: string; body: string }[] {
  const tables: { header: string; body: string[] }[] = [];
  let current: { header: string; body: string[] } | undefined;

  for (const line of wranglerConfig.split("\n")) {
    const header = /^\[\[?([^\]]+)\]\]?\s*$/.exec(line.trim());
    if (header !== null) {
      current = { header: header[1]!, body: [] };
      tables.push(current);
    } else if (current !== undefined && line.trim() !== "" && !line.trim().startsWith("#")) {
      current.body.push(line.trim());
    }
  }

  return tables
    .filter((table) => table.header.startsWith(`env.${environment}.`))
    .map((table) => ({ header: table.header.slice(`env.${environment}.`.length), body: table.body.join("\n") }));
}

describe("deploy environments", () => {
  for (const environment of DEPLOY_ENVIRONMENTS) {
    it(`${environment} declares its own bindings`, () => {
      const tables = environmentTables(environment);
      const bodyOf = (name: string) => tables.filter((table) => table.header === name).map((table) => table.body);

      const [database] = bodyOf("d1_databases");
      expect(database).toContain('binding = "DB"');
      expect(database).toContain(`database_name = "topo-tasks-${environment}"`);
      expect(database).toContain('migrations_dir = "drizzle"');
      expect(database).toMatch(/^database_id = "[0-9a-f-]{36}"$/m);

      const limiters = bodyOf("ratelimits").join("\n\n");
      for (const [binding, budget] of [
        ["READ_RATE_LIMITER", READ_BUDGET],
        ["WRITE_RATE_LIMITER", WRITE_BUDGET],
      ] as const) {
        expect(limiters).toMatch(
          new RegExp(
            `name = "${binding}"\\nnamespace_id = "\\d+"\\nsimple = \\{ limit = ${budget.limit}, period = ${budget.periodSeconds} \\}`,
          ),
        );
      }

      const vars = bodyOf("vars")[0]!.split("\n");
      expect(vars).toContainEqual(expect.stringMatching(/^CORS_ALLOWED_ORIGINS = "https:\/\/[^"]+"$/));
      expect(vars).toContain('WEBHOOK_ALLOW_LOOPBACK = "false"');

      const queue = `topo-webhook-deliveries-${environment}`;
      const [producer] = bodyOf("queues.producers");
      const [consumer] = bodyOf("queues.consumers");
      expect(producer).toBe(`binding = "WEBHOOK_DELIVERIES"\nqueue = "${queue}"`);
      expect(consumer).toContain(`queue = "${queue}"`);
      expect(consumer).toMatch(/^max_retries = \d+$/m);
      expect(bodyOf("triggers")[0]).toBe('crons = ["17 * * * *"]');
      expect(bodyOf("observability")[0]).toBe("enabled = true");
    });
  }

  it("gives each environment its own database, counters and queue", () => {
    const values = (pattern: RegExp) => [...wranglerConfig.matchAll(pattern)].map((match) => match[1]);

    const databaseIds = values(/^database_id = "([^"]+)"/gm);
    const namespaceIds = values(/^namespace_id = "([^"]+)"/gm);

    expect(databaseIds).toHaveLength(3);
    expect(new Set(databaseIds).size).toBe(3);
    expect(namespaceIds).toHaveLength(6);
    expect(new Set(namespaceIds).size).toBe(6);

    const queues = values(/^queue = "([^"]+)"/gm);
    expect(queues).toHaveLength(6);
    expect(new Set(queues).size).toBe(3);
  });
});
