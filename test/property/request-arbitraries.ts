import fc from "fast-check";

import { UUID_PATTERN } from "../../src/common/ids";
import { receiverUrl } from "../helpers/webhooks";
import type { AuthenticationOutcome } from "./exchange";
import type { KeyFixture, PropertyFixtures } from "./fixtures";
import type { FormatArbitraries } from "./schema-arbitraries";

// Arbitraries for the parts of a request other than its body: path ids, query values and
// names, the Authorization header, the other headers and methods. Every string they produce
// is in wire form, ready to go into a URL or a header.

const UNRESERVED = /[A-Za-z0-9\-._~]/;

/**
 * Percent-encodes every byte of the UTF-8 form of a text except unreserved characters.
 * Unlike encodeURIComponent it never throws: a lone surrogate becomes U+FFFD on the way.
 */
export function percentEncode(text: string): string {
  return Array.from(new TextEncoder().encode(text), (byte) => {
    const character = String.fromCharCode(byte);
    return byte < 0x80 && UNRESERVED.test(character)
      ? character
      : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }).join("");
}

// ---------------------------------------------------------------------------------------
// Ids

/** Task ids that are UUIDs: tasks of either workspace, in either letter case, and absent ones. */
export function taskIdArbitrary(fixtures: PropertyFixtures): fc.Arbitrary<string> {
  const known = fc.constantFrom(...fixtures.taskIds);
  return fc.oneof(
    { weight: 6, arbitrary: known },
    { weight: 1, arbitrary: known.map((id) => id.toUpperCase()) },
    { weight: 2, arbitrary: fc.uuid() },
  );
}

/**
 * Task ids for requests made with a key: mostly tasks of the key's own workspace, so that
 * most requests reach a task, and some of the other workspace or absent.
 */
export function taskIdForCaller(fixtures: PropertyFixtures, caller: KeyFixture | undefined): fc.Arbitrary<string> {
  const own = fixtures.taskIds.filter((id) => fixtures.taskOrganization.get(id) === caller?.organizationId);
  if (own.length === 0) {
    return taskIdArbitrary(fixtures);
  }
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...own) },
    { weight: 1, arbitrary: fc.constantFrom(...own).map((id) => id.toUpperCase()) },
    { weight: 2, arbitrary: taskIdArbitrary(fixtures) },
  );
}

/** Ids of rows of either workspace, and absent ones, for `format: uuid` values in queries and bodies. */
export function knownIdArbitrary(fixtures: PropertyFixtures): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...fixtures.otherIds, ...fixtures.taskIds) },
    { weight: 1, arbitrary: fc.uuid() },
  );
}

// Small edits that keep an id UUID-like but make it invalid, where parsers tend to be lenient.
const UUID_EDITS: [string, (id: string) => string][] = [
  ["one character short", (id) => id.slice(0, -1)],
  ["one character long", (id) => `${id}0`],
  ["a non-hex digit", (id) => `g${id.slice(1)}`],
  ["no dashes", (id) => id.replaceAll("-", "")],
  ["braces", (id) => `{${id}}`],
  ["a urn prefix", (id) => `urn:uuid:${id}`],
  ["a trailing space", (id) => `${id} `],
  ["a trailing newline", (id) => `${id}\n`],
  ["a leading zero-width space", (id) => `\u200b${id}`],
  ["fullwidth digits", (id) => id.replace(/[0-9]/g, (digit) => String.fromCharCode(0xff10 + Number(digit)))],
];

/** Ids that look like UUIDs but are not, before percent-encoding. */
export function malformedUuidArbitrary(fixtures: PropertyFixtures): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...fixtures.taskIds), fc.constantFrom(...UUID_EDITS))
    .map(([id, [, edit]]) => edit(id));
}

// Sequences that URL parsers and decoders treat specially: encoded slashes and dots, invalid
// or overlong UTF-8, NUL and CRLF, and a percent sign that starts no escape.
const PERCENT_PIECES = [
  "%",
  "%Z",
  "%ZZ",
  "%2",
  "%00",
  "%2F",
  "%2f",
  "%5C",
  "%25",
  "%2e",
  "%2E%2E",
  "%3F",
  "%23",
  "%0D%0A",
  "%E0%A4",
  "%C0%AF",
  "%ED%A0%80",
  "%F0%9F%98",
  "%FF",
  "%FE%FF",
  "%C3%A9",
  "a",
  "-",
  "0",
];

