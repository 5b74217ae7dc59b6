import type pg from "pg";
import { restartDeferredExecutions } from "@/server/execution/admission";

/**
 * Stale-worker failover. graphile-worker leaves the jobs of a worker that died
 * (kill -9, machine lost) locked for 4 hours. Every worker process runs this
 * sweeper: a worker whose heartbeat is older than `staleSeconds` is dead; its
 * jobs are unlocked at once with `graphile_worker.force_unlock_workers` (run_at
 * unchanged, so any worker picks them up on its next poll) and its heartbeat
 * row is deleted, in one transaction.
 *
 * Which ids: in graphile-worker 0.17 a job's `locked_by` is the WorkerPool's id
 * (`pool-…`, see getJobs.js: `locked_by = $1` with `workerPool.id`), not the
 * individual Worker's (`worker-…`, only used in logs). The heartbeat row's
 * `workerId` IS the pool id, so the row is exactly what to unlock by; no extra
 * column is needed. (worker/failover.int.test.ts asserts this.)
 *
 * Orphans: jobs locked by an id with no heartbeat row at all (a process killed
 * before its first beat, an old worker without heartbeat) are unlocked too,
 * once their lock is older than `staleSeconds` — a live worker writes its row
 * within milliseconds of taking its first job.
 *
 * A worker wrongly declared dead (event loop blocked longer than the
 * threshold) loses its locks; its jobs may then run twice, which the engine
 * tolerates (at-least-once delivery, results recorded once, Idempotency-Key).
 * Its next beat re-creates its row (heartbeat.ts warns). A sweeper whose own
 * heartbeat has not been healthy for a whole stale threshold does not sweep
 * (after a database outage every row is old; see Heartbeat.healthyForMs).
 */
export type SweepResult = { staleWorkers: string[]; orphanLockers: string[] };

export async function sweepStaleWorkers(pool: pg.Pool, selfId: string, staleSeconds: number): Promise<SweepResult> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    // DELETE takes the row locks: of two sweepers racing, the second finds nothing left.
    const stale = await client.query<{ workerId: string }>(
      `DELETE FROM "WorkerHeartbeat"
        WHERE "lastSeenAt" < now() - make_interval(secs => $1) AND "workerId" <> $2
        RETURNING "workerId"`,
      [staleSeconds, selfId],
    );
    const orphans = await client.query<{ lockedBy: string }>(
      `SELECT DISTINCT j.locked_by AS "lockedBy"
         FROM graphile_worker._private_jobs j
        WHERE j.locked_by IS NOT NULL
          AND j.locked_at < now() - make_interval(secs => $1)
          AND j.locked_by <> $2
          AND NOT EXISTS (SELECT 1 FROM "WorkerHeartbeat" h WHERE h."workerId" = j.locked_by)`,
      [staleSeconds, selfId],
    );
    const staleWorkers = stale.rows.map((r) => r.workerId);
    const orphanLockers = orphans.rows.map((r) => r.lockedBy).filter((id) => !staleWorkers.includes(id));
    const ids = [...staleWorkers, ...orphanLockers];
    if (ids.length > 0) await client.query("SELECT graphile_worker.force_unlock_workers($1::text[])", [ids]);
    await client.query("COMMIT");
    return { staleWorkers, orphanLockers };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

export type Sweeper = { stop(): Promise<void> };

/**
 * Sweep every `intervalSeconds` (±25 % jitter, so that many workers started
 * together do not sweep in lockstep). Each tick also wakes executions that
 * admission deferred (see admission.ts: a rare lost wake-up is recovered here). After a kill -9 the dead worker's jobs
 * are free after at most staleSeconds + intervalSeconds·1.25 + one poll; when the sweeping worker itself just
 * started (a supervisor restarting the lone worker), after its start-up + staleSeconds + one poll.
 */
export function startSweeper(
  pool: pg.Pool,
  selfId: string,
  options: {
    staleSeconds: number;
    intervalSeconds: number;
    /** This worker's own heartbeat health (Heartbeat.healthyForMs): no sweeping until it is ≥ staleSeconds. */
    healthyForMs?: () => number;
    onSweep?: (result: SweepResult) => void;
  },
): Sweeper {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  const schedule = (atMostMs = Infinity) => {
    if (stopped) return;
    const delay = Math.min(options.intervalSeconds * 1000 * (0.75 + Math.random() * 0.5), atMostMs);
    timer = setTimeout(tick, delay);
    timer.unref();
  };
  const tick = () => {
    // Admission's safety net (a wake-up lost to a race): cheap, and safe whatever this worker's health.
    restartDeferredExecutions(pool).catch((error: Error) => {
      if (!stopped) console.warn(`switchyard worker: restarting deferred executions failed (${error.message})`);
    });
    const waitMs = options.healthyForMs ? options.staleSeconds * 1000 - options.healthyForMs() : 0;
    // Not healthy long enough to judge others: look again the moment we will be, not a whole interval
    // later. A worker restarted by its supervisor after a kill -9 is often the only one left; its first
    // sweep decides when the dead worker's jobs resume (≈ start-up + staleSeconds, not + one more interval:
    // worker/supervisor-restart.int.test.ts). Still never earlier, so a live worker's jobs are never taken.
    if (waitMs > 0) return schedule(waitMs + 50);
    running = sweepStaleWorkers(pool, selfId, options.staleSeconds)
      .then((result) => {
        if (result.staleWorkers.length || result.orphanLockers.length) {
          console.warn(
            `switchyard worker: released the jobs of ${[
              ...result.staleWorkers.map((id) => `stale worker ${id}`),
              ...result.orphanLockers.map((id) => `unknown worker ${id}`),
            ].join(", ")}`,
          );
        }
        options.onSweep?.(result);
      })
      .catch((error: Error) => {
        if (!stopped) console.warn(`switchyard worker: stale-worker sweep failed (${error.message})`);
      })
      .finally(schedule);
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
