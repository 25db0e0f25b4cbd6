import { type D1Target, parseD1Target } from "../d1-target";
import { parseFlags } from "../parse-flags";
import { UsageError } from "../usage-error";
import { IMPORT_FILES, type ImportKind } from "./ndjson-schemas";

export const IMPORT_USAGE = `Usage:
  npm run import -- --dir <folder> [--dry-run]
  npm run import -- [--organizations <file>] [--users <file>] [--sequence-templates <file>]
                    [--sequences <file>] [--tasks <file>] [--messages <file>] [--dry-run]

Options:
  --dir          a folder with any of ${IMPORT_FILES.map((file) => file.fileName).join(", ")}
  --<kind>       one file of that kind, in place of --dir
  --dry-run      validate everything against the database, then stop without writing
  --remote --env staging|production
                 use that environment's deployed database instead of the local one

The README's "Import data" section describes the line format of each file.`;

export type ImportCommand =
  | { action: "help" }
  | {
      action: "import";
      target: D1Target;
      dryRun: boolean;
      directory: string | null;
      files: Partial<Record<ImportKind, string>>;
    };

/**
 * Parses the arguments of `npm run import`.
 * @throws UsageError on an unknown option, or when both or neither of --dir and file options are given.
 */
export function parseImportCommand(argv: readonly string[]): ImportCommand {
  if (argv.length === 0 || argv.includes("--help") || argv.includes("-h") || argv[0] === "help") {
    return { action: "help" };
  }

  const fileFlags = Object.fromEntries(IMPORT_FILES.map((file) => [file.flag, "value" as const]));
  const { values, positionals } = parseFlags(argv, {
    remote: "switch",
    env: "value",
    dir: "value",
    "dry-run": "switch",
    ...fileFlags,
  });
  if (positionals.length > 0) {
    throw new UsageError(
      `Unexpected argument ${JSON.stringify(positionals[0])}; name the input with --dir or the file options.`,
    );
  }

  const files: Partial<Record<ImportKind, string>> = {};
  for (const file of IMPORT_FILES) {
    const path = values.get(file.flag);
    if (path !== undefined) {
      files[file.kind] = path;
    }
  }

  const directory = values.get("dir") ?? null;
  const fileCount = Object.keys(files).length;
  if (directory !== null && fileCount > 0) {
    throw new UsageError("Give either --dir or file options such as --tasks, not both.");
  }
  if (directory === null && fileCount === 0) {
    throw new UsageError("Name the input: --dir <folder>, or one or more file options such as --tasks <file>.");
  }

  return { action: "import", target: parseD1Target(values), dryRun: values.has("dry-run"), directory, files };
}

/**
 * Picks the import files among the names in a folder. Other .ndjson names are rejected,
 * because a misspelled file name would otherwise be skipped without notice.
 * @throws UsageError when a .ndjson name is unknown or no import file is present.
 */
export function selectDirectoryFiles(directory: string, names: readonly string[]): Partial<Record<ImportKind, string>> {
  const known = new Map<string, ImportKind>(IMPORT_FILES.map((file) => [file.fileName, file.kind]));
  const unknown = names.filter((name) => name.endsWith(".ndjson") && !known.has(name));
  if (unknown.length > 0) {
    throw new UsageError(
      `Unknown import file${unknown.length === 1 ? "" : "s"} ${unknown.join(", ")} in ${directory}; ` +
        `expected only ${[...known.keys()].join(", ")}.`,
    );
  }

  const files: Partial<Record<ImportKind, string>> = {};
  for (const name of names) {
    const kind = known.get(name);
    if (kind !== undefined) {
      files[kind] = name;
    }
  }
  if (Object.keys(files).length === 0) {
    throw new UsageError(`${directory} contains none of ${[...known.keys()].join(", ")}.`);
  }
  return files;
}
