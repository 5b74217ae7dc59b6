import os from "node:os";
import type pg from "pg";

/**
 * Each worker process owns one WorkerHeartbeat row (id = graphile-worker's
 * worker id) and refreshes `lastSeenAt` every interval. Health reads it; the
 * stale-worker sweeper (reliability issue) will release the jobs of workers
 * whose row is stale.
 */
export type Heartbeat = { setRunningJobs(n: number): void; stop(): Promise<void> };

export async function startHeartbeat(
  pool: pg.Pool,
  workerId: string,
  options: { concurrency: number; intervalSeconds: number },
): Promise<Heartbeat> {
  let runningJobs = 0;
  const beat = () =>
    pool.query(
      `INSERT INTO "WorkerHeartbeat" ("workerId", host, pid, concurrency, "runningJobs", "startedAt", "lastSeenAt")
       VALUES ($1, $2, $3, $4, $5, now(), now())
       ON CONFLICT ("workerId") DO UPDATE SET "lastSeenAt" = now(), "runningJobs" = EXCLUDED."runningJobs"`,
      [workerId, os.hostname(), process.pid, options.concurrency, runningJobs],
    );
  await beat();
  const timer = setInterval(() => {
    beat().catch((error: Error) => console.warn(`switchyard worker: heartbeat failed (${error.message})`));
  }, options.intervalSeconds * 1000);
  timer.unref();
  return {
    setRunningJobs(n) {
      runningJobs = n;
    },
    async stop() {
      clearInterval(timer);
      await pool.query(`DELETE FROM "WorkerHeartbeat" WHERE "workerId" = $1`, [workerId]).catch(() => {});
    },
  };
}
