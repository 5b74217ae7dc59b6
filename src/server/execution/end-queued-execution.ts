import type pg from "pg";
import type { EngineError } from "@/engine/execution-types";
import { parentNotice } from "./apply-commands";
import type { ExecutionRow } from "./execution-row";
import { CHANNEL, type JobSpec } from "./jobs";

/**
 * End an execution that never started (status `queued`, no engine state):
 * cancelled by a person or by its parent, or timed out before a slot freed.
 * There is nothing to abort; a sub-workflow's parent is told, like for any
 * other finish. MUST run inside a transaction that locked the row; returns
 * the jobs to enqueue in it.
 */
export async function endQueuedExecution(
  client: pg.PoolClient,
  row: Pick<ExecutionRow, "id" | "parentExecutionId" | "parentRunKey" | "priority">,
  status: "cancelled" | "timed_out",
  error: EngineError,
): Promise<JobSpec[]> {
  await client.query(
    `UPDATE "Execution" SET status = $2, error = $3, "admissionDeferred" = false,
            "finishedAt" = clock_timestamp() AT TIME ZONE 'UTC'
      WHERE id = $1`,
    [row.id, status, JSON.stringify(error)],
  );
  await client.query("SELECT pg_notify($1, $2)", [CHANNEL.finished, row.id]);
  return parentNotice(row, status, null, error);
}
