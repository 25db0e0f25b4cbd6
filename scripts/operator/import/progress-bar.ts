/** Width of the bar in characters, not counting the label and the counts. */
const BAR_WIDTH = 30;
/** Minimum time between two redraws, in milliseconds, so a fast loop is not slowed by terminal output. */
const REDRAW_INTERVAL_MS = 100;

/** Renders one line such as "tasks.ndjson [#########.....]  45% 4,500/10,000 lines". */
export function renderProgressBar(label: string, done: number, total: number): string {
  const fraction = total <= 0 ? 1 : Math.min(done / total, 1);
  const filled = Math.round(fraction * BAR_WIDTH);
  const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
  const counts = `${done.toLocaleString("en-US")}/${total.toLocaleString("en-US")} lines`;
  return `${label} [${"#".repeat(filled)}${".".repeat(BAR_WIDTH - filled)}] ${percent} ${counts}`;
}

/** The stream a progress bar draws on: process.stderr, or a fake one in tests. */
export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

/**
 * Returns a callback that redraws the bar in place on a terminal. On anything else, such
 * as a log file, it writes only the finished line, so logs do not fill with redraws.
 */
export function createProgressBar(label: string, stream: ProgressStream, now: () => number = Date.now) {
  let lastDrawn = Number.NEGATIVE_INFINITY;

  return (done: number, total: number): void => {
    const finished = done >= total;
    if (stream.isTTY) {
      if (finished || now() - lastDrawn >= REDRAW_INTERVAL_MS) {
        lastDrawn = now();
        stream.write(`\r${renderProgressBar(label, done, total)}${finished ? "\n" : ""}`);
      }
    } else if (finished) {
      stream.write(`${renderProgressBar(label, done, total)}\n`);
    }
  };
}
