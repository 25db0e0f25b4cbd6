import type { z } from "zod";

/** A rejected input line: the file, the 1-based line number and why. */
export interface LineError {
  file: string;
  line: number;
  message: string;
}

/** A valid row with the place it came from, for reference errors found later. */
export interface Located<Row> {
  file: string;
  line: number;
  row: Row;
}

export interface ParsedFile<Row> {
  rows: Located<Row>[];
  errors: LineError[];
}

export function formatLineError(error: LineError): string {
  return `${error.file}:${error.line}: ${error.message}`;
}

/**
 * Parses NDJSON text: one JSON object per line, each checked against the schema. Blank
 * lines are skipped, so a trailing newline is fine. Every bad line is reported, not just
 * the first. `onLine` is called after each line with the number of lines done and the total.
 */
export function parseNdjson<Schema extends z.ZodType>(
  file: string,
  text: string,
  schema: Schema,
  onLine?: (done: number, total: number) => void,
): ParsedFile<z.output<Schema>> {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  // The newline that ends the last line starts no line of its own.
  if (lines.length > 1 && lines.at(-1) === "") {
    lines.pop();
  }
  const rows: Located<z.output<Schema>>[] = [];
  const errors: LineError[] = [];

  lines.forEach((content, index) => {
    const line = index + 1;
    onLine?.(line, lines.length);
    if (content.trim() === "") {
      return;
    }

    let value: unknown;
    try {
      value = JSON.parse(content);
    } catch (error) {
      errors.push({ file, line, message: `invalid JSON: ${(error as Error).message}` });
      return;
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      errors.push({ file, line, message: "expected a JSON object" });
      return;
    }

    // reportInput keeps each issue's input, which distinguishes a missing field from a wrong one.
    const result = schema.safeParse(value, { reportInput: true });
    if (result.success) {
      rows.push({ file, line, row: result.data });
    } else {
      for (const issue of result.error.issues) {
        errors.push({ file, line, message: describeIssue(issue) });
      }
    }
  });

  return { rows, errors };
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === "unrecognized_keys") {
    return `unknown field${issue.keys.length === 1 ? "" : "s"} ${issue.keys.join(", ")}`;
  }
  const field = issue.path.map(String).join(".");
  if (issue.code === "invalid_type" && issue.input === undefined) {
    return `${field}: is required`;
  }
  return field === "" ? issue.message : `${field}: ${issue.message}`;
}
