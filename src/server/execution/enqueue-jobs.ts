import type pg from "pg";
import type { JobSpec } from "./jobs";

/**
 * Enqueue jobs with graphile-worker's SQL API on `client`, so they commit or
 * roll back with the caller's transaction (MUST be called inside it). One
 * round trip for any number of jobs.
 */
export async function enqueueJobs(client: pg.PoolClient | pg.Client, jobs: readonly JobSpec[]): Promise<void> {
  if (jobs.length === 0) return;
  await client.query(
    `SELECT graphile_worker.add_job(
        identifier := j.identifier,
        payload := j.payload,
        run_at := coalesce(j.run_at, now()),
        priority := j.priority,
        job_key := j.job_key,
        max_attempts := 25)
       FROM jsonb_to_recordset($1::jsonb) AS j(identifier text, payload json, run_at timestamptz, priority int, job_key text)`,
    [
      JSON.stringify(
        jobs.map((j) => ({
          identifier: j.identifier,
          payload: j.payload,
          run_at: j.runAt ?? null,
          priority: j.priority,
          job_key: j.jobKey ?? null,
        })),
      ),
    ],
  );
}
