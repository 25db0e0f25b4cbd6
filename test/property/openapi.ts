import { Validator, type Schema } from "@cfworker/json-schema";

// The parts of an OpenAPI 3.1 document that the property suite reads. The schemas in it are
// JSON Schema 2020-12, so they are typed loosely and handed to the validator as they are.

export type JsonSchema = Record<string, any>;

export interface OpenApiParameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  schema: JsonSchema;
  style?: string;
  explode?: boolean;
}

interface OpenApiMediaType {
  schema?: JsonSchema;
}

interface OpenApiOperation {
  operationId: string;
  parameters?: OpenApiParameter[];
  requestBody?: { required?: boolean; content: Record<string, OpenApiMediaType> };
  responses: Record<string, { content?: Record<string, OpenApiMediaType> }>;
  security?: Record<string, string[]>[];
}

export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, JsonSchema> };
}

/** One operation of the document, flattened for request generation. */
export interface Operation {
  operationId: string;
  /** Upper case, as sent on the wire. */
  method: string;
  /** The path template, such as /v1/tasks/{id}. */
  path: string;
  pathParameters: OpenApiParameter[];
  queryParameters: OpenApiParameter[];
  /** The JSON request body schema, when the operation declares one. */
  bodySchema: JsonSchema | undefined;
  bodyRequired: boolean;
  /** The scopes of the operation's security requirement, empty when any valid key may call it. */
  requiredScopes: string[];
  /** The JSON schema of each declared response, by status code. */
  responseSchemas: Map<number, JsonSchema | undefined>;
}

// The keys of a path item that contain operations. The others are parameters, servers and descriptions.
const OPERATION_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** Flattens the document's path items into one entry per operation. */
export function listOperations(document: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];

  for (const [path, pathItem] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(pathItem)) {
      if (!OPERATION_METHODS.includes(method)) {
        continue;
      }
      const parameters = operation.parameters ?? [];
      const responseSchemas = new Map<number, JsonSchema | undefined>();
      for (const [status, response] of Object.entries(operation.responses)) {
        responseSchemas.set(Number(status), response.content?.["application/json"]?.schema);
      }

      operations.push({
        operationId: operation.operationId,
        method: method.toUpperCase(),
        path,
        pathParameters: parameters.filter((parameter) => parameter.in === "path"),
        queryParameters: parameters.filter((parameter) => parameter.in === "query"),
        bodySchema: operation.requestBody?.content["application/json"]?.schema,
        bodyRequired: operation.requestBody?.required ?? false,
        requiredScopes: (operation.security ?? []).flatMap((requirement) => Object.values(requirement).flat()),
        responseSchemas,
      });
    }
  }
  return operations;
}

function templatePattern(path: string): RegExp {
  const segments = path
    .split("/")
    .map((segment) => (/^\{[^}]+\}$/.test(segment) ? "[^/]+" : segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
  return new RegExp(`^${segments.join("/")}$`);
}

function parameterCount(path: string): number {
  return path.split("/").filter((segment) => /^\{[^}]+\}$/.test(segment)).length;
}

/**
 * Finds the operations whose path template matches a request path. The path is compared as
 * the URL parser left it, still percent-encoded, so one encoded segment fills one parameter.
 * A literal segment outranks a parameter, as in the API's routing: /v1/tasks/bulk-actions
 * belongs to the bulk action alone, not to /v1/tasks/{id}.
 */
export function operationsAtPath(operations: readonly Operation[], pathname: string): Operation[] {
  const matching = operations.filter((operation) => templatePattern(operation.path).test(pathname));
  const fewest = Math.min(...matching.map((operation) => parameterCount(operation.path)));
  return matching.filter((operation) => parameterCount(operation.path) === fewest);
}

/** Resolves a local `$ref` into components/schemas and returns any other schema as it is. */
export function resolveSchema(schema: JsonSchema, document: OpenApiDocument): JsonSchema {
  const reference: unknown = schema.$ref;
  if (typeof reference !== "string") {
    return schema;
  }
  const name = reference.replace("#/components/schemas/", "");
  const resolved = document.components.schemas[name];
  if (resolved === undefined) {
    throw new Error(`The document has no schema ${reference}.`);
  }
  return resolveSchema(resolved, document);
}

/**
 * Copies a schema without its `example` and `examples` annotations. The validator indexes
 * every object under a schema and reads an `id` field in an example as a schema id, so two
 * examples of the same webhook would clash as duplicate ids. Examples constrain nothing.
 */
function withoutExamples(node: unknown, isPropertyMap = false): unknown {
  if (Array.isArray(node)) {
    return node.map((item) => withoutExamples(item));
  }
  if (node === null || typeof node !== "object") {
    return node;
  }
  // In a map of properties, a key is a field name, so a field named "example" stays.
  const entries = Object.entries(node).filter(([key]) => isPropertyMap || (key !== "example" && key !== "examples"));
  return Object.fromEntries(
    entries.map(([key, value]) => [key, withoutExamples(value, !isPropertyMap && key === "properties")]),
  );
}

/**
 * Builds a checker that validates values against schemas of the document. Each schema is
 * validated as the root of a copy of the document's components, so `#/components/schemas/…`
 * references resolve the way they do in the document itself.
 */
export function createSchemaChecker(document: OpenApiDocument) {
  const validators = new Map<JsonSchema, Validator>();

  return function validationErrors(schema: JsonSchema, value: unknown): string[] {
    let validator = validators.get(schema);
    if (validator === undefined) {
      // The copy without examples is also the validator's own, which it may annotate.
      const root = withoutExamples({ ...schema, components: document.components }) as Schema;
      validator = new Validator(root, "2020-12", false);
      validators.set(schema, validator);
    }
    const result = validator.validate(value);
    return result.valid ? [] : result.errors.map((error) => `${error.instanceLocation}: ${error.error}`);
  };
}
