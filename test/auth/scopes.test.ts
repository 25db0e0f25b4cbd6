import { describe, expect, it } from "vitest";

import { hasScope } from "../../src/auth/scopes";

describe("hasScope", () => {
  const table: [string[], "tasks:read" | "tasks:write", boolean][] = [
    [["tasks:read"], "tasks:read", true],
    [["tasks:write"], "tasks:write", true],
    [["tasks:read", "tasks:write"], "tasks:write", true],
    [["tasks:write"], "tasks:read", false],
    [["tasks:read"], "tasks:write", false],
    [[], "tasks:read", false],
    [["tasks:*"], "tasks:read", false],
    [["*"], "tasks:write", false],
    [["TASKS:READ"], "tasks:read", false],
    [["tasks:read "], "tasks:read", false],
    [["contacts:read", "webhooks:write"], "tasks:read", false],
  ];

  it.each(table)("grants %j for %s: %s", (granted, required, expected) => {
    expect(hasScope(granted, required)).toBe(expected);
  });
});
