import type pg from "pg";

/**
 * The pool graphile-worker uses for its own bookkeeping (get, complete and
 * fail jobs), wrapped so that `connect()` waits out a database restart
 * instead of failing at once.
 *
 * Why: graphile-worker 0.17 treats a failure to record a job's completion or
 * failure as fatal ("Failed to release job … committing seppuku"): the whole
 * worker pool shuts down and the process dies, and the job stays locked until
 * a sweeper releases it. A job that finishes while Postgres restarts hit
 * exactly that (worker/pg-restart.int.test.ts, scenario "inflight").
 *
 * Only connection-level errors are retried (the server is unreachable or
 * restarting), with backoff, for up to `patienceMs`; anything else, and the
 * callback form of connect() (graphile-worker's LISTEN client reconnects by
 * itself), goes straight through.
 */
const RETRYABLE = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "57P01", "57P02", "57P03"]);

export function patientPool(pool: pg.Pool, options: { patienceMs?: number } = {}): pg.Pool {
  const patienceMs = options.patienceMs ?? 60_000;
  async function connectPatiently(): Promise<pg.PoolClient> {
    const deadline = Date.now() + patienceMs;
    for (let delay = 100; ; delay = Math.min(delay * 2, 2_000)) {
      try {
        return await pool.connect();
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (!code || !RETRYABLE.has(code) || Date.now() + delay > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }
  return new Proxy(pool, {
    get(target, property) {
      if (property === "connect") {
        return (callback?: (...args: unknown[]) => void) =>
          callback ? (target.connect as (cb: unknown) => void)(callback) : connectPatiently();
      }
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
