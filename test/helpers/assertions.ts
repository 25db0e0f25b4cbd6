import { expect } from "vitest";

import { describeResponse, type ApiResponse } from "./api";

/** Asserts the family's error body and that status_code mirrors the HTTP status. */
export function expectError(response: ApiResponse, status: number, type: string) {
  const context = describeResponse(response);

  expect(response.status, context).toBe(status);
  expect(response.body.status_code, context).toBe(status);
  expect(response.body.type, context).toBe(type);
  expect(typeof response.body.message, context).toBe("string");
  expect(response.body.request_id, context).toBe(response.headers.get("X-Request-Id"));
}

export function expectStatus(response: ApiResponse, status: number) {
  expect(response.status, describeResponse(response)).toBe(status);
}
