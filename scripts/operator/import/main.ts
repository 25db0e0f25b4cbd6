// `npm run import`: loads NDJSON files into the local D1 database, or into a deployed one
// with --remote --env staging|production. Every line is validated, and every reference
// checked, before anything is written; then the whole load runs as one SQL file.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

import { describeTarget } from "../d1-target";
import { UsageError } from "../usage-error";
import { executeD1File, queryD1, WranglerError } from "../wrangler-d1";
import { IMPORT_USAGE, type ImportCommand, parseImportCommand, selectDirectoryFiles } from "./import-command";
import { countLines, type ImportSet, resolveImport } from "./import-set";
import { importStatements, lookupStatements, packStatements, readExistingRows } from "./import-sql";
import { IMPORT_FILES } from "./ndjson-schemas";
import { formatLineError, type LineError } from "./parse-ndjson";
import { type ImportFileText, parseImportSet } from "./parse-import-set";
import { createProgressBar } from "./progress-bar";

/** Bytes of SQL per wrangler --command, below Linux's 128 KiB limit for one argument. */
const MAX_COMMAND_BYTES = 100_000;
/** Files with fewer lines than this are validated without a progress bar. */
const PROGRESS_BAR_MIN_LINES = 1_000;
/** The errors printed before the rest are only counted. */
const MAX_PRINTED_ERRORS = 500;

const PROJECT_ROOT = join(import.meta.dirname, "..", "..", "..");
const SQL_DIRECTORY = join(PROJECT_ROOT, ".wrangler", "state", "import");

function readImportFiles(command: Extract<ImportCommand, { action: "import" }>): ImportFileText[] {
  let paths = command.files;
  if (command.directory !== null) {
    let names: string[];
    try {
      names = readdirSync(command.directory);
    } catch (error) {
      throw new UsageError(`Failed to read the folder ${command.directory}: ${(error as Error).message}`);
    }
    paths = Object.fromEntries(
      Object.entries(selectDirectoryFiles(command.directory, names)).map(([kind, name]) => [
        kind,
        join(command.directory!, name),
      ]),
    );
  }

  const files: ImportFileText[] = [];
  for (const { kind } of IMPORT_FILES) {
    const path = paths[kind];
    if (path === undefined) {
      continue;
    }
    try {
      files.push({ kind, label: path, text: readFileSync(path, "utf8") });
    } catch (error) {
      throw new UsageError(`Failed to read ${path}: ${(error as Error).message}`);
    }
  }
  return files;
}

function reportErrors(errors: readonly LineError[]): void {
  for (const error of errors.slice(0, MAX_PRINTED_ERRORS)) {
    console.error(formatLineError(error));
  }
  if (errors.length > MAX_PRINTED_ERRORS) {
    console.error(`… and ${errors.length - MAX_PRINTED_ERRORS} more errors.`);
  }
  console.error(
    `${errors.length} error${errors.length === 1 ? "" : "s"}; nothing was written. Fix the lines above and run the import again.`,
  );
}

function lookUpExistingRows(command: Extract<ImportCommand, { action: "import" }>, set: ImportSet) {
  const rows: Record<string, unknown>[] = [];
  for (const sql of packStatements(lookupStatements(set), MAX_COMMAND_BYTES)) {
    for (const statementRows of queryD1(command.target, sql)) {
      rows.push(...statementRows);
    }
  }
  return readExistingRows(rows);
}

async function runImport(command: Extract<ImportCommand, { action: "import" }>): Promise<number> {
  const files = readImportFiles(command);
  const { set, errors } = parseImportSet(files, (label) => {
    const draw = createProgressBar(label, process.stderr);
    return (done, total) => {
      if (total >= PROGRESS_BAR_MIN_LINES) {
        draw(done, total);
      }
    };
  });
  if (errors.length > 0) {
    reportErrors(errors);
    return 2;
  }

  console.error(`Checking ${countLines(set)} rows against ${describeTarget(command.target)}.`);
  const resolved = resolveImport(set, lookUpExistingRows(command, set));
  if (resolved.rows === undefined) {
    reportErrors(resolved.errors);
    return 2;
  }

  const rows = resolved.rows;
  const summary = IMPORT_FILES.map(
    ({ kind, fileName }) => `${rows[kind].length} ${fileName.replace(".ndjson", "").replaceAll("_", " ")}`,
  ).join(", ");
  if (command.dryRun) {
    console.log(`Every line is valid; --dry-run, so nothing was written. The import would add ${summary}.`);
    return 0;
  }

  mkdirSync(SQL_DIRECTORY, { recursive: true });
  const file = resolve(SQL_DIRECTORY, `import-${Date.now()}.sql`);
  // PRAGMA optimize refreshes the index statistics after a bulk load, as the dataset loader does.
  writeFileSync(file, `${importStatements(rows).join("\n")}\nPRAGMA optimize;\n`);

  console.error(`Writing ${summary} to ${describeTarget(command.target)} in one transaction.`);
  try {
    executeD1File(command.target, file);
  } finally {
    rmSync(file, { force: true });
  }
  console.log(`Imported ${summary} into ${describeTarget(command.target)}.`);
  return 0;
}

try {
  const command = parseImportCommand(process.argv.slice(2));
  if (command.action === "help") {
    console.log(IMPORT_USAGE);
  } else {
    process.exitCode = await runImport(command);
  }
} catch (error) {
  if (error instanceof UsageError) {
    console.error(`Error: ${error.message}`);
    console.error("Run npm run import -- --help for the options.");
    process.exit(2);
  }
  if (error instanceof WranglerError) {
    console.error(`Error: ${error.message}`);
    console.error("Nothing was written: the import runs as one transaction.");
    process.exit(1);
  }
  throw error;
}
