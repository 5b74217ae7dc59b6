import type pg from "pg";
import type { Json } from "@/engine/execution-types";
import type { LogLine } from "@/engine/ports";
import { notFound } from "@/server/errors";

/**
 * Every recorded run of an execution's nodes (tRPC `execution.nodeRuns`), in
 * the order the engine produced them (seq). One row per instance and attempt:
 * a loop body over 1000 items has 1000 rows per node, a retried call one row
 * per attempt.
 *
 * At most MAX_NODE_RUNS_PER_READ rows are returned — the newest ones, still
 * oldest first — and `truncated` says when older rows were left out.
 */
export const MAX_NODE_RUNS_PER_READ = 1000;

export type NodeRunRow = {
  /** The node instance: node id prefixed by loop iterations (`each#2/fetch`). */
  runKey: string;
  /** `${runKey}@${attempt}`: unique within the execution. */
  key: string;
  nodeId: string;
  nodeType: string;
  attempt: number;
  status: string;
  input: Json | null;
  output: Json | null;
  error: { type: string; message: string; nodeId: string | null; code: string | null } | null;
  /** A `code` node's console lines for this attempt; null when it logged nothing (or is another type). */
  logs: LogLine[] | null;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  seq: number;
};

export type NodeRunsResult = { runs: NodeRunRow[]; truncated: boolean };

type Row = Omit<NodeRunRow, "startedAt" | "finishedAt" | "error"> & {
  startedAt: Date | null;
  finishedAt: Date | null;
  error: { type?: string; message?: string; nodeId?: string; code?: string } | null;
};

export async function readNodeRuns(pool: pg.Pool, request: { executionId: string; nodeId?: string }): Promise<NodeRunsResult> {
  const { rowCount } = await pool.query(`SELECT 1 FROM "Execution" WHERE id = $1`, [request.executionId]);
  if (!rowCount) throw notFound("Execution", request.executionId);
  // Newest MAX + 1 (to know whether any were left out), then put back in engine order.
  const { rows } = await pool.query<Row>(
    `SELECT "runKey", key, "nodeId", "nodeType", attempt, status, input, output, error, logs,
            "startedAt" AT TIME ZONE 'UTC' AS "startedAt", "finishedAt" AT TIME ZONE 'UTC' AS "finishedAt", "durationMs", seq
       FROM "NodeRun"
      WHERE "executionId" = $1 AND ($2::text IS NULL OR "nodeId" = $2)
      ORDER BY seq DESC, key DESC
      LIMIT $3`,
    [request.executionId, request.nodeId ?? null, MAX_NODE_RUNS_PER_READ + 1],
  );
  const truncated = rows.length > MAX_NODE_RUNS_PER_READ;
  const runs = rows.slice(0, MAX_NODE_RUNS_PER_READ).reverse().map(toNodeRunRow);
  return { runs, truncated };
}

function toNodeRunRow(row: Row): NodeRunRow {
  return {
    ...row,
    error: row.error
      ? { type: row.error.type ?? "Error", message: row.error.message ?? "", nodeId: row.error.nodeId ?? null, code: row.error.code ?? null }
      : null,
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}
