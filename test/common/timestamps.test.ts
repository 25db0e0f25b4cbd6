import { describe, expect, it } from "vitest";

import { parseIsoInstant, toIsoTimestamp } from "../../src/common/timestamps";

const INSTANT = Date.UTC(2025, 2, 13, 7, 0, 0);

describe("parseIsoInstant", () => {
  it.each([
    ["2025-03-13T07:00:00Z", INSTANT],
    ["2025-03-13t07:00:00z", INSTANT],
    ["2025-03-13 07:00:00Z", INSTANT],
    ["2025-03-13T07:00Z", INSTANT],
    ["2025-03-13T08:00:00+01:00", INSTANT],
    ["2025-03-13T08:00:00+0100", INSTANT],
    ["2025-03-13T08:00:00+01", INSTANT],
    ["2025-03-13T01:30:00-05:30", INSTANT],
    ["2025-03-13T07:00:00.250Z", INSTANT + 250],
    ["2025-03-13T07:00:00.5Z", INSTANT + 500],
    ["2025-03-13T07:00:00.000000Z", INSTANT],
    ["2024-02-29T00:00:00Z", Date.UTC(2024, 1, 29)],
    ["0001-01-01T00:00:00Z", Date.parse("0001-01-01T00:00:00Z")],
    ["0000-01-01T00:00:00Z", Date.parse("0000-01-01T00:00:00Z")],
    ["9999-12-31T23:59:59.999Z", Date.parse("9999-12-31T23:59:59.999Z")],
  ])("parses %s", (text, expected) => {
    expect(parseIsoInstant(text)).toEqual({ floor: expected, ceil: expected });
  });

  it("rounds a finer fraction up for the ceiling only", () => {
    expect(parseIsoInstant("2025-03-13T07:00:00.2501Z")).toEqual({ floor: INSTANT + 250, ceil: INSTANT + 251 });
  });

  it.each([
    ["a date alone", "2025-03-13"],
    ["no offset", "2025-03-13T07:00:00"],
    ["February 30", "2025-02-30T00:00:00Z"],
    ["February 29 of a common year", "2025-02-29T00:00:00Z"],
    ["hour 24", "2025-03-13T24:00:00Z"],
    ["minute 60", "2025-03-13T07:60:00Z"],
    ["second 60", "2025-03-13T07:00:60Z"],
    ["month 13", "2025-13-01T00:00:00Z"],
    ["an offset of 24 hours", "2025-03-13T07:00:00+24:00"],
    ["a comma fraction", "2025-03-13T07:00:00,5Z"],
    ["a Unix timestamp", "1741849200"],
    ["trailing text", "2025-03-13T07:00:00Z junk"],
    ["an empty string", ""],
  ])("rejects %s", (_name, text) => {
    expect(parseIsoInstant(text)).toBeUndefined();
  });
});

describe("toIsoTimestamp", () => {
  it("omits a zero fraction", () => {
    expect(toIsoTimestamp(INSTANT)).toBe("2025-03-13T07:00:00Z");
  });

  it("keeps milliseconds otherwise", () => {
    expect(toIsoTimestamp(INSTANT + 7)).toBe("2025-03-13T07:00:00.007Z");
  });
});
