import { UsageError } from "./usage-error";

/** The deployed environments of wrangler.toml, each with a D1 database of its own. */
export const DEPLOY_ENVIRONMENTS = ["staging", "production"] as const;
export type DeployEnvironment = (typeof DEPLOY_ENVIRONMENTS)[number];

/** The database a command reads and writes: the local one of `npm start`, or a deployed one. */
export type D1Target = { kind: "local" } | { kind: "remote"; environment: DeployEnvironment };

/**
 * Picks the database from the --remote and --env flags. The local database is the
 * default. A deployed database needs both --remote and --env, so no single flag, and no
 * missing one, sends a command to a remote database by accident.
 */
export function parseD1Target(values: ReadonlyMap<string, string>): D1Target {
  const remote = values.has("remote");
  const environment = values.get("env");

  if (!remote) {
    if (environment !== undefined) {
      throw new UsageError(
        `--env ${environment} selects a deployed database; add --remote to use it, or drop --env to use the local database.`,
      );
    }
    return { kind: "local" };
  }

  if (environment === undefined) {
    throw new UsageError(`--remote needs --env ${DEPLOY_ENVIRONMENTS.join("|")} to name the deployed database.`);
  }
  if (!DEPLOY_ENVIRONMENTS.includes(environment as DeployEnvironment)) {
    throw new UsageError(`Invalid --env ${environment}: expected one of ${DEPLOY_ENVIRONMENTS.join(", ")}.`);
  }
  return { kind: "remote", environment: environment as DeployEnvironment };
}

/** Returns the wrangler arguments that select the target database. */
export function wranglerTargetArgs(target: D1Target): string[] {
  return target.kind === "local" ? ["--local"] : ["--remote", "--env", target.environment];
}

/** Names the target database for messages, such as "the local database". */
export function describeTarget(target: D1Target): string {
  return target.kind === "local" ? "the local database" : `the ${target.environment} database`;
}
