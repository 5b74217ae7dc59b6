import type pg from "pg";

/**
 * A worker may claim a job it has just enqueued and run it itself, instead of
 * waiting for graphile-worker to hand it out (worker/tasks/inline-effects.ts).
 * The claim is exactly graphile-worker 0.17's own (getJobs.js): `attempts + 1`,
 * `locked_by` = the worker pool's id, `locked_at` = now — so everything that
 * protects a job graphile-worker handed out protects a claimed one too: the
 * stale-worker sweeper (force_unlock_workers on a dead worker's id) and the
 * shutdown release. Completing is graphile-worker's too: delete the row.
 * A transition claims the next effect and completes the job it came from in
 * its own write statement (step-jobs.ts); these are for the other cases.
 * These touch graphile_worker._private_jobs (pinned 0.17.3, like the sweeper);
 * re-check after an upgrade.
 */
export type JobClaim = { id: string; workerId: string };

/** Completes a claimed job, if this worker still holds it (when its transition did not, e.g. a stale event). */
export async function completeClaimedJob(db: pg.Pool | pg.PoolClient, claim: JobClaim): Promise<boolean> {
  const { rowCount } = await db.query({
    name: "sy_complete_claimed_job",
    text: `DELETE FROM graphile_worker._private_jobs WHERE id = $1::bigint AND locked_by = $2`,
    values: [claim.id, claim.workerId],
  });
  return rowCount === 1;
}

/** Gives a claimed job back to the queue (as graphile-worker's force_unlock_workers does), to be run by any worker. */
export async function releaseClaimedJob(pool: pg.Pool, claim: JobClaim): Promise<void> {
  await pool.query({
    name: "sy_release_claimed_job",
    text: `UPDATE graphile_worker._private_jobs SET locked_at = NULL, locked_by = NULL WHERE id = $1::bigint AND locked_by = $2`,
    values: [claim.id, claim.workerId],
  });
}
