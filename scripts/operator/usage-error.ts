/**
 * An invalid command line or input file. The commands print its message and exit with
 * status 2, so scripts can tell bad input apart from a failed database call (status 1).
 */
export class UsageError extends Error {
  override name = "UsageError";
}
