import { exports } from "cloudflare:workers";
import { expect, it } from "vitest";

it("serves the openapi document", async () => {
  const response = await exports.default.fetch("http://localhost/openapi.json");
  expect(response.status).toBe(200);
  const doc = await response.json();
  console.log(JSON.stringify(doc).slice(0, 3000));
});

it("rejects missing key", async () => {
  const response = await exports.default.fetch("http://localhost/v1/tasks");
  console.log(response.status, [...response.headers], await response.text());
});
