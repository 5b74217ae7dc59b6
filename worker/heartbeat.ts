import os from "node:os";
import type pg from "pg";

/**
 * Each worker process owns one WorkerHeartbeat row (id = graphile-worker's
 * WorkerPool id, which is also what the pool writes into the `locked_by` of
 * the jobs it takes) and refreshes `lastSeenAt` every interval. Health reads
 * it; the stale-worker sweeper (worker/sweeper.ts) releases the jobs of
 * workers whose row is stale and deletes the row.
 */
export type Heartbeat = { setRunningJobs(n: number): void; stop(): Promise<void> };

export async function startHeartbeat(
  pool: pg.Pool,
  workerId: string,
  options: { concurrency: number; intervalSeconds: number },
): Promise<Heartbeat> {
  let runningJobs = 0;
  let stopped = false;
  const beat = async () => {
    const { rows } = await pool.query<{ inserted: boolean }>(
      `INSERT INTO "WorkerHeartbeat" ("workerId", host, pid, concurrency, "runningJobs", "startedAt", "lastSeenAt")
       VALUES ($1, $2, $3, $4, $5, now(), now())
       ON CONFLICT ("workerId") DO UPDATE SET "lastSeenAt" = now(), "runningJobs" = EXCLUDED."runningJobs"
       RETURNING (xmax = 0) AS inserted`,
      [workerId, os.hostname(), process.pid, options.concurrency, runningJobs],
    );
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
      (error: Error) => console.warn(`switchyard worker: heartbeat failed (${error.message})`),
    );
  }, options.intervalSeconds * 1000);
  timer.unref();
  return {
    setRunningJobs(n) {
      runningJobs = n;
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await inFlight; // a beat still in flight would re-create the row after the DELETE
      await pool.query(`DELETE FROM "WorkerHeartbeat" WHERE "workerId" = $1`, [workerId]).catch(() => {});
    },
  };
}
