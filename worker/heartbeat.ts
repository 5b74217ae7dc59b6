import os from "node:os";
import type pg from "pg";

/**
 * Each worker process owns one WorkerHeartbeat row (id = graphile-worker's
 * WorkerPool id, which is also what the pool writes into the `locked_by` of
 * the jobs it takes) and refreshes `lastSeenAt` every interval. Health reads
 * it; the stale-worker sweeper (worker/sweeper.ts) releases the jobs of
 * workers whose row is stale and deletes the row.
 */
export type Heartbeat = {
  setRunningJobs(n: number): void;
  /**
   * How long this worker has been beating without a failure (ms; 0 when the
   * last beat failed or is overdue). The sweeper only judges other workers
   * after it has itself been healthy for a stale threshold: after a database
   * outage every row is old, and the workers that beat again must not be
   * declared dead by the first one back.
   */
  healthyForMs(): number;
  stop(): Promise<void>;
};

export async function startHeartbeat(
  pool: pg.Pool,
  workerId: string,
  options: { concurrency: number; intervalSeconds: number; ephemeral?: boolean },
): Promise<Heartbeat> {
  let runningJobs = 0;
  let stopped = false;
  let healthySince: number | undefined;
  let lastOk = 0;
  const intervalMs = options.intervalSeconds * 1000;
  const beat = async () => {
    const { rows } = await pool.query<{ inserted: boolean }>(
      `INSERT INTO "WorkerHeartbeat" ("workerId", host, pid, concurrency, "runningJobs", ephemeral, "startedAt", "lastSeenAt")
       VALUES ($1, $2, $3, $4, $5, $6, now(), now())
       ON CONFLICT ("workerId") DO UPDATE SET "lastSeenAt" = now(), "runningJobs" = EXCLUDED."runningJobs"
       RETURNING (xmax = 0) AS inserted`,
      [workerId, os.hostname(), process.pid, options.concurrency, runningJobs, options.ephemeral ?? false],
    );
    lastOk = Date.now();
    healthySince ??= lastOk;
    return rows[0]?.inserted ?? false;
  };
  await beat();
  let inFlight: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    inFlight = beat().then(
      (inserted) => {
        // Our row was gone: another worker's sweeper declared us dead (we missed beats for longer
        // than its stale threshold) and released our jobs; they may run twice. Now we are back.
        if (inserted && !stopped) console.warn(`switchyard worker: ${workerId} was declared stale by another worker; its running jobs may be re-run elsewhere`);
      },
      (error: Error) => {
        healthySince = undefined;
        console.warn(`switchyard worker: heartbeat failed (${error.message})`);
      },
    );
  }, options.intervalSeconds * 1000);
  timer.unref();
  return {
    setRunningJobs(n) {
      runningJobs = n;
    },
    healthyForMs() {
      const now = Date.now();
      if (healthySince === undefined || now - lastOk > 2 * intervalMs + 1000) return 0;
      return now - healthySince;
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await inFlight; // a beat still in flight would re-create the row after the DELETE
      await pool.query(`DELETE FROM "WorkerHeartbeat" WHERE "workerId" = $1`, [workerId]).catch((error: Error) => {
        // Not fatal: other workers' sweepers remove the row once it is stale (and release nothing: we hold no jobs now).
        console.warn(`switchyard worker: could not remove ${workerId}'s heartbeat on shutdown (${error.message}); it goes stale`);
      });
    },
  };
}