// Values that mean something to other layers: dot segments, JavaScript property names,
// SQL and empty or whitespace-only text.
const SPECIAL_SEGMENTS = [
  "",
  ".",
  "..",
  "...",
  "%2e",
  "%2e%2e",
  ".%2e",
  " ",
  "~",
  ";",
  "id;x=1",
  "*",
  "null",
  "undefined",
  "0",
  "-1",
  "NaN",
  "__proto__",
  "constructor",
  "hasOwnProperty",
  "' OR '1'='1",
  "1; DROP TABLE tasks",
  "$(id)",
  "\\",
];

/** Strings of many lengths and alphabets, not yet encoded. */
export function arbitraryText(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.string({ unit: "grapheme", minLength: 1, maxLength: 20 }),
    fc.string({ unit: "binary", minLength: 1, maxLength: 20 }),
    fc.string({ unit: "binary-ascii", minLength: 1, maxLength: 20 }),
  );
}

/** Long text: one unit repeated up to 8,000 times, since random long strings rarely add anything. */
export function longText(): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom("a", "0", "-", "é", "😀", "%41", "\u0000"), fc.integer({ min: 1_000, max: 8_000 }))
    .map(([unit, count]) => unit.repeat(count));
}

/** Path segments where an id goes, in wire form: some valid, most not. */
export function hostileIdArbitrary(fixtures: PropertyFixtures): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: taskIdArbitrary(fixtures) },
    { weight: 2, arbitrary: malformedUuidArbitrary(fixtures).map(percentEncode) },
    { weight: 2, arbitrary: arbitraryText().map(percentEncode) },
    // Raw text lets the URL parser do its own encoding, and its own splitting at / ? and #.
    { weight: 1, arbitrary: arbitraryText() },
    { weight: 1, arbitrary: longText().map(percentEncode) },
    {
      weight: 2,
      arbitrary: fc
        .array(fc.constantFrom(...PERCENT_PIECES), { minLength: 1, maxLength: 12 })
        .map((pieces) => pieces.join("")),
    },
    { weight: 1, arbitrary: fc.constantFrom(...SPECIAL_SEGMENTS) },
  );
}

/** Fills a path template's parameters with ids in wire form. */
export function fillPath(template: string, ids: readonly string[]): string {
  let index = 0;
  return template.replace(/\{[^}]+\}/g, () => ids[index++] ?? "");
}

// ---------------------------------------------------------------------------------------
// Time

function twoDigits(value: number): string {
  return String(value).padStart(2, "0");
}

/**
 * Formats an instant as an RFC 3339 date-time at a UTC offset in minutes. The fraction is
 * "none" (whole seconds, dropping the milliseconds), "milliseconds", or digits finer than a
 * millisecond to append to the milliseconds.
 */
function formatDateTime(epochMilliseconds: number, offsetMinutes: number, fraction: string, separator: string): string {
  const wallClock = new Date(epochMilliseconds + offsetMinutes * 60_000).toISOString();
  const [date, seconds] = wallClock.slice(0, 19).split("T");
  const milliseconds = wallClock.slice(19, 23);
  const time =
    fraction === "none" ? seconds : `${seconds}${milliseconds}${fraction === "milliseconds" ? "" : fraction}`;
  const sign = offsetMinutes < 0 ? "-" : "+";
  const magnitude = Math.abs(offsetMinutes);
  const offset =
    offsetMinutes === 0 ? "Z" : `${sign}${twoDigits(Math.floor(magnitude / 60))}:${twoDigits(magnitude % 60)}`;
  return `${date}${separator}${time}${offset}`;
}

const FIRST_INSTANT = Date.parse("0001-01-01T00:00:00Z");
const LAST_INSTANT = Date.parse("9999-12-31T23:59:59.999Z");

