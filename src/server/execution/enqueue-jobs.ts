import type pg from "pg";
import { JOB_MAX_ATTEMPTS, type JobSpec } from "./jobs";

/** A job as enqueued: graphile-worker's id (to claim it, see worker/tasks/inline-effects.ts) and its spec. */
export type EnqueuedJob = JobSpec & { id: string };

/**
 * Enqueue jobs with graphile-worker's SQL API on `client`, so they commit or
 * roll back with the caller's transaction (MUST be called inside it). One
 * round trip for any number of jobs. Returns the jobs with their ids, in order.
 */
export async function enqueueJobs(client: pg.PoolClient | pg.Client, jobs: readonly JobSpec[]): Promise<EnqueuedJob[]> {
  if (jobs.length === 0) return [];
  const { rows } = await client.query<{ id: string }>({
    name: "sy_enqueue_jobs",
    text: `SELECT (graphile_worker.add_job(
        identifier := j.identifier,
        payload := j.payload,
        run_at := coalesce(j.run_at, now()),
        priority := j.priority,
        job_key := j.job_key,
        max_attempts := $2)).id::text AS id
       FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (identifier text, payload json, run_at timestamptz, priority int, job_key text))
            WITH ORDINALITY AS j(identifier, payload, run_at, priority, job_key, n)
      ORDER BY j.n`,
    values: [
      JSON.stringify(
        jobs.map((j) => ({
          identifier: j.identifier,
          payload: j.payload,
          run_at: j.runAt ?? null,
          priority: j.priority,
          job_key: j.jobKey ?? null,
        })),
      ),
      JOB_MAX_ATTEMPTS,
    ],
  });
  return jobs.map((job, index) => ({ ...job, id: rows[index]!.id }));
}
