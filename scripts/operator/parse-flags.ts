import { UsageError } from "./usage-error";

/** The flags a command accepts: a flag that takes a value, or a switch that does not. */
export type FlagSpec = Readonly<Record<string, "value" | "switch">>;

export interface ParsedFlags {
  /** Flag values by name without the leading dashes. A switch that is present has the value "true". */
  values: Map<string, string>;
  positionals: string[];
}

/**
 * Parses `--name value`, `--name=value` and `--switch` arguments. Unknown flags, a flag
 * given twice and a value flag without a value are a UsageError, so a misspelled option
 * never falls back to a default.
 */
export function parseFlags(argv: readonly string[], spec: FlagSpec): ParsedFlags {
  const values = new Map<string, string>();
  const positionals: string[] = [];

  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index]!;
    if (argument === "--") {
      positionals.push(...argv.slice(index + 1));
      break;
    }
    if (!argument.startsWith("--")) {
      positionals.push(argument);
      continue;
    }

    const equals = argument.indexOf("=");
    const name = argument.slice(2, equals === -1 ? undefined : equals);
    const kind = spec[name];
    if (kind === undefined) {
      const known = Object.keys(spec)
        .map((flag) => `--${flag}`)
        .join(", ");
      throw new UsageError(`Unknown option --${name}. Known options: ${known}.`);
    }
    if (values.has(name)) {
      throw new UsageError(`--${name} is given more than once.`);
    }

    if (kind === "switch") {
      if (equals !== -1) {
        throw new UsageError(`--${name} takes no value.`);
      }
      values.set(name, "true");
      continue;
    }

    let value: string | undefined;
    if (equals !== -1) {
      value = argument.slice(equals + 1);
    } else {
      value = argv[index + 1];
      index++;
    }
    if (value === undefined || value === "" || (equals === -1 && value.startsWith("--"))) {
      throw new UsageError(`--${name} needs a value.`);
    }
    values.set(name, value);
  }

  return { values, positionals };
}