/**
 * RFC 3339 date-times, the `date-time` format of JSON Schema, with every offset form it
 * allows. Most lie within two seconds of a task's creation time, some exactly on it and
 * some a fraction of a millisecond off, because strict bounds are easy to get wrong there.
 * The rest lie anywhere in the years 0001 to 9999.
 */
export function dateTimeArbitrary(creationTimes: readonly number[]): fc.Arbitrary<string> {
  const anywhere = fc.integer({ min: FIRST_INSTANT, max: LAST_INSTANT });
  const nearTask = fc
    .tuple(fc.constantFrom(...creationTimes), fc.oneof(fc.constant(0), fc.integer({ min: -2_000, max: 2_000 })))
    .map(([time, delta]) => time + delta);

  return fc
    .record({
      instant:
        creationTimes.length === 0
          ? anywhere
          : fc.oneof({ weight: 3, arbitrary: nearTask }, { weight: 1, arbitrary: anywhere }),
      offsetMinutes: fc.oneof(fc.constant(0), fc.integer({ min: -(23 * 60 + 59), max: 23 * 60 + 59 })),
      fraction: fc.oneof(fc.constantFrom("none", "milliseconds"), fc.stringMatching(/^[0-9]{1,6}$/)),
      separator: fc.constantFrom("T", "t"),
    })
    .filter(({ instant, offsetMinutes }) => {
      // The offset must not push the wall-clock time outside the years 0001 to 9999.
      const wallClock = instant + offsetMinutes * 60_000;
      return wallClock >= FIRST_INSTANT && wallClock <= LAST_INSTANT;
    })
    .map(({ instant, offsetMinutes, fraction, separator }) =>
      formatDateTime(instant, offsetMinutes, fraction, separator),
    );
}

/**
 * Webhook URLs that the API accepts in tests, where loopback targets are allowed: all on the
 * tests' receiver, so a delivery or test event reaches nothing but the spy that replaces the receiver.
 */
export function receiverUrlArbitrary(): fc.Arbitrary<string> {
  return fc
    .oneof(fc.constantFrom("/hook", "/property", "/"), fc.stringMatching(/^\/[a-z0-9-]{1,12}(\/[a-z0-9-]{1,12})?$/))
    .map((path) => receiverUrl(path));
}

/**
 * Builds the format arbitraries for valid values: ids of the fixtures or absent ones,
 * RFC 3339 date-times near the tasks' creation times and webhook URLs on the tests'
 * receiver. Given a caller, ids are mostly those of its workspace, so that filters match
 * tasks and a reassignment names one of its users.
 */
export function validFormats(fixtures: PropertyFixtures, caller?: KeyFixture): FormatArbitraries {
  const date = dateTimeArbitrary(fixtures.taskCreationTimes);
  const uri = receiverUrlArbitrary();
  const ids = caller === undefined ? undefined : fixtures.workspaceIds.get(caller.organizationId);
  if (ids === undefined) {
    return { uuid: knownIdArbitrary(fixtures), "date-time": date, uri };
  }
  const uuid = fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(...ids.userIds) },
    { weight: 2, arbitrary: fc.constantFrom(...ids.allIds) },
    { weight: 1, arbitrary: knownIdArbitrary(fixtures) },
  );
  return { uuid, "date-time": date, uri };
}

// Date-times that are not valid: impossible dates and times, missing or impossible offsets,
// years outside four digits and numbers that other parsers read as epoch times.
const INVALID_DATE_TIMES = [
  "2025-02-30T00:00:00Z",
  "2025-13-01T00:00:00Z",
  "2025-00-10T00:00:00Z",
  "2025-03-13",
  "2025-03-13T07:00:00",
  "2025-03-13T24:00:00Z",
  "2025-03-13T07:60:00Z",
  "2025-03-13T07:00:61Z",
  "2025-03-13T07:00:00+24:00",
  "2025-03-13T07:00:00+01:60",
  "2025-03-13T07:00:00 01:00",
  "+275760-09-13T00:00:00Z",
  "-000001-01-01T00:00:00Z",
  "2025-03-13T07:00:00.Z",
  "2025-3-13T07:00:00Z",
  "20250313T070000Z",
  "1741849200000",
  "now",
  "2025-03-13T07:00:00ZZ",
  "2025-03-13T07:00:00+01:00:00",
  "２０２５-03-13T07:00:00Z",
];

