import type pg from "pg";
import { notFound } from "@/server/errors";
import type { LiveExecutionStatus, WireEvent } from "@/lib/live-events";

/**
 * Reading an execution's event log after a given seq: the catch-up of the
 * socket feed and of tRPC `execution.events`. Rows are committed in one
 * transaction per transition under the execution's row lock, so what a reader
 * sees is always a prefix 1..N of the log, never a set with holes. Rows go out
 * as stored (`WireEvent`), unparsed: the writer built them against the shared
 * schema (step-events.ts), and each client reads them with read-live-event.ts.
 */
export const MAX_EVENTS_PER_READ = 1000;

export async function readEventsAfter(pool: pg.Pool, executionId: string, afterSeq: number, limit: number): Promise<WireEvent[]> {
  const { rows } = await pool.query<{ seq: number; type: string; payload: unknown; at: Date; workflowId: string | null }>({
    name: "sy_live_events_after",
    text: `SELECT ev.seq, ev.type, ev.payload, ev."createdAt" AT TIME ZONE 'UTC' AS at, x."workflowId"
             FROM "ExecutionEvent" ev JOIN "Execution" x ON x.id = ev."executionId"
            WHERE ev."executionId" = $1 AND ev.seq > $2
            ORDER BY ev.seq LIMIT $3`,
    values: [executionId, afterSeq, Math.min(limit, MAX_EVENTS_PER_READ)],
  });
  return rows.map((row) => ({
    executionId,
    workflowId: row.workflowId,
    seq: row.seq,
    type: row.type,
    payload: row.payload,
    at: row.at.toISOString(),
  }));
}

export type ExecutionHead = { executionId: string; workflowId: string | null; status: LiveExecutionStatus; lastSeq: number };

/** The execution's current status and last seq; NOT_FOUND when it does not exist. */
export async function readExecutionHead(pool: pg.Pool, executionId: string): Promise<ExecutionHead> {
  const { rows } = await pool.query<{ workflowId: string | null; status: LiveExecutionStatus; lastSeq: number }>(
    `SELECT "workflowId", status, "eventSeq" AS "lastSeq" FROM "Execution" WHERE id = $1`,
    [executionId],
  );
  const row = rows[0];
  if (!row) throw notFound("Execution", executionId);
  return { executionId, ...row };
}

/**
 * tRPC `execution.events`: up to `limit` events with seq > afterSeq, plus the
 * execution's status and last seq. The head is read first, so `events` reach
 * at least `lastSeq` unless `limit` cut them short: page again (afterSeq = the
 * last event's seq) while it is below `lastSeq`.
 */
export async function readExecutionEvents(
  pool: pg.Pool,
  request: { executionId: string; afterSeq: number; limit: number },
): Promise<ExecutionHead & { events: WireEvent[] }> {
  const head = await readExecutionHead(pool, request.executionId);
  const events = await readEventsAfter(pool, request.executionId, request.afterSeq, request.limit);
  return { ...head, events };
}
