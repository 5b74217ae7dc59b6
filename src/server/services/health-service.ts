import type pg from "pg";

/**
 * What `GET /api/health` reports: whether the database answers, each worker's
 * heartbeat, and the job queue. A worker is "alive" when it beat within
 * `staleAfterSeconds` (default: 3 missed beats at the default 5 s interval —
 * the same default as the workers' stale-worker sweeper, WORKER_STALE_SECONDS,
 * which releases a stale worker's jobs and deletes its row).
 *
 * `lockedJobs` per worker is read from graphile-worker's jobs table (jobs
 * whose `locked_by` is the worker's id), not sampled by the worker itself.
 * `jobs.orphaned` counts jobs locked by an id with no heartbeat row or a stale
 * one: non-zero for longer than a sweep interval means no live worker sweeps.
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
      ephemeral: boolean;
      startedAt: Date;
      lastSeenAt: Date;
      ageSeconds: number;
    }>(
      `SELECT "workerId", host, pid, concurrency, "runningJobs", ephemeral, "startedAt", "lastSeenAt",
              EXTRACT(EPOCH FROM (now() - "lastSeenAt"))::float8 AS "ageSeconds"
         FROM "WorkerHeartbeat" ORDER BY "startedAt"`,
    );
    const latencyMs = Math.round(performance.now() - started);
    const queue = await readQueue(pool);
    const workers = rows.map((r) => ({
      ...r,
      alive: r.ageSeconds <= staleAfterSeconds,
      lockedJobs: queue?.lockedBy.get(r.workerId) ?? 0,
    }));
    const alive = workers.filter((w) => w.alive).length;
    const aliveIds = new Set(workers.filter((w) => w.alive).map((w) => w.workerId));
    const orphaned = queue ? [...queue.lockedBy].filter(([id]) => !aliveIds.has(id)).reduce((n, [, c]) => n + c, 0) : null;
    return {
      status: alive > 0 ? ("ok" as const) : ("degraded" as const),
      database: { ok: true, latencyMs },
      workers: { alive, total: workers.length, list: workers },
      jobs: queue ? { ready: queue.ready, scheduled: queue.scheduled, locked: queue.locked, orphaned } : null,
    };
  } catch (error) {
    return {
      status: "down" as const,
      database: { ok: false, error: (error as Error).message },
      workers: { alive: 0, total: 0, list: [] },
      jobs: null,
    };
  }
}

/** graphile-worker's queue by state; null when its schema is not there (yet). */
async function readQueue(pool: pg.Pool) {
  try {
    const { rows } = await pool.query<{ lockedBy: string | null; ready: number; scheduled: number; locked: number }>(
      `SELECT locked_by AS "lockedBy",
              count(*) FILTER (WHERE locked_by IS NULL AND run_at <= now() AND attempts < max_attempts)::int AS ready,
              count(*) FILTER (WHERE locked_by IS NULL AND run_at > now() AND attempts < max_attempts)::int AS scheduled,
              count(*) FILTER (WHERE locked_by IS NOT NULL)::int AS locked
         FROM graphile_worker._private_jobs GROUP BY locked_by`,
    );
    const lockedBy = new Map<string, number>();
    let ready = 0;
    let scheduled = 0;
    let locked = 0;
    for (const row of rows) {
      ready += row.ready;
      scheduled += row.scheduled;
      locked += row.locked;
      if (row.lockedBy) lockedBy.set(row.lockedBy, row.locked);
    }
    return { ready, scheduled, locked, lockedBy };
  } catch {
    return null;
  }
}
