import type { Context } from "hono";
import type { z } from "zod";

import { ApiError } from "./errors";

type Target = "query" | "param" | "json" | "header" | "cookie" | "form";

const LOCATION_OF_TARGET: Record<Target, string> = {
  query: "query",
  param: "path",
  json: "body",
  header: "header",
  cookie: "cookie",
  form: "body",
};

/** One offending input, as the error body's `data.issues` lists it. */
export interface ValidationIssueDetail {
  location: string;
  name: string;
  message: string;
  allowed_values?: readonly unknown[];
  minimum?: number | bigint;
  maximum?: number | bigint;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== "object") {
      return undefined;
    }
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

// A request can name thousands of unknown fields, and echoing all of them back would make
// the error larger than the request, so the details are capped.
const MAX_REPORTED_ISSUES = 20;
const MAX_REPORTED_NAME_LENGTH = 64;

function truncateName(name: string): string {
  return name.length > MAX_REPORTED_NAME_LENGTH ? `${name.slice(0, MAX_REPORTED_NAME_LENGTH)}…` : name;
}

function describeExpectedType(expected: string): string {
  switch (expected) {
    case "int":
      return "must be an integer";
    case "array":
    case "object":
      return `must be an ${expected}`;
    default:
      return `must be a ${expected}`;
  }
}

function describeSize(issue: z.core.$ZodIssueTooBig | z.core.$ZodIssueTooSmall): string {
  const isMinimum = issue.code === "too_small";
  const bound = isMinimum ? issue.minimum : issue.maximum;
  const relation = isMinimum ? "at least" : "at most";
  const plural = Number(bound) === 1 ? "" : "s";

  switch (issue.origin) {
    case "array":
    case "set":
      return `must have ${relation} ${bound} value${plural}`;
    case "string":
      return `must be ${relation} ${bound} character${plural} long`;
    default:
      return `must be ${relation} ${bound}`;
  }
}

function describeIssue(issue: z.core.$ZodIssue, input: unknown, location: string): ValidationIssueDetail[] {
  // A repeated query parameter is one name to the client, so the item index is left out.
  const path = location === "query" ? issue.path.slice(0, 1) : issue.path;
  const name = path.map(String).join(".");
  const value = valueAt(input, path);
  const detail = { location, name };

  if (issue.code === "unrecognized_keys") {
    const inputKind = location === "body" ? "field" : "parameter";
    return issue.keys.map((key) => ({
      location,
      name: truncateName(name === "" ? key : `${name}.${key}`),
      message: `is not a known ${inputKind}`,
    }));
  }
  if (value === undefined && issue.code === "invalid_type") {
    return [{ ...detail, message: "is required" }];
  }
  if (Array.isArray(value) && issue.path.length === 1 && location === "query" && issue.code !== "too_big") {
    return [{ ...detail, message: "must be given once" }];
  }

  switch (issue.code) {
    case "invalid_value":
      return [{ ...detail, message: `must be one of ${issue.values.join(", ")}`, allowed_values: issue.values }];
    case "invalid_type":
      return [{ ...detail, message: describeExpectedType(issue.expected) }];
    case "invalid_union":
      // A body that is a union of variants fails on its discriminating field, such as a bulk action's action.
      if (issue.discriminator !== undefined && "options" in issue && issue.options !== undefined) {
        const message = value === undefined ? "is required" : `must be one of ${issue.options.join(", ")}`;
        return [{ ...detail, message, allowed_values: issue.options }];
      }
      return [{ ...detail, message: issue.message }];
    case "too_small":
      return [{ ...detail, message: describeSize(issue), minimum: issue.minimum }];
    case "too_big":
      return [{ ...detail, message: describeSize(issue), maximum: issue.maximum }];
    default:
      return [{ ...detail, message: issue.message }];
  }
}

/** Builds the 400 ValidationIssue for zod issues found in one part of the request. */
export function validationError(issues: readonly z.core.$ZodIssue[], input: unknown, target: Target): ApiError {
  const location = LOCATION_OF_TARGET[target];
  const allDetails = issues.flatMap((issue) => describeIssue(issue, input, location));
  const details = allDetails.slice(0, MAX_REPORTED_ISSUES);
  const omitted = allDetails.length - details.length;
  const summary = details
    .map((detail) => (detail.name === "" ? detail.message : `${detail.name} ${detail.message}`))
    .concat(omitted > 0 ? [`and ${omitted} more`] : [])
    .join("; ");

  return new ApiError("validation", `Invalid ${location}: ${summary}.`, { data: { issues: details } });
}

/**
 * The validation hook of every route: failures become a ValidationIssue that names each
 * offending input, instead of the validator's raw output.
 */
export function validationHook(
  result: { success: boolean; error?: z.ZodError; data?: unknown; target: Target },
  _context: Context,
): void {
  if (!result.success && result.error) {
    throw validationError(result.error.issues, result.data, result.target);
  }
}
