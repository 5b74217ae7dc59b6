import type pg from "pg";

/**
 * The graphile-worker jobs queued (or running) for one execution: task, the engine event a
 * `execution.event` job delivers (timer-fired, execution-timed-out, …) and graphile-worker's priority
 * (LOWER runs first: jobs.ts toJobPriority). Ordered by task, then event, for stable assertions.
 */
export async function readQueuedJobs(pool: pg.Pool, executionId: string) {
  const { rows } = await pool.query<{ task: string; event: string | null; priority: number }>(
    `SELECT t.identifier AS task, j.payload->'event'->>'type' AS event, j.priority
       FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
      WHERE j.payload->>'executionId' = $1
      ORDER BY t.identifier, event NULLS FIRST`,
    [executionId],
  );
  return rows;
}
