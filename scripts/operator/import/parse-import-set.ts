import { emptyImportSet, type ImportSet } from "./import-set";
import { IMPORT_FILES, type ImportKind } from "./ndjson-schemas";
import { type LineError, parseNdjson } from "./parse-ndjson";

/** One import file's text, with the name that its errors show. */
export interface ImportFileText {
  kind: ImportKind;
  label: string;
  text: string;
}

/**
 * Parses and validates every line of every file, and collects all the errors, so one run
 * reports every bad line. `progressFor` may return a progress callback per file.
 */
export function parseImportSet(
  files: readonly ImportFileText[],
  progressFor?: (label: string) => (done: number, total: number) => void,
): { set: ImportSet; errors: LineError[] } {
  const set = emptyImportSet();
  const errors: LineError[] = [];

  for (const file of files) {
    const { schema } = IMPORT_FILES.find((candidate) => candidate.kind === file.kind)!;
    const parsed = parseNdjson(file.label, file.text, schema, progressFor?.(file.label));
    (set[file.kind] as unknown[]).push(...parsed.rows);
    errors.push(...parsed.errors);
  }
  return { set, errors };
}
