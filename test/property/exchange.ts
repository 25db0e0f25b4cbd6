import { exports } from "cloudflare:workers";

import type { KeyFixture } from "./fixtures";

/**
 * What authentication must make of a request's Authorization header: "accepted" for a
 * usable key in a well-formed header, "rejected" for a header that must be a 401, and
 * "unknown" for odd forms whose outcome the API does not document.
 */
export type AuthenticationOutcome = "accepted" | "rejected" | "unknown";

/** A generated request, in plain data so that fast-check prints a failing one in full. */
export interface GeneratedRequest {
  method: string;
  /** The path and query string, sent to http://localhost. */
  target: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  authentication: AuthenticationOutcome;
  /** The key in the Authorization header, when the header names one of the fixtures' keys. */
  caller?: KeyFixture;
}

export interface Exchange {
  request: GeneratedRequest;
  /** The path after URL parsing, which resolves dot segments and encodes what it must. */
  pathname: string;
  status: number;
  headers: Headers;
  text: string;
}

let requestCount = 0;

/** Returns how many requests the suite has sent so far, shrinking runs included. */
export function sentRequestCount(): number {
  return requestCount;
}

/**
 * Sends a request through the worker's fetch handler, as test/helpers/api.ts does, but with
 * the body as given: bytes stay bytes, and nothing is serialized or parsed on the way.
 */
export async function sendRequest(request: GeneratedRequest): Promise<Exchange> {
  const url = new URL(`http://localhost${request.target}`);
  if (url.host !== "localhost") {
    throw new Error(`The generated target ${request.target} leaves localhost.`);
  }

  requestCount += 1;
  const response = await exports.default.fetch(
    new Request(url, { method: request.method, headers: request.headers, body: request.body }),
  );
  const text = await response.text();

  return { request, pathname: url.pathname, status: response.status, headers: response.headers, text };
}

/** Sends requests at the same time, because the worker overlaps their D1 queries and so runs them faster. */
export function sendConcurrently(requests: readonly GeneratedRequest[]): Promise<Exchange[]> {
  return Promise.all(requests.map(sendRequest));
}

function describeBody(body: GeneratedRequest["body"]): string {
  if (body === undefined) {
    return "(no body)";
  }
  if (typeof body === "string") {
    return body.length > 300
      ? `${JSON.stringify(body.slice(0, 300))}… (${body.length} characters)`
      : JSON.stringify(body);
  }
  return `${body.byteLength} bytes: ${Array.from(body.slice(0, 60), (byte) => byte.toString(16).padStart(2, "0")).join(" ")}`;
}

/** Formats an exchange for assertion messages: the request as sent and the response as received. */
export function describeExchange(exchange: Exchange): string {
  const { request } = exchange;
  const target =
    request.target.length > 300
      ? `${request.target.slice(0, 300)}… (${request.target.length} characters)`
      : request.target;
  const headers = Object.entries(request.headers)
    .map(([name, value]) => `${name}: ${value.length > 120 ? `${value.slice(0, 120)}…` : value}`)
    .join("\n  ");

  return [
    `${request.method} ${target}`,
    `  ${headers}`,
    `  body ${describeBody(request.body)}`,
    `  key ${request.caller?.label ?? "(none)"}, authentication ${request.authentication}`,
    `-> ${exchange.status} ${exchange.text.slice(0, 1500)}`,
  ].join("\n");
}
