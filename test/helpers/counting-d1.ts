import { env } from "cloudflare:test";

/** A D1 binding that counts the round trips a request makes: each batch or statement run is one. */
export interface CountingD1 {
  binding: D1Database;
  /** The SQL of each round trip, a batch as its statements joined by " ; ". */
  calls: string[];
}

const RUNNING_METHODS = new Set(["all", "raw", "run", "first"]);

export function createCountingD1(d1: D1Database = env.DB): CountingD1 {
  const calls: string[] = [];
  // batch() takes only real statements, so each wrapper remembers the one it wraps.
  const wrapped = new WeakMap<object, { statement: D1PreparedStatement; sql: string }>();

  function wrap(statement: D1PreparedStatement, sql: string): D1PreparedStatement {
    const wrapper = new Proxy(statement, {
      get(target, property) {
        if (property === "bind") {
          return (...values: unknown[]) => wrap(target.bind(...values), sql);
        }
        const value = Reflect.get(target, property, target);
        if (typeof value === "function" && RUNNING_METHODS.has(String(property))) {
          return (...args: unknown[]) => {
            calls.push(sql);
            return value.apply(target, args);
          };
        }
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    wrapped.set(wrapper, { statement, sql });
    return wrapper;
  }

  const binding = new Proxy(d1, {
    get(target, property) {
      if (property === "prepare") {
        return (sql: string) => wrap(target.prepare(sql), sql);
      }
      if (property === "batch") {
        return (statements: D1PreparedStatement[]) => {
          calls.push(statements.map((statement) => wrapped.get(statement)?.sql ?? "?").join(" ; "));
          return target.batch(statements.map((statement) => wrapped.get(statement)?.statement ?? statement));
        };
      }
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });

  return { binding, calls };
}
