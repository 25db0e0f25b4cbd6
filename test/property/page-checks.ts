import { expect } from "vitest";

import { describeExchange, type Exchange } from "./exchange";

// Helpers that the success checks of several operations share: the request's query and
// body, and the list envelope of every paged operation.

export interface PageEnvelope<Item = unknown> {
  items: Item[];
  total_count: number;
  total_pages: number;
  has_more: boolean;
}

export function queryOf(exchange: Exchange): URLSearchParams {
  return new URL(`http://localhost${exchange.request.target}`).searchParams;
}

/** Parses a request body sent as text, and returns undefined for bytes and for text that is not JSON. */
export function parseRequestBody(exchange: Exchange): any {
  const { body } = exchange.request;
  if (typeof body !== "string") {
    return undefined;
  }
  try {
    // The Fetch standard's JSON reading drops a leading byte order mark, and so does this.
    return JSON.parse(body.replace(/^\ufeff/, ""));
  } catch {
    return undefined;
  }
}

/** Checks a page's size and totals against the page and size that the request asked for. */
export function checkPageEnvelope(exchange: Exchange, page: PageEnvelope): void {
  const description = describeExchange(exchange);
  const query = queryOf(exchange);
  const size = Number(query.get("size") ?? 10);
  const pageNumber = Number(query.get("page") ?? 1);

  expect(page.items.length, description).toBeLessThanOrEqual(size);
  expect(page.total_pages, `total_pages is ceil(total_count / size).\n${description}`).toBe(
    Math.ceil(page.total_count / size),
  );
  expect(page.has_more, `has_more tells whether pages follow this one.\n${description}`).toBe(
    pageNumber < page.total_pages,
  );
  if (page.has_more) {
    expect(page.items.length, `A page before the last is full.\n${description}`).toBe(size);
  }
  if (pageNumber > page.total_pages) {
    expect(page.items, `A page past the end has no items.\n${description}`).toEqual([]);
  }
}
