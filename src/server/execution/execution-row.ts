import type pg from "pg";
import { TERMINAL_STATUSES, type ExecutionMode, type ExecutionState, type ExecutionStatus, type Json } from "@/engine/execution-types";

/** The columns of an Execution the driver needs, read under `FOR UPDATE`. */
export type ExecutionRow = {
  id: string;
  status: ExecutionStatus;
  mode: ExecutionMode;
  priority: number;
  input: Json;
  state: ExecutionState | null;
  stateVersion: number;
  eventSeq: number;
  nodeRunCount: number;
  workflowId: string | null;
  workflowVersionId: string | null;
  graph: unknown;
  parentExecutionId: string | null;
  parentRunKey: string | null;
  createdAt: Date;
  startedAt: Date | null;
};

export const TERMINAL: ReadonlySet<ExecutionStatus> = new Set(TERMINAL_STATUSES);

/** Lock the execution row for the rest of the transaction (MUST be inside BEGIN). */
export async function lockExecution(client: pg.PoolClient, executionId: string): Promise<ExecutionRow | undefined> {
  const { rows } = await client.query<ExecutionRow>({
    name: "sy_lock_execution", // prepared once per connection: this runs in every transition
    text: `SELECT id, status, mode, priority, input, state, "stateVersion", "eventSeq", "nodeRunCount", "workflowId", "workflowVersionId",
            graph, "parentExecutionId", "parentRunKey", "createdAt", "startedAt"
       FROM "Execution" WHERE id = $1 FOR UPDATE`,
    values: [executionId],
  });
  return rows[0];
}
