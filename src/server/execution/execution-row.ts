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
  /** The user who started it (inherited by its sub-workflows), or null. */
  startedBy: string | null;
  /** The admission quota it counts against ("admissionOwner", set on insert: admission.ts). */
  owner: string;
  createdAt: Date;
  startedAt: Date | null;
};

export const TERMINAL: ReadonlySet<ExecutionStatus> = new Set(TERMINAL_STATUSES);

/**
 * The state a worker already holds for an execution: the JSON its own last
 * transition wrote, and the stateVersion that write produced (every write of
 * `state` bumps it, save-step.ts). A chain of inline effects passes it along.
 * `row` is the rest of the row as that transition left it (its `state` not
 * kept): with it, the next step can be computed without reading the row at
 * all (known-step.ts).
 */
export type KnownState = { version: number; json: string; row?: ExecutionRow };

/** The row as a transition that wrote `written` left it (without the state: it is in KnownState's json). */
export function rowAfterStep(
  row: ExecutionRow,
  written: { status: ExecutionStatus; events: number; nodeRunCount: number; stateVersion: number; now: Date },
): ExecutionRow {
  return {
    ...row,
    status: written.status,
    input: null,
    state: null,
    stateVersion: written.stateVersion,
    eventSeq: row.eventSeq + written.events,
    nodeRunCount: written.nodeRunCount,
    startedAt: row.startedAt ?? written.now,
  };
}

/** Lock the execution row for the rest of the transaction (MUST be inside BEGIN); transitions use beginAndLockExecution. */
export async function lockExecution(client: pg.PoolClient, executionId: string): Promise<ExecutionRow | undefined> {
  const { rows } = await client.query<ExecutionRow>({
    name: "sy_lock_execution", // prepared once per connection
    text: `SELECT ${LOCKED_COLUMNS("NULL::int")} FROM "Execution" WHERE id = $1 FOR UPDATE`,
    values: [executionId],
  });
  return rows[0];
}

/**
 * BEGIN and lock the execution row in ONE round trip (every transition starts
 * so; a round trip costs ≈ 0.3–0.5 ms on these machines, more than planning the
 * statement: scripts/bench/profile-http-step.ts). Two statements in one simple
 * query, so the values are literals: the id escaped, the version an integer.
 *
 * With `known`, the state is not read when the row's stateVersion still matches
 * (it is parsed from the JSON the caller holds — what the database holds, byte
 * for byte): an execution's state carries every node's output, so reading it
 * in each step of a long chain would grow with the chain. The input is read
 * only while queued (the start step is its one reader).
 */
export async function beginAndLockExecution(client: pg.PoolClient, executionId: string, known?: KnownState): Promise<ExecutionRow | undefined> {
  const version = known && Number.isSafeInteger(known.version) ? String(known.version) : "NULL";
  const results = (await client.query(
    `BEGIN; SELECT ${LOCKED_COLUMNS(`${version}::int`)} FROM "Execution" WHERE id = ${client.escapeLiteral(executionId)} FOR UPDATE`,
  )) as unknown as Array<pg.QueryResult<ExecutionRow>>;
  return withKnownState(results[1]?.rows[0], known);
}

/**
 * The row as a transition reads it, without a lock or a transaction (one prepared statement): for a
 * step that is then written only if the row is unchanged (unlocked-start.ts).
 */
export async function readExecution(db: pg.Pool | pg.PoolClient, executionId: string): Promise<ExecutionRow | undefined> {
  const { rows } = await db.query<ExecutionRow>({
    name: "sy_read_execution",
    text: `SELECT ${LOCKED_COLUMNS("NULL::int")} FROM "Execution" WHERE id = $1`,
    values: [executionId],
  });
  return rows[0];
}

/** The columns a transition reads; the state only when its version is not `knownVersion` (an SQL expression). */
const LOCKED_COLUMNS = (knownVersion: string) =>
  `id, status, mode, priority, CASE WHEN status = 'queued' THEN input END AS input,
   CASE WHEN "stateVersion" IS NOT DISTINCT FROM ${knownVersion} THEN NULL ELSE state END AS state,
   "stateVersion", "eventSeq", "nodeRunCount", "workflowId", "workflowVersionId",
   graph, "parentExecutionId", "parentRunKey", "startedBy", "admissionOwner" AS owner, "createdAt", "startedAt"`;

function withKnownState(row: ExecutionRow | undefined, known: KnownState | undefined): ExecutionRow | undefined {
  if (row && known && row.stateVersion === known.version) row.state = JSON.parse(known.json) as ExecutionState;
  return row;
}
