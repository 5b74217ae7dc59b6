import pg from "pg";

/**
 * A pg Pool that never crashes the process on a dropped idle connection
 * (Postgres restart, embedded server shutting down first): the error is
 * reported once and the pool reconnects on next use.
 */
export function createPool(connectionString: string, options: { max?: number; name?: string } = {}): pg.Pool {
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10, application_name: options.name ?? "switchyard" });
  const report = (error: Error) =>
    console.warn(`${options.name ?? "switchyard"}: database connection lost (${error.message}); will reconnect on next use`);
  pool.on("error", report);
  // A checked-out client can also error (e.g. the server restarts mid-query).
  pool.on("connect", (client) => client.on("error", report));
  return pool;
}
