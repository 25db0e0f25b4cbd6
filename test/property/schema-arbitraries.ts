import fc from "fast-check";

import { resolveSchema, type JsonSchema, type OpenApiDocument } from "./openapi";

/**
 * Arbitraries for string formats. Without one for a format, a schema's strings are free
 * text, which would make most generated ids and timestamps invalid.
 */
export type FormatArbitraries = Record<string, fc.Arbitrary<string>>;

// Arrays without maxItems stay short, because a long valid array would slow every request
// down. Arrays with maxItems go up to it, since the API's bounds on query parameters sit there.
const DEFAULT_MAX_ITEMS = 5;

/** Merges `allOf` parts into one schema, as the document uses them to add a description to a reference. */
function flattenSchema(schema: JsonSchema, document: OpenApiDocument): JsonSchema {
  const resolved = resolveSchema(schema, document);
  if (!Array.isArray(resolved.allOf)) {
    return resolved;
  }
  const { allOf, ...rest } = resolved;
  return Object.assign({}, ...allOf.map((part: JsonSchema) => flattenSchema(part, document)), rest);
}

function arbitraryForType(
  type: string,
  schema: JsonSchema,
  document: OpenApiDocument,
  formats: FormatArbitraries,
): fc.Arbitrary<unknown> {
  switch (type) {
    case "null":
      return fc.constant(null);
    case "boolean":
      return fc.boolean();
    case "integer": {
      // Half the values lie near the minimum, because a page number far past the end of a
      // small data set returns nothing whose content could be checked.
      const min = schema.minimum ?? -(2 ** 31);
      const max = schema.maximum ?? 2 ** 31 - 1;
      return fc.oneof(fc.integer({ min, max: Math.min(max, min + 10) }), fc.integer({ min, max }));
    }
    case "number":
      return fc.double({ min: schema.minimum, max: schema.maximum, noNaN: true, noDefaultInfinity: true });
    case "string": {
      const format = typeof schema.format === "string" ? formats[schema.format] : undefined;
      const minLength = schema.minLength ?? 0;
      const maxLength = schema.maxLength ?? 20;
      if (format === undefined && typeof schema.pattern === "string") {
        return fc
          .stringMatching(new RegExp(schema.pattern))
          .filter((text) => text.length >= minLength && text.length <= maxLength);
      }
      return format ?? fc.string({ minLength, maxLength });
    }
    case "array": {
      const items = schema.items === undefined ? fc.jsonValue() : arbitraryForSchema(schema.items, document, formats);
      const minLength = schema.minItems ?? 0;
      const maxLength = Math.max(minLength, schema.maxItems ?? DEFAULT_MAX_ITEMS);
      // Unique by JSON text in lower case, because the API compares ids in any letter case.
      return schema.uniqueItems === true
        ? fc.uniqueArray(items, { minLength, maxLength, selector: (item) => JSON.stringify(item).toLowerCase() })
        : fc.array(items, { minLength, maxLength });
    }
    case "object": {
      const properties: Record<string, JsonSchema> = schema.properties ?? {};
      const shape = Object.fromEntries(
        Object.entries(properties).map(([name, property]) => [name, arbitraryForSchema(property, document, formats)]),
      );
      return fc.record(shape, { requiredKeys: schema.required ?? [] });
    }
    default:
      throw new Error(`No arbitrary for JSON Schema type ${type}.`);
  }
}

/**
 * Builds an arbitrary of values that are valid against a schema of the document. It covers
 * the keywords the document uses (`$ref`, `allOf`, `oneOf`, `enum`, `type`, `format`, bounds,
 * `uniqueItems` and `required`) and throws on a type it does not know, so a new kind of
 * schema fails loudly. A `oneOf` yields values of each variant in turn; the document's
 * variants differ in a discriminator, so a value of one never matches another.
 */
export function arbitraryForSchema(
  schema: JsonSchema,
  document: OpenApiDocument,
  formats: FormatArbitraries,
): fc.Arbitrary<unknown> {
  const flat = flattenSchema(schema, document);

  if (Array.isArray(flat.oneOf)) {
    return fc.oneof(...flat.oneOf.map((variant: JsonSchema) => arbitraryForSchema(variant, document, formats)));
  }
  if (Array.isArray(flat.enum)) {
    return fc.constantFrom(...flat.enum);
  }
  const types: string[] = Array.isArray(flat.type) ? flat.type : [flat.type ?? "object"];
  return fc.oneof(...types.map((type) => arbitraryForType(type, flat, document, formats)));
}

/** Returns the schema of a query parameter with references and `allOf` merged. */
export function flatParameterSchema(schema: JsonSchema, document: OpenApiDocument): JsonSchema {
  const flat = flattenSchema(schema, document);
  return flat.items === undefined ? flat : { ...flat, items: flattenSchema(flat.items, document) };
}

/**
 * Serializes a query parameter value in the form style with explode, the default of
 * OpenAPI for query parameters: an array becomes the parameter repeated once per item.
 */
export function serializeQueryValue(name: string, value: unknown): [string, string][] {
  const values = Array.isArray(value) ? value : [value];
  return values.map((item) => [name, String(item)]);
}
