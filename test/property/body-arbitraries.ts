import fc from "fast-check";

import { MAX_BODY_BYTES } from "../../src/http/errors";
import { arbitraryForSchema, type FormatArbitraries } from "./schema-arbitraries";
import { resolveSchema, type JsonSchema, type OpenApiDocument } from "./openapi";
import { arbitraryText, longText } from "./request-arbitraries";

// Arbitraries for request bodies. Each body is labelled with what it breaks, so that a
// property can expect a status. "valid" bodies match the operation's schema, "invalid" ones
// are JSON that breaks it, "malformed" ones are no JSON at all, and "oversized" ones exceed
// the size limit. "unspecified" bodies are those that JSON allows parsers to read either way.

export type BodyKind = "valid" | "invalid" | "malformed" | "oversized" | "unspecified";

export interface GeneratedBody {
  kind: BodyKind;
  body: string | Uint8Array;
}

const encoder = new TextEncoder();

export function byteLength(body: string | Uint8Array): number {
  return typeof body === "string" ? encoder.encode(body).byteLength : body.byteLength;
}

/** JSON bodies that match a request schema. */
export function validBody(
  schema: JsonSchema,
  document: OpenApiDocument,
  formats: FormatArbitraries,
): fc.Arbitrary<GeneratedBody> {
  return arbitraryForSchema(schema, document, formats).map((value) => ({
    kind: "valid" as const,
    body: JSON.stringify(value),
  }));
}

/**
 * Valid bodies padded with whitespace to an exact size around the limit: the last size the
 * API must read and the first it must reject. Whitespace keeps the JSON valid.
 */
export function bodyAtSizeLimit(
  schema: JsonSchema,
  document: OpenApiDocument,
  formats: FormatArbitraries,
): fc.Arbitrary<GeneratedBody> {
  return fc
    .tuple(
      arbitraryForSchema(schema, document, formats),
      fc.constantFrom(MAX_BODY_BYTES - 1, MAX_BODY_BYTES, MAX_BODY_BYTES + 1),
    )
    .map(([value, size]) => {
      const json = JSON.stringify(value);
      const body = `${json}${" ".repeat(Math.max(0, size - byteLength(json)))}`;
      return { kind: byteLength(body) > MAX_BODY_BYTES ? ("oversized" as const) : ("valid" as const), body };
    });
}

/** JSON values of a type other than the schema's, for one field or the whole body. */
function valueOfAnotherType(schema: JsonSchema): fc.Arbitrary<unknown> {
  const types: string[] = Array.isArray(schema.type) ? schema.type : [schema.type];
  const candidates: [string, fc.Arbitrary<unknown>][] = [
    ["null", fc.constant(null)],
    ["boolean", fc.boolean()],
    ["number", fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }))],
    ["string", fc.string()],
    ["array", fc.array(fc.jsonValue(), { maxLength: 3 })],
    ["object", fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 3 })],
  ];
  // An integer is a number too, so a schema of either type gets no number here.
  const excluded = new Set(types.flatMap((type) => (type === "integer" || type === "number" ? ["number"] : [type])));
  return fc.oneof(...candidates.filter(([type]) => !excluded.has(type)).map(([, arbitrary]) => arbitrary));
}

function allowsNull(schema: JsonSchema): boolean {
  return Array.isArray(schema.type) ? schema.type.includes("null") : schema.type === "null";
}

/**
 * JSON bodies that break an object schema in exactly one way. The breakages are a field of
 * the wrong type, a null field, a field that the schema does not declare, a required field
 * left out, and a body that is not an object at all. A `oneOf` body breaks one of its variants.
 */
export function invalidBody(
  schema: JsonSchema,
  document: OpenApiDocument,
  formats: FormatArbitraries,
): fc.Arbitrary<GeneratedBody> {
  const resolved = resolveSchema(schema, document);
  if (Array.isArray(resolved.oneOf)) {
    return fc.oneof(...resolved.oneOf.map((variant: JsonSchema) => invalidBody(variant, document, formats)));
  }
  const properties: Record<string, JsonSchema> = resolved.properties ?? {};
  const required: string[] = resolved.required ?? [];
  const valid = arbitraryForSchema(schema, document, formats) as fc.Arbitrary<Record<string, unknown>>;
  const names = Object.keys(properties);

  const breakages: fc.Arbitrary<unknown>[] = [valueOfAnotherType(resolved)];
  if (names.length > 0) {
    breakages.push(
      fc
        .tuple(valid, fc.constantFrom(...names))
        .chain(([value, name]) =>
          valueOfAnotherType(resolveSchema(properties[name]!, document)).map((wrong) => ({ ...value, [name]: wrong })),
        ),
    );
  }
  const nonNullable = names.filter((name) => !allowsNull(resolveSchema(properties[name]!, document)));
  if (nonNullable.length > 0) {
    breakages.push(
      fc.tuple(valid, fc.constantFrom(...nonNullable)).map(([value, name]) => ({ ...value, [name]: null })),
    );
  }
  if (resolved.additionalProperties === false) {
    const unknownName = fc.oneof(
      fc.constantFrom("__proto__", "constructor", "id", "status", "assignee"),
      fc.string({ minLength: 1 }),
    );
    breakages.push(
      fc
        .tuple(
          valid,
          unknownName.filter((name) => !names.includes(name)),
          fc.jsonValue(),
        )
        // defineProperty, because assigning __proto__ would set the prototype instead of a field.
        .map(([value, name, extra]) => Object.defineProperty({ ...value }, name, { value: extra, enumerable: true })),
    );
  }
  if (required.length > 0) {
    breakages.push(
      fc.tuple(valid, fc.constantFrom(...required)).map(([value, name]) => {
        const { [name]: _removed, ...rest } = value;
        return rest;
      }),
    );
  }
  return fc.oneof(...breakages).map((value) => ({ kind: "invalid" as const, body: JSON.stringify(value) }));
}

