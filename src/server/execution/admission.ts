import type pg from "pg";
import { enqueueJobs } from "./enqueue-jobs";
import type { ExecutionRow } from "./execution-row";
import { JOB, toJobPriority } from "./jobs";

/**
 * Admission control: at most `limit` unfinished (running or waiting)
 * executions per owner; more stay `queued` and start, oldest first, when a
 * slot frees. Until accounts exist (users are a later feature) the owner is
 * the workflow; file runs share one "ad hoc" owner.
 *
 * MUST be called inside the step's transaction. Both admitting and freeing
 * take the same transaction-scoped advisory lock on the owner, so a slot
 * freed while another execution is being refused is never lost: the freeing
 * transaction waits, then sees the refused execution queued and starts it.
 */
export const ownerKeyOf = (row: Pick<ExecutionRow, "workflowId">) => `owner:${row.workflowId ?? "adhoc"}`;

const ownerCondition = `coalesce("workflowId", 'adhoc') = coalesce($1, 'adhoc')`;

export async function admitExecution(client: pg.PoolClient, row: ExecutionRow, limit: number): Promise<boolean> {
  await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [ownerKeyOf(row)]);
  const { rows } = await client.query<{ active: number }>(
    `SELECT count(*)::int AS active FROM "Execution"
      WHERE ${ownerCondition} AND status IN ('running', 'waiting') AND id <> $2`,
    [row.workflowId, row.id],
  );
  return (rows[0]?.active ?? 0) < limit;
}

/** An execution of this owner ended: start the oldest queued one (a no-op if it is already starting). */
export async function releaseSlot(client: pg.PoolClient, row: ExecutionRow): Promise<void> {
  await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [ownerKeyOf(row)]);
  const { rows } = await client.query<{ id: string; priority: number }>(
    `SELECT id, priority FROM "Execution" WHERE ${ownerCondition} AND status = 'queued' AND id <> $2
      ORDER BY priority DESC, "createdAt" LIMIT 1`,
    [row.workflowId, row.id],
  );
  const next = rows[0];
  if (next) {
    await enqueueJobs(client, [
      { identifier: JOB.start, payload: { executionId: next.id }, priority: toJobPriority(next.priority), jobKey: `start:${next.id}` },
    ]);
  }
}
