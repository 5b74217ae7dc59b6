import type pg from "pg";
import { enqueueJobs } from "./enqueue-jobs";
import type { ExecutionRow } from "./execution-row";
import { JOB, toJobPriority } from "./jobs";

/**
 * Admission control: at most `limit` unfinished (running or waiting)
 * executions per owner; more stay `queued` (marked `admissionDeferred`) and
 * start, highest priority then oldest first, when a slot frees. Until
 * accounts exist the owner is the workflow; file runs share one "ad hoc" owner.
 *
 * The engine step runs first: an execution that finishes within its start
 * step never occupies a slot and never takes the lock. Otherwise admitting
 * and freeing take the same transaction-scoped advisory lock on the owner,
 * held only for the step's writes and commit (milliseconds, not the engine
 * step), so a slot freed while another execution is being refused is never
 * lost: the freeing transaction waits, then sees the refused one deferred
 * and starts it.
 */
export const ownerKeyOf = (row: Pick<ExecutionRow, "workflowId">) => `owner:${row.workflowId ?? "adhoc"}`;

/** Same owner as `row`, written so the partial indexes apply. */
const sameOwner = (row: Pick<ExecutionRow, "workflowId">) =>
  row.workflowId === null ? `"workflowId" IS NULL AND $1::text IS NULL` : `"workflowId" = $1`;

export async function admitExecution(client: pg.PoolClient, row: ExecutionRow, limit: number): Promise<boolean> {
  await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [ownerKeyOf(row)]);
  const { rows } = await client.query<{ active: number }>(
    `SELECT count(*)::int AS active FROM "Execution"
      WHERE ${sameOwner(row)} AND status IN ('running', 'waiting') AND id <> $2`,
    [row.workflowId, row.id],
  );
  if ((rows[0]?.active ?? 0) < limit) return true;
  await client.query(`UPDATE "Execution" SET "admissionDeferred" = true WHERE id = $1`, [row.id]);
  return false;
}

/** An execution of this owner ended: start the next deferred one, if any. */
export async function releaseSlot(client: pg.PoolClient, row: ExecutionRow): Promise<void> {
  await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [ownerKeyOf(row)]);
  const { rows } = await client.query<{ id: string; priority: number }>(
    `SELECT id, priority FROM "Execution"
      WHERE ${sameOwner(row)} AND "admissionDeferred" AND status = 'queued' AND id <> $2
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
