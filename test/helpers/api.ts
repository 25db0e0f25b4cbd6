import { exports } from "cloudflare:workers";

export interface ApiRequest {
  method?: string;
  key?: string | null;
  headers?: Record<string, string>;
  /** A value to send as JSON, or a string to send as is. */
  body?: unknown;
}

export interface ApiResponse<Body = any> {
  status: number;
  headers: Headers;
  body: Body;
  text: string;
}

/**
 * Sends a request through the worker's real fetch handler, so the router, the auth
 * middleware and D1 are all exercised. The body is parsed as JSON when it is JSON.
 */
export async function callApi<Body = any>(path: string, request: ApiRequest = {}): Promise<ApiResponse<Body>> {
  const headers = new Headers(request.headers);
  if (request.key) {
    headers.set("Authorization", `Bearer ${request.key}`);
  }

  let body: string | undefined;
  if (typeof request.body === "string") {
    body = request.body;
  } else if (request.body !== undefined) {
    body = JSON.stringify(request.body);
    if (!headers.has("Content-Type")) {
      headers.set("Content-Type", "application/json");
    }
  }

  const response = await exports.default.fetch(
    new Request(`http://localhost${path}`, {
      method: request.method ?? "GET",
      headers,
      body,
    }),
  );
  const text = await response.text();
  const isJson = response.headers.get("Content-Type")?.includes("application/json") ?? false;

  return {
    status: response.status,
    headers: response.headers,
    body: isJson && text !== "" ? JSON.parse(text) : text,
    text,
  };
}

/** Formats a response for assertion messages, so a failing test shows what came back. */
export function describeResponse(response: ApiResponse): string {
  return `${response.status} ${response.text.slice(0, 2000)}`;
}
