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
 * step never occupies a slot and never takes the lock. Otherwise admission
 * takes a transaction-scoped advisory lock on the owner, held only for the
 * step's writes and commit (not the engine step), so two starts never both
 * take the last slot. Freeing a slot takes no lock (see releaseSlot).
 */
export const ownerKeyOf = (row: Pick<ExecutionRow, "workflowId">) => `owner:${row.workflowId ?? "adhoc"}`;

/** Same owner as `row`, written so the partial indexes apply. */
const sameOwner = (row: Pick<ExecutionRow, "workflowId">) =>
  row.workflowId === null ? `"workflowId" IS NULL AND $1::text IS NULL` : `"workflowId" = $1`;

export async function admitExecution(client: pg.PoolClient, row: ExecutionRow, limit: number): Promise<boolean> {
  await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [ownerKeyOf(row)]);
  // First come, first served: a free slot goes to a deferred execution ahead of this one (higher
  // priority, or older) if there is one — this start is deferred and wakes that one instead.
  const { rows } = await client.query<{ active: number; ahead: { id: string; priority: number } | null }>(
    `SELECT (SELECT count(*)::int FROM "Execution"
              WHERE ${sameOwner(row)} AND status IN ('running', 'waiting') AND id <> $2) AS active,
            (SELECT json_build_object('id', id, 'priority', priority) FROM "Execution"
              WHERE ${sameOwner(row)} AND "admissionDeferred" AND status = 'queued' AND id <> $2
                AND (priority > $3 OR (priority = $3 AND "createdAt" < $4))
              ORDER BY priority DESC, "createdAt" LIMIT 1) AS ahead`,
    [row.workflowId, row.id, row.priority, row.createdAt],
  );
  const { active, ahead } = rows[0] ?? { active: 0, ahead: null };
  if (active < limit && !ahead) return true;
  await client.query(`UPDATE "Execution" SET "admissionDeferred" = true WHERE id = $1`, [row.id]);
  if (active < limit && ahead) await enqueueJobs(client, [startJob(ahead)]);
  return false;
}

/**
 * An execution of this owner ended: start the next deferred one, if any. No
 * lock here — finishing steps of one workflow must not queue behind each
 * other (the 1,000-delay benchmark finished ~80/s when they did). The price is
 * a rare lost wake-up (a start refused concurrently with this release, whose
 * deferred mark is not yet visible); `restartDeferredExecutions`, run by every
 * worker's sweeper, recovers it within seconds. Waking one that still finds no
 * slot is harmless: its start is refused (and deferred) again.
 */
export async function releaseSlot(client: pg.PoolClient, row: ExecutionRow, limit: number): Promise<void> {
  const { rows: deferred } = await client.query<{ id: string; priority: number }>(
    `SELECT id, priority FROM "Execution"
      WHERE ${sameOwner(row)} AND "admissionDeferred" AND status = 'queued' AND id <> $2
      ORDER BY priority DESC, "createdAt" LIMIT $3`,
    [row.workflowId, row.id, limit],
  );
  if (deferred.length === 0) return;
  // Wake as many as there are free slots (at least one): two executions ending before the first
  // woken one starts would otherwise both wake that same one and leave a slot idle.
  const { rows } = await client.query<{ active: number }>(
    `SELECT count(*)::int AS active FROM "Execution" WHERE ${sameOwner(row)} AND status IN ('running', 'waiting') AND id <> $2`,
    [row.workflowId, row.id],
  );
  const free = Math.max(1, limit - (rows[0]?.active ?? 0));
  await enqueueJobs(client, deferred.slice(0, free).map(startJob));
}

/** Safety net for lost wake-ups: start the next deferred execution of every owner that has one. */
export async function restartDeferredExecutions(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ id: string; priority: number }>(
    `SELECT DISTINCT ON ("workflowId") id, priority FROM "Execution"
      WHERE "admissionDeferred" AND status = 'queued'
      ORDER BY "workflowId", priority DESC, "createdAt"`,
  );
  if (rows.length === 0) return 0;
  const client = await pool.connect();
  try {
    await enqueueJobs(client, rows.map(startJob));
  } finally {
    client.release();
  }
  return rows.length;
}

const startJob = (execution: { id: string; priority: number }) => ({
  identifier: JOB.start,
  payload: { executionId: execution.id },
  priority: toJobPriority(execution.priority),
  jobKey: `start:${execution.id}`,
});
