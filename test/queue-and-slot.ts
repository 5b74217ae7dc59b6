import type pg from "pg";

/**
 * An execution's admission slot (0 or 1) and its jobs in graphile-worker's queue, in order, each as
 * "task key due|later" with the execution id in keys written `<id>`: comparable between executions.
 */
export async function queueAndSlot(pool: pg.Pool, executionId: string): Promise<{ slots: number; jobs: string[] }> {
  const { rows: slots } = await pool.query(`SELECT owner FROM "AdmissionSlot" WHERE "executionId" = $1`, [executionId]);
  const { rows: jobs } = await pool.query<{ key: string | null; task: string; due: boolean }>(
    `SELECT j.key, t.identifier AS task, j.run_at <= now() AS due FROM graphile_worker._private_jobs j
       JOIN graphile_worker._private_tasks t ON t.id = j.task_id
      WHERE j.payload->>'executionId' = $1 ORDER BY j.id`,
    [executionId],
  );
  return { slots: slots.length, jobs: jobs.map((j) => `${j.task} ${j.key?.replace(executionId, "<id>") ?? "(no key)"} ${j.due ? "due" : "later"}`) };
}