// Valid date-times at the edges of what JavaScript dates and SQLite integers handle. The
// leap second is valid RFC 3339 that the API rejects, so no status is expected for these.
const EDGE_DATE_TIMES = [
  "0000-01-01T00:00:00Z",
  "0000-01-01T00:00:00+23:59",
  "9999-12-31T23:59:59.999999999-23:59",
  "1970-01-01T00:00:00Z",
  "1969-12-31T23:59:59.999Z",
  "2016-12-31T23:59:60Z",
  "2025-03-13T07:00:00.0000001Z",
];

// ---------------------------------------------------------------------------------------
// Query strings

// Integer query values that no reading of "an integer in decimal digits" accepts.
function invalidIntegers(minimum: number, maximum: number): string[] {
  return [
    String(minimum - 1),
    String(maximum + 1),
    String(2 ** 53),
    "1e309",
    "1.5",
    "１",
    "٣",
    "1_000",
    "Infinity",
    "NaN",
    "1,2",
  ];
}

// Integer query values that some parsers accept: exponents, hexadecimal, signs, padding.
// The README states that page and size take plain decimal digits only, but the document
// declares only "integer", so the suite sends these only where it expects no particular status.
const LENIENT_INTEGERS = ["1e3", "0x10", " 1", "+1", "-0", "00000000000000001", "1 "];

/**
 * Query values that break a parameter's schema under any reading of it, before
 * percent-encoding: free text is filtered so that it cannot be valid by chance.
 */
export function invalidQueryValue(schema: Record<string, any>): fc.Arbitrary<string> {
  const itemSchema: Record<string, any> = schema.type === "array" ? (schema.items ?? {}) : schema;
  const enumValues: string[] = itemSchema.enum ?? [];
  const isCandidate = (text: string) => {
    if (enumValues.includes(text)) {
      return false;
    }
    if (itemSchema.type === "integer") {
      return Number.isNaN(Number(text));
    }
    return !(itemSchema.format === "uuid" && UUID_PATTERN.test(text));
  };
  const pieces: fc.Arbitrary<string>[] = [fc.constant(""), arbitraryText().filter(isCandidate)];

  if (enumValues.length > 0) {
    pieces.push(
      fc.constantFrom(...enumValues).chain((value) =>
        fc.constantFrom(
          value === value.toLowerCase() ? value.toUpperCase() : value.toLowerCase(),
          `${value} `,
          ` ${value}`,
          `${value}\u0000`,
          value.slice(0, -1),
          `${value},${value}`,
          // The first letter swapped for a Cyrillic look-alike.
          value.replace(/^[A-Za-z]/, "\u0420"),
        ),
      ),
    );
  }
  if (itemSchema.type === "integer") {
    pieces.push(fc.constantFrom(...invalidIntegers(itemSchema.minimum ?? 0, itemSchema.maximum ?? 2 ** 31)));
  }
  if (itemSchema.format === "date-time") {
    pieces.push(fc.constantFrom(...INVALID_DATE_TIMES));
  }
  if (itemSchema.format === "uuid") {
    pieces.push(
      fc.constantFrom("not-a-uuid", "00000000-0000-0000-0000-00000000000g", "{00000000-0000-0000-0000-000000000000}"),
    );
  }
  return fc.oneof(...pieces).filter(isCandidate);
}

/** Values at the edges of what parsers handle: bounds, odd but valid date-times and lenient integers. */
export function edgeQueryValue(schema: Record<string, any>): fc.Arbitrary<string> | undefined {
  if (schema.format === "date-time") {
    return fc.constantFrom(...EDGE_DATE_TIMES);
  }
  if (schema.type === "integer") {
    return fc.constantFrom(String(schema.minimum ?? 0), String(schema.maximum ?? 0), ...LENIENT_INTEGERS);
  }
  return undefined;
}

