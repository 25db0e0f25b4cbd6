/** The D1 usage of one request: round trips, time spent in them, and rows read and written. */
export interface D1Usage {
  calls: number;
  durationMs: number;
  rowsRead: number;
  rowsWritten: number;
}

export function emptyD1Usage(): D1Usage {
  return { calls: 0, durationMs: 0, rowsRead: 0, rowsWritten: 0 };
}

function addRows(usage: D1Usage, meta: D1Meta | undefined): void {
  usage.rowsRead += meta?.rows_read ?? 0;
  usage.rowsWritten += meta?.rows_written ?? 0;
}

/** Runs one round trip to D1 and adds its time to `usage`. */
async function timed<Result>(usage: D1Usage, roundTrip: () => Promise<Result>): Promise<Result> {
  const startedAt = performance.now();
  usage.calls += 1;
  try {
    return await roundTrip();
  } finally {
    usage.durationMs += performance.now() - startedAt;
  }
}

/**
 * Wraps a D1 binding so that every round trip adds to `usage`. D1 reports rows read only
 * with all() and run(), so raw() is served through all(), turning each row object into its
 * values in column order. That is also how Drizzle reads batch results, and it needs the
 * selected column names to be distinct, which every query of the API ensures.
 */
export function measureD1(d1: D1Database, usage: D1Usage): D1Database {
  // batch() accepts only the binding's own statements, so each wrapper remembers its statement.
  const statements = new WeakMap<object, D1PreparedStatement>();

  async function runAll<Row>(statement: D1PreparedStatement): Promise<D1Result<Row>> {
    const result = await timed(usage, () => statement.all<Row>());
    addRows(usage, result.meta);
    return result;
  }

  function wrap(statement: D1PreparedStatement): D1PreparedStatement {
    const wrapper: D1PreparedStatement = Object.assign(Object.create(statement) as D1PreparedStatement, {
      bind: (...values: unknown[]) => wrap(statement.bind(...values)),
      all: <Row>() => runAll<Row>(statement),
      raw: async (options?: { columnNames?: boolean }) => {
        const { results } = await runAll<Record<string, unknown>>(statement);
        const rows = results.map((row) => Object.values(row));
        const columns = Object.keys(results[0] ?? {});
        return (options?.columnNames ? [columns, ...rows] : rows) as never;
      },
      first: async <Row>(column?: string) => {
        const { results } = await runAll<Record<string, unknown>>(statement);
        const row = results[0];
        if (row === undefined) {
          return null;
        }
        return (column === undefined ? row : row[column]) as Row;
      },
      run: async <Row>() => {
        const result = await timed(usage, () => statement.run<Row>());
        addRows(usage, result.meta);
        return result;
      },
    });
    statements.set(wrapper, statement);
    return wrapper;
  }

  return Object.assign(Object.create(d1) as D1Database, {
    prepare: (query: string) => wrap(d1.prepare(query)),
    batch: async <Row>(batch: D1PreparedStatement[]) => {
      const unwrapped = batch.map((statement) => statements.get(statement) ?? statement);
      const results = await timed(usage, () => d1.batch<Row>(unwrapped));
      for (const result of results) {
        addRows(usage, result.meta);
      }
      return results;
    },
    exec: (query: string) => d1.exec(query),
  });
}

/** Formats the usage as a Server-Timing header value. */
export function serverTimingOf(usage: D1Usage): string {
  return [
    `d1;dur=${usage.durationMs.toFixed(1)}`,
    `d1-calls;desc=${usage.calls}`,
    `d1-rows-read;desc=${usage.rowsRead}`,
    `d1-rows-written;desc=${usage.rowsWritten}`,
  ].join(", ");
}
