import { JOB_MAX_ATTEMPTS, type JobSpec } from "./jobs";
import type { JobClaim } from "./claimed-jobs";
import type { Notice } from "@/server/db/post-commit-notices";

/**
 * The queue writes of one transition, folded into its single write statement
 * (save-step.ts) instead of three more round trips (add_job, claim, complete).
 * On this kind of machine a round trip costs ≈ 0.5 ms and graphile-worker's
 * add_job (plpgsql: four statements) ≈ 1.4 ms: together most of a durable
 * http step's overhead (scripts/bench/profile-http-step.ts).
 *
 * The rows are exactly what graphile-worker 0.17's add_jobs writes for a job
 * without a queue (task row ensured, defaults for everything else), with the
 * same `jobs:insert` wake-up, sent after COMMIT and only for jobs due now
 * (jobsReadyNotices; a worker finds scheduled ones by polling). A job claimed
 * for this worker is inserted already locked as graphile-worker's getJobs
 * locks one (attempts 1, locked_by, locked_at), so the sweeper and shutdown
 * release protect it like any other.
 *
 * A keyed job (a timer, a timeout, an admission wake-up) is inserted the same
 * way when no job holds its key, which is what add_job does then. When one
 * does, the insert skips it (ON CONFLICT DO NOTHING; its id comes back null)
 * and the caller hands it to graphile-worker's add_job (enqueue-jobs.ts),
 * whose replace-by-key rules apply: rare, and not worth copying. Like
 * claimed-jobs.ts and the sweeper this touches graphile_worker._private_*
 * (pinned 0.17.3); re-check after an upgrade.
 */
export type StepQueue = {
  /** Jobs to add, in order. */
  jobs: readonly JobSpec[];
  /** Insert `jobs[claim.index]` locked by `claim.workerId` (the caller runs it itself). */
  claim?: { index: number; workerId: string };
  /** Delete this job if `workerId` still holds it: the job this transition's event came from. */
  complete?: JobClaim;
};

export type StepQueueResult = {
  /** Ids of `jobs`, in order; null for a keyed job whose key a job already holds (see above: add_job's to enqueue). */
  jobIds: Array<string | null>;
  /** How many of them are due now (for the wake-up notice: jobsReadyNotices). */
  readyJobs: number;
  completed: boolean;
  claimed: boolean;
};

/** Parameters $first … $first+5 of the statement (see STEP_JOBS_CTES). */
export function stepQueueParams(queue: StepQueue | undefined): unknown[] {
  const jobs = queue?.jobs ?? [];
  return [
    jobs.length > 0
      ? JSON.stringify(jobs.map((j) => ({ identifier: j.identifier, payload: j.payload, run_at: j.runAt ?? null, priority: j.priority, job_key: j.jobKey ?? null })))
      : null,
    JOB_MAX_ATTEMPTS,
    queue?.claim ? queue.claim.index + 1 : null, // 1-based: WITH ORDINALITY
    queue?.claim?.workerId ?? null,
    queue?.complete?.id ?? null,
    queue?.complete?.workerId ?? null,
  ];
}

/**
 * CTEs to append to a `WITH …` list, using parameters $p … $p+5 (stepQueueParams).
 * `job_specs` reads the jobs; `job_tasks` ensures their task rows (a row a
 * sibling CTE inserts is invisible to the others, hence RETURNING ∪ existing);
 * `new_jobs` inserts them (ids are assigned in input order), skipping a key a
 * job already holds; `done_job` completes. With `gate` (an SQL condition), none
 * of it is written unless the condition holds (save-step.ts's guarded write).
 */
