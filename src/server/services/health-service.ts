import type pg from "pg";

/**
 * What `GET /api/health` reports: whether the database answers, and each
 * worker's heartbeat. A worker is "alive" when it beat within
 * `staleAfterSeconds` (default: 3 missed beats at the default 5 s interval).
 */
export async function readHealth(pool: pg.Pool, staleAfterSeconds = 15) {
  const started = performance.now();
  try {
    const { rows } = await pool.query<{
      workerId: string;
      host: string;
      pid: number;
      concurrency: number;
      runningJobs: number;
      startedAt: Date;
      lastSeenAt: Date;
      ageSeconds: number;
    }>(
      `SELECT "workerId", host, pid, concurrency, "runningJobs", "startedAt", "lastSeenAt",
              EXTRACT(EPOCH FROM (now() - "lastSeenAt"))::float8 AS "ageSeconds"
         FROM "WorkerHeartbeat" ORDER BY "startedAt"`,
    );
    const workers = rows.map((r) => ({ ...r, alive: r.ageSeconds <= staleAfterSeconds }));
    const alive = workers.filter((w) => w.alive).length;
    return {
      status: alive > 0 ? ("ok" as const) : ("degraded" as const),
      database: { ok: true, latencyMs: Math.round(performance.now() - started) },
      workers: { alive, total: workers.length, list: workers },
    };
  } catch (error) {
    return {
      status: "down" as const,
      database: { ok: false, error: (error as Error).message },
      workers: { alive: 0, total: 0, list: [] },
    };
  }
}