// Names that are no parameter of this API but are one elsewhere, differ from one only in
// case or suffix, or are properties of every JavaScript object.
const UNKNOWN_PARAMETER_NAMES = [
  "__proto__",
  "constructor",
  "toString",
  "hasOwnProperty",
  "valueOf",
  "STATUS",
  "Status",
  "status[]",
  "status.0",
  "status ",
  "sort",
  "limit",
  "offset",
  "cursor",
  "q",
  "filter[status]",
  "dry_run",
  "_method",
  "callback",
  "fields",
  "expand",
  "include_deleted",
  "organization_id",
  "id",
];

/** Query parameter names that no operation of the document declares, in wire form. */
export function unknownParameterName(knownNames: readonly string[]): fc.Arbitrary<string> {
  return fc
    .oneof(
      fc.constantFrom(...UNKNOWN_PARAMETER_NAMES),
      arbitraryText().filter((name) => name !== ""),
    )
    .filter((name) => !knownNames.includes(name))
    .map(percentEncode);
}

// Query strings that are malformed as a whole rather than in one value.
export const MALFORMED_QUERY_PIECES = [
  "&",
  "&&",
  "=",
  "==",
  "=x",
  "%",
  "a=%",
  "a=%E0%A4%A",
  "+",
  ";",
  "?",
  "a=b=c",
  "%3D=%26",
];

// ---------------------------------------------------------------------------------------
// Headers

export interface AuthorizationChoice {
  header: string | undefined;
  authentication: AuthenticationOutcome;
  caller?: KeyFixture;
}

const SCHEME_SPELLINGS = ["Bearer", "bearer", "BEARER", "BeArEr"];

/** Authorization headers that authentication must accept: a usable key, any scheme case, one or more spaces. */
export function acceptedAuthorization(keys: readonly KeyFixture[]): fc.Arbitrary<AuthorizationChoice> {
  return fc
    .tuple(fc.constantFrom(...keys), fc.constantFrom(...SCHEME_SPELLINGS), fc.integer({ min: 1, max: 3 }))
    .map(([key, scheme, spaces]) => ({
      header: `${scheme}${" ".repeat(spaces)}${key.rawKey}`,
      authentication: "accepted" as const,
      caller: key,
    }));
}

/** Authorization headers that authentication must reject with a 401. */
export function rejectedAuthorization(fixtures: PropertyFixtures): fc.Arbitrary<AuthorizationChoice> {
  const unusable = fixtures.keys.filter((key) => !key.usable);
  const usable = fc.constantFrom(...fixtures.usableKeys);
  const rejected = (header: string | undefined, caller?: KeyFixture): AuthorizationChoice => ({
    header,
    authentication: "rejected",
    caller,
  });

  return fc.oneof(
    fc.constant(rejected(undefined)),
    fc.constantFrom(rejected(""), rejected("Bearer"), rejected("Bearer "), rejected("Basic dXNlcjpwYXNzd29yZA==")),
    fc.constantFrom(...unusable).map((key) => rejected(`Bearer ${key.rawKey}`, key)),
    fc.stringMatching(/^topo_[0-9a-f]{32}$/).map((token) => rejected(`Bearer ${token}`)),
    usable.map((key) => rejected(`Token ${key.rawKey}`)),
    usable.map((key) => rejected(key.rawKey)),
    usable.map((key) => rejected(`Bearer ${key.rawKey} ${key.rawKey}`)),
    usable.map((key) => rejected(`Bearer ${key.rawKey.slice(0, -1)}`)),
    usable.map((key) => rejected(`Bearer ${key.rawKey}x`)),
    usable.map((key) => rejected(`Bearer ${key.rawKey.toUpperCase()}`)),
  );
}

/** Authorization headers whose outcome the API does not document, such as a tab after the scheme. */
function oddAuthorization(fixtures: PropertyFixtures): fc.Arbitrary<AuthorizationChoice> {
  return fc
    .tuple(
      fc.constantFrom(...fixtures.usableKeys),
      fc.constantFrom("Bearer\t%s", "Bearer:%s", "Bearer %s, Basic abc", "Bearer  %s\t"),
    )
    .map(([key, form]) => ({
      header: form.replace("%s", key.rawKey),
      authentication: "unknown" as const,
      caller: key,
    }));
}