/** Arrays or objects nested to a depth that recursive parsers and validators may not survive. */
function deeplyNested(fieldName: string): fc.Arbitrary<string> {
  return fc
    .tuple(fc.integer({ min: 64, max: 3_000 }), fc.constantFrom("array", "object", "field"))
    .map(([depth, shape]) => {
      switch (shape) {
        case "array":
          return `${"[".repeat(depth)}${"]".repeat(depth)}`;
        case "object":
          return `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
        default:
          return `{${JSON.stringify(fieldName)}:${"[".repeat(depth)}${"]".repeat(depth)}}`;
      }
    });
}

function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Text that is almost JSON: cut short, trailing data, comments, and quotes and literals that JSON lacks. */
function almostJson(
  schema: JsonSchema,
  document: OpenApiDocument,
  formats: FormatArbitraries,
  fieldName: string,
): fc.Arbitrary<string> {
  return fc
    .tuple(arbitraryForSchema(schema, document, formats), fc.nat())
    .chain(([value, cut]) => {
      const json = JSON.stringify(value);
      return fc.constantFrom(
        json.slice(0, cut % Math.max(1, json.length)),
        `${json}x`,
        `${json}${json}`,
        `/* note */${json}`,
        json.replaceAll('"', "'"),
        "NaN",
        `{${fieldName}: 1}`,
        "",
      );
    })
    .filter((text) => !parsesAsJson(text));
}

/**
 * Valid JSON behind a byte order mark. RFC 8259 lets a parser ignore the mark or reject
 * the text, and the Fetch standard's JSON reading drops it, so no status is expected.
 */
function jsonAfterByteOrderMark(
  schema: JsonSchema,
  document: OpenApiDocument,
  formats: FormatArbitraries,
): fc.Arbitrary<string> {
  return arbitraryForSchema(schema, document, formats).map((value) => `\ufeff${JSON.stringify(value)}`);
}

function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const bytes = new Uint8Array(parts.reduce((total, part) => total + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.byteLength;
  }
  return bytes;
}

// Byte sequences that are not UTF-8: a lone continuation byte, an overlong slash, an
// encoded surrogate, a cut-off sequence, bytes that never occur, a UTF-16 byte order mark.
const INVALID_UTF8 = [
  [0x80],
  [0xc0, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xe2, 0x82],
  [0xff],
  [0xfe],
  [0xff, 0xfe],
  [0xf8, 0x88, 0x80, 0x80, 0x80],
];

function invalidUtf8Bytes(): fc.Arbitrary<Uint8Array> {
  return fc.constantFrom(...INVALID_UTF8).map((bytes) => Uint8Array.from(bytes));
}

/** Bodies that end in bytes that are not UTF-8, which no decoding turns into JSON. */
function invalidUtf8(): fc.Arbitrary<Uint8Array> {
  return fc
    .tuple(invalidUtf8Bytes(), fc.uint8Array({ maxLength: 64 }))
    .map(([bytes, noise]) => concatBytes(noise, bytes));
}

/**
 * JSON bodies with bytes that are not UTF-8 inside a string. The Fetch standard decodes a
 * body with U+FFFD in place of such bytes, so the API reads valid JSON. Whether the field
 * then accepts the string depends on its schema, so no status is expected for these.
 */
function invalidUtf8InString(fieldName: string): fc.Arbitrary<Uint8Array> {
  return invalidUtf8Bytes().map((bytes) =>
    concatBytes(encoder.encode(`{${JSON.stringify(fieldName)}:"`), bytes, encoder.encode('"}')),
  );
}

/**
 * Bodies that are not JSON, JSON nested past what parsers handle, non-UTF-8 bytes and
 * bodies over the size limit, by characters or only by bytes.
 */
export function hostileBody(
  schema: JsonSchema | undefined,
  document: OpenApiDocument,
  formats: FormatArbitraries,
): fc.Arbitrary<GeneratedBody> {
  const objectSchema = schema ?? { type: "object" };
  // A field the schema declares, so that its value, not an unknown field, is what breaks the body.
  const fieldName = Object.keys(resolveSchema(objectSchema, document).properties ?? {})[0] ?? "value";
  const sized = (body: string | Uint8Array, fallback: BodyKind): GeneratedBody => ({
    kind: byteLength(body) > MAX_BODY_BYTES ? "oversized" : fallback,
    body,
  });

  return fc.oneof(
    arbitraryText().map((text) => sized(text, "malformed")),
    almostJson(objectSchema, document, formats, fieldName).map((text) => sized(text, "malformed")),
    jsonAfterByteOrderMark(objectSchema, document, formats).map((text) => sized(text, "unspecified")),
    // Nested JSON is valid JSON, only not an object of the schema's shape.
    deeplyNested(fieldName).map((text) => sized(text, "invalid")),
    invalidUtf8().map((bytes) => sized(bytes, "malformed")),
    invalidUtf8InString(fieldName).map((bytes) => sized(bytes, "unspecified")),
    // Text past the limit in characters, or under it in characters but past it in UTF-8 bytes.
    longText().map((text) => sized(JSON.stringify({ [fieldName]: text.repeat(3) }), "invalid")),
    fc
      .integer({ min: MAX_BODY_BYTES / 2 - 100, max: MAX_BODY_BYTES / 2 + 100 })
      .map((count) => sized(JSON.stringify({ [fieldName]: "é".repeat(count) }), "invalid")),
  );
}