export function stepJobsCtes(p: number, gate = "true"): string {
  const [specs, maxAttempts, claimIndex, claimWorker, doneId, doneWorker] = [0, 1, 2, 3, 4, 5].map((i) => `$${p + i}`);
  return `job_specs AS (
       SELECT j.* FROM ROWS FROM (jsonb_to_recordset(${specs}::jsonb) AS (identifier text, payload json, run_at timestamptz, priority int, job_key text))
              WITH ORDINALITY AS j(identifier, payload, run_at, priority, job_key, n)
        WHERE ${gate}
     ), new_tasks AS (
       INSERT INTO graphile_worker._private_tasks (identifier) SELECT DISTINCT identifier FROM job_specs
       ON CONFLICT DO NOTHING RETURNING id, identifier
     ), job_tasks AS (
       SELECT id, identifier FROM new_tasks
       UNION ALL
       SELECT id, identifier FROM graphile_worker._private_tasks WHERE identifier IN (SELECT identifier FROM job_specs)
     ), new_jobs AS (
       INSERT INTO graphile_worker._private_jobs (task_id, payload, priority, run_at, max_attempts, key, attempts, locked_at, locked_by)
       SELECT t.id, s.payload, s.priority, coalesce(s.run_at, now()), ${maxAttempts}::smallint, s.job_key,
              CASE WHEN s.n = ${claimIndex} THEN 1 ELSE 0 END,
              CASE WHEN s.n = ${claimIndex} THEN now() END,
              CASE WHEN s.n = ${claimIndex} THEN ${claimWorker}::text END
         FROM job_specs s JOIN job_tasks t ON t.identifier = s.identifier
        ORDER BY s.n
       ON CONFLICT (key) DO NOTHING
       RETURNING id, key, locked_by IS NOT NULL AS claimed, locked_by IS NULL AND run_at <= now() AS ready
     ), done_job AS (
       DELETE FROM graphile_worker._private_jobs WHERE id = ${doneId}::bigint AND locked_by = ${doneWorker} AND ${gate} RETURNING 1
     )`;
}

/** Output columns for the statement's final SELECT/RETURNING list: the jobs added (and how many are due now), the completion. */
export const STEP_JOBS_RETURNING = `(SELECT json_agg(json_build_object('id', id::text, 'key', key, 'claimed', claimed) ORDER BY id) FROM new_jobs) AS "newJobs",
       (SELECT count(*) FROM new_jobs WHERE ready)::int AS "readyJobs",
       (SELECT count(*) FROM done_job)::int AS "completedJobs"`;

/**
 * The wake-up graphile-worker's add_jobs sends for `count` jobs due now, as a
 * notice to send after COMMIT (post-commit-notices.ts: a NOTIFY in the
 * transaction would serialise its commit with every other notifying one).
 */
export function jobsReadyNotices(count: number): Notice[] {
  return count > 0 ? [{ channel: "jobs:insert", payload: JSON.stringify({ r: Math.random(), count }) }] : [];
}

type AddedJob = { id: string; key: string | null; claimed: boolean };
/** The statement's output columns (STEP_JOBS_RETURNING). */
export type StepJobsRow = { newJobs: AddedJob[] | null; readyJobs: number; completedJobs: number };

export function readStepQueue(queue: StepQueue | undefined, row: StepJobsRow): StepQueueResult {
  const added = row.newJobs ?? [];
  const byKey = new Map(added.filter((j) => j.key !== null).map((j) => [j.key, j]));
  const unkeyed = added.filter((j) => j.key === null); // in id order, which is input order
  let next = 0;
  const jobIds = (queue?.jobs ?? []).map((spec) => {
    if (!spec.jobKey) return unkeyed[next++]?.id ?? null; // counted: checked below
    const job = byKey.get(spec.jobKey);
    byKey.delete(spec.jobKey); // the same key twice in one step: the second is add_job's (replace)
    return job?.id ?? null;
  });
  // Cannot happen for our tasks, registered by the migrations (migrate.ts): a task row another transaction
  // inserted after this statement's snapshot would be invisible to it. Never lose a job silently.
  if (unkeyed.length !== next) throw new Error(`enqueued ${unkeyed.length} of ${next} jobs without a key`);
  return { jobIds, readyJobs: row.readyJobs, completed: row.completedJobs === 1, claimed: added.some((j) => j.claimed) };
}