/** Any Authorization header, mostly with usable keys so that requests get past authentication. */
export function anyAuthorization(fixtures: PropertyFixtures): fc.Arbitrary<AuthorizationChoice> {
  return fc.oneof(
    { weight: 7, arbitrary: acceptedAuthorization(fixtures.usableKeys) },
    { weight: 2, arbitrary: rejectedAuthorization(fixtures) },
    { weight: 1, arbitrary: oddAuthorization(fixtures) },
  );
}

// Media types around application/json: parameters, case, structured suffixes and
// look-alikes, other types and malformed values. undefined sends no Content-Type.
export const CONTENT_TYPES = [
  undefined,
  "application/json",
  "application/json; charset=utf-8",
  "Application/JSON",
  "application/json;charset=UTF-8",
  "application/json; charset=iso-8859-1",
  "application/merge-patch+json",
  "application/problem+json",
  "application/vnd.api+json",
  "application/jsonl",
  "application/json-seq",
  "text/json",
  "text/plain",
  "text/plain; charset=utf-8",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=----x",
  "application/octet-stream",
  "application/xml",
  "",
  "*/*",
  "application/json, text/plain",
  "json",
  ";;;",
  'application/json; boundary="x"',
];

// Entity tags of every form that If-Match and If-None-Match take, and malformed ones.
const ENTITY_TAGS = ["*", '"abc"', 'W/"abc"', '""', "abc", '*, "x"', '"a", W/"b"', 'W/""', '"' + "e".repeat(500) + '"'];

/** Header values in printable ASCII, because a header value cannot contain CR, LF or NUL at all. */
function headerText(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string({ unit: "grapheme-ascii", maxLength: 60 }),
    fc.string({ unit: "grapheme-ascii", minLength: 1000, maxLength: 4000 }),
  );
}

/**
 * Headers other than Authorization and Content-Type, each present only sometimes. The API
 * may ignore Idempotency-Key, If-Match and If-None-Match today. They are sent so that the
 * suite covers them once they take effect.
 */
export function optionalHeaders(): fc.Arbitrary<Record<string, string>> {
  return fc.record(
    {
      "Idempotency-Key": fc.oneof(fc.uuid(), headerText()),
      "If-Match": fc.oneof(fc.constantFrom(...ENTITY_TAGS), headerText()),
      "If-None-Match": fc.oneof(fc.constantFrom(...ENTITY_TAGS), headerText()),
      Accept: fc.constantFrom("application/json", "text/html", "*/*", "application/xml", "application/json;q=0"),
      "X-Request-Id": fc.oneof(fc.uuid(), headerText()),
      "Accept-Encoding": fc.constantFrom("gzip", "br", "identity;q=0", "*"),
    },
    { requiredKeys: [] },
  );
}

/** Content-Length values that disagree with the body: negative, not a number, larger than any body. */
export const LYING_CONTENT_LENGTHS = ["0", "-1", "abc", "1e3", "99999999999999999999", "16385", " 12"];

// ---------------------------------------------------------------------------------------
// Methods

// Methods that workerd's Request constructor accepts (it rejects unknown ones such as FOO),
// in upper case and in other cases, which the Fetch standard normalizes only for DELETE,
// GET, HEAD, OPTIONS, POST and PUT.
export const HTTP_METHODS = [
  "GET",
  "HEAD",
  "POST",
  "PUT",
  "DELETE",
  "PATCH",
  "OPTIONS",
  "TRACE",
  "PURGE",
  "COPY",
  "LOCK",
  "MKCOL",
  "MOVE",
  "PROPFIND",
  "PROPPATCH",
  "SEARCH",
  "UNLOCK",
  "ACL",
  "REPORT",
  "MKACTIVITY",
  "CHECKOUT",
  "MERGE",
  "NOTIFY",
  "SUBSCRIBE",
  "UNSUBSCRIBE",
  "QUERY",
  "BAN",
  "get",
  "Get",
  "post",
  "patch",
  "pAtCh",
  "delete",
  "options",
  "head",
];

/** Tells whether a request with this method may carry a body. The Request constructor rejects one on GET and HEAD. */
export function methodAllowsBody(method: string): boolean {
  return !["GET", "HEAD"].includes(method.toUpperCase());
}
