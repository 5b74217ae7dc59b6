import type pg from "pg";
import type { ExecutionStatus, Json, NodeRunUpdate, StepResult } from "@/engine/execution-types";
import { boundedJson } from "./bounded-json";
import { EVENTS_CHANNEL } from "@/lib/live-events";
import { CHANNEL } from "./jobs";
import { TERMINAL, type ExecutionRow, type KnownState } from "./execution-row";
import type { Notice } from "@/server/db/post-commit-notices";
import { admissionCtes, admissionValues } from "./admission";
import { jobsReadyNotices, readStepQueue, STEP_JOBS_RETURNING, stepJobsCtes, stepQueueParams, type StepJobsRow, type StepQueue, type StepQueueResult } from "./step-jobs";

/**
 * Write one engine step: the execution's new state and status, its node runs
 * (upserted by `${runKey}@${attempt}`) and its events (numbered after
 * `eventSeq`). MUST run inside the transaction that locked the row, together
 * with the jobs the step enqueues, so a crash never keeps half a transition.
 */
export type StepEvent = { type: string; payload: Json };

export type StoredLimits = {
  /** Node-run inputs/outputs longer than this (JSON bytes) are stored as a truncation marker. */
  maxValueBytes: number;
};

export type SavedStep = {
  status: ExecutionStatus;
  events: Array<StepEvent & { seq: number }>;
  nodeRunCount: number;
  /** What happened to `queue` (step-jobs.ts). */
  queue: StepQueueResult;
  /** The state as written, and the stateVersion the write produced. */
  state: KnownState;
  /** The NOTIFYs this step warrants, for the caller to send once it has committed (post-commit-notices.ts). */
  notices: Notice[];
};

export async function saveStep(
  client: pg.PoolClient,
  row: ExecutionRow,
  result: StepResult,
  now: Date,
  limits: StoredLimits,
  extraEvents: StepEvent[] = [],
  queue?: StepQueue,
): Promise<SavedStep> {
  const saved = await writeStep(client, row, result, now, limits, extraEvents, queue);
  if (!saved) throw new Error(`execution ${row.id} vanished while its step was being saved`);
  return saved;
}

/**
 * The same write without the row lock, for a step computed from a row read
 * earlier (known-step.ts: the row this worker's own last transition committed;
 * unlocked-start.ts: a queued row just read): it writes only if the row's
 * stateVersion and status are still `row`'s — nothing has changed the
 * execution since (ending a queued execution changes its status, not its
 * stateVersion) — and otherwise writes nothing and returns undefined. Run
 * outside a transaction, the statement is its own: one round trip, commit
 * included.
 */
export function saveStepIfUnchanged(
  client: pg.PoolClient,
  row: ExecutionRow,
  result: StepResult,
  now: Date,
  limits: StoredLimits,
  queue: StepQueue,
  admission?: { limit: number },
): Promise<SavedStep | undefined> {
  return writeStep(client, row, result, now, limits, [], queue, admission ? { admitUpTo: admission.limit } : {});
}

async function writeStep(
  client: pg.PoolClient,
  row: ExecutionRow,
  result: StepResult,
  now: Date,
  limits: StoredLimits,
  extraEvents: StepEvent[],
  queue: StepQueue | undefined,
  guard?: { admitUpTo?: number },
): Promise<SavedStep | undefined> {
  const status = result.state.status;
  const nowIso = now.toISOString();
  const events: StepEvent[] = [...extraEvents];
  for (const run of result.runUpdates) {
    events.push({
      type: `node.${run.status}`,
      payload: { runKey: run.runKey, nodeId: run.nodeId, nodeType: run.nodeType, attempt: run.attempt, error: run.error ?? null },
    });
  }
  if (status !== row.status) {
    events.push({ type: `execution.${status}`, payload: { status, error: result.state.error ?? null } });
  }
  const numbered = events.map((e, i) => ({ ...e, seq: row.eventSeq + i + 1 }));
  const stateJson = JSON.stringify(result.state);
  const runs = collapseByKey(result.runUpdates, row.eventSeq + extraEvents.length, limits.maxValueBytes);
  const terminal = TERMINAL.has(status);
  const finishing = terminal && !TERMINAL.has(row.status);
  const admitted = guard?.admitUpTo !== undefined;
  const adhoc = row.workflowId === null;
  const { rows } = await client.query<StepJobsRow & { nodeRunCount: number | null }>({
    // Prepared once per connection: parsing and planning this statement cost ≈ 0.5 ms.
    name: !guard ? "sy_save_step" : !admitted ? "sy_save_step_if_unchanged" : adhoc ? "sy_start_if_admitted_adhoc" : "sy_start_if_admitted",
    text: !guard ? LOCKED_STEP_SQL : !admitted ? GUARDED_STEP_SQL : adhoc ? ADMITTED_START_SQL.adhoc : ADMITTED_START_SQL.workflow,
    values: [
      row.id,
      nowIso,
      JSON.stringify(runs),
      JSON.stringify(numbered),
      stateJson,
      status,
      numbered.length,
      terminal ? JSON.stringify(boundedJson(result.state.output as Json | undefined, limits.maxValueBytes * 16)) : null,
      terminal && result.state.error ? JSON.stringify(result.state.error) : null,
      terminal,
      finishing,
      ...stepQueueParams(queue),
      ...(guard ? [row.stateVersion, row.status] : []),
      // $20–$25: admissionCtes' parameters ($21 repeats the execution id: they are admissionValues, in order).
      ...(admitted ? admissionValues(row, guard.admitUpTo!) : []),
    ],
  });
  const saved = rows[0];
  if (!saved || saved.nodeRunCount === null) return undefined;
  const queued = readStepQueue(queue, saved);
  const notices: Notice[] = jobsReadyNotices(queued.readyJobs);
  if (numbered.length > 0) {
    const range = { executionId: row.id, workflowId: row.workflowId, status, fromSeq: row.eventSeq + 1, toSeq: row.eventSeq + numbered.length };
    notices.push({ channel: EVENTS_CHANNEL, payload: JSON.stringify(range) });
  }
  if (finishing) notices.push({ channel: CHANNEL.finished, payload: row.id });
  return {
    status,
    events: numbered,
    nodeRunCount: saved.nodeRunCount,
    queue: queued,
    state: { version: row.stateVersion + 1, json: stateJson },
    notices,
  };
}

/*
 * ONE round trip for all of a step's writes (data-modifying CTEs always run, even when unreferenced):
 * round trips, not SQL work, dominate a transition's cost (docs/BENCHMARKS.md). When the execution
 * finishes here, the same statement cancels its pending approval tasks. The step's jobs, the claim
 * of the next effect and the completion of the job this step came from ride in it too (step-jobs.ts).
 * Its NOTIFYs do not: the caller sends them after COMMIT (post-commit-notices.ts says why): the
 * "finished" notice, and the seq range of the events it appended on EVENTS_CHANNEL (never the
 * payloads: NOTIFY is capped at 8000 bytes; web processes read the rows, src/server/live/).
 *
 * Parameters: $1 execution id, $2 now, $3 node runs, $4 events, $5 state, $6 status, $7 event count,
 * $8 output, $9 error, $10 terminal, $11 finishing, $12–$17 the queue (stepQueueParams), and for the
 * guarded form $18 and $19 the stateVersion and status the step was computed from.
 */
const runsInsert = (gate: string) => `INSERT INTO "NodeRun" ("executionId", "nodeId", "nodeType", "runKey", key, seq, attempt, status, input, output, error,
                              logs, "startedAt", "finishedAt", "durationMs")
       SELECT $1, u."nodeId", u."nodeType", u."runKey", u."runKey" || '@' || u.attempt, u.seq, u.attempt,
              u.status, u.input, u.output, u.error, u.logs, $2::timestamptz AT TIME ZONE 'UTC',
              CASE WHEN u.terminal THEN $2::timestamptz AT TIME ZONE 'UTC' END, CASE WHEN u.terminal THEN 0 END
         FROM jsonb_to_recordset($3::jsonb) AS u("nodeId" text, "nodeType" text, "runKey" text, seq int, attempt int, status text,
                                                 input jsonb, output jsonb, error jsonb, logs jsonb, terminal boolean)
        WHERE ${gate}
       ON CONFLICT ("executionId", key) DO UPDATE SET
         status = EXCLUDED.status,
         input = coalesce("NodeRun".input, EXCLUDED.input),
         output = EXCLUDED.output,
         error = EXCLUDED.error,
         logs = coalesce(EXCLUDED.logs, "NodeRun".logs),
         "finishedAt" = EXCLUDED."finishedAt",
         "durationMs" = CASE WHEN EXCLUDED."finishedAt" IS NULL THEN NULL
                        ELSE round(EXTRACT(EPOCH FROM (EXCLUDED."finishedAt" - "NodeRun"."startedAt")) * 1000)::int END`;

const otherWrites = (gate: string) => `events AS (
       INSERT INTO "ExecutionEvent" ("executionId", seq, type, payload, "createdAt")
       SELECT $1, e.seq, e.type, e.payload, $2::timestamptz AT TIME ZONE 'UTC'
         FROM jsonb_to_recordset($4::jsonb) AS e(seq int, type text, payload jsonb)
        WHERE ${gate}
       RETURNING 1
     ), closed AS (
       UPDATE "ApprovalTask" SET status = 'cancelled' WHERE $11 AND "executionId" = $1 AND status = 'pending' AND ${gate}
       RETURNING 1
     ), ${stepJobsCtes(12, gate)}`;

const executionSet = (newRuns: string) => `state = $5, status = $6, "stateVersion" = "stateVersion" + 1, "eventSeq" = "eventSeq" + $7,
        "nodeRunCount" = "nodeRunCount" + ${newRuns}, "admissionDeferred" = false,
        output = $8, error = $9,
        "startedAt" = coalesce("startedAt", $2::timestamptz AT TIME ZONE 'UTC'),
        "finishedAt" = CASE WHEN $10 THEN clock_timestamp() AT TIME ZONE 'UTC' ELSE NULL END`;

/** Under the row lock (advance-execution.ts): the new node runs are counted from the upsert itself. */
const LOCKED_STEP_SQL = `WITH runs AS (
       ${runsInsert("true")}
       RETURNING (xmax = 0) AS inserted
     ), ${otherWrites("true")}
     UPDATE "Execution" SET ${executionSet("(SELECT count(*)::int FROM runs WHERE inserted)")}
      WHERE id = $1
     RETURNING "nodeRunCount", ${STEP_JOBS_RETURNING}`;

/**
 * Without the lock: the execution's row is updated first, only at the expected version, and every
 * other write is gated on that update having happened. Reading `written` makes it run first, so its
 * row lock is taken before any other row is touched (the locked path's order: no deadlock between
 * the two). The update waits for a transaction that holds the row and then sees that transaction's
 * version, so a concurrent step makes this one write nothing. The new node runs are counted against
 * the statement's snapshot, which is the database as of `expectVersion` when the update succeeds
 * (every write of node runs bumps stateVersion).
 */
const WRITTEN = "EXISTS (SELECT 1 FROM written)";
/** `written` and every write gated on it, the final SELECT included; the update also needs `also` (SQL) to hold. */
const guardedWrites = (also = "true") => `written AS (
       UPDATE "Execution" SET ${executionSet(`(SELECT count(*)::int FROM jsonb_to_recordset($3::jsonb) AS n("runKey" text, attempt int)
                                               WHERE NOT EXISTS (SELECT 1 FROM "NodeRun" r WHERE r."executionId" = $1 AND r.key = n."runKey" || '@' || n.attempt))`)}
        WHERE id = $1 AND "stateVersion" = $18::int AND status = $19 AND ${also}
       RETURNING "nodeRunCount"
     ), runs AS (
       ${runsInsert(WRITTEN)}
       RETURNING 1
     ), ${otherWrites(WRITTEN)}
     SELECT (SELECT "nodeRunCount" FROM written) AS "nodeRunCount", ${STEP_JOBS_RETURNING}`;
const GUARDED_STEP_SQL = `WITH ${guardedWrites()}`;

/**
 * A start that waits (a timer, an effect) without the row lock: the guarded write above plus the
 * admission claim (admission.ts), all or nothing. `locked` takes the row lock inside the statement,
 * only if the row is still as read, before anything else is touched (the locked path's order: the
 * row, then a slot); the slot is claimed only then (and when no deferred execution is ahead and the
 * quota has room); the row is updated only if a slot was claimed; every other write is gated on that
 * update. So it writes either the whole start with its slot or nothing: a start refused a slot, or
 * whose row changed, goes to the locked path, which defers it or sees what changed.
 */
const admittedStartSql = (owner: Pick<ExecutionRow, "workflowId">) => `WITH locked AS (
       SELECT 1 FROM "Execution" WHERE id = $1 AND "stateVersion" = $18::int AND status = $19 FOR UPDATE
     ), ${admissionCtes(owner, { workflowId: "$20", execution: "$21", priority: "$22", createdAt: "$23", owner: "$24", limit: "$25" }, "EXISTS (SELECT 1 FROM locked)")},
     ${guardedWrites("EXISTS (SELECT 1 FROM claimed)")}`;
const ADMITTED_START_SQL = { workflow: admittedStartSql({ workflowId: "" }), adhoc: admittedStartSql({ workflowId: null }) };

/**
 * One row per NodeRun key: the last status wins, the first input is kept.
 * `seq` is the number of the run's first event in this step (events for run
 * updates follow the extra events, one per update, in order).
 */
function collapseByKey(updates: readonly NodeRunUpdate[], firstSeq: number, maxValueBytes: number) {
  const byKey = new Map<string, Record<string, unknown>>();
  for (const [index, u] of updates.entries()) {
    const key = `${u.runKey}@${u.attempt}`;
    const previous = byKey.get(key);
    byKey.set(key, {
      seq: (previous?.seq as number | undefined) ?? firstSeq + index + 1,
      nodeId: u.nodeId,
      nodeType: u.nodeType,
      runKey: u.runKey,
      attempt: u.attempt,
      status: u.status,
      input: (previous?.input as Json | undefined) ?? boundedJson(u.input, maxValueBytes),
      output: boundedJson(u.output, maxValueBytes),
      error: u.error ?? null,
      // Small by construction (the sandbox keeps ≤ 101 lines of ≤ 2,000 characters): stored as is.
      logs: u.logs !== undefined && u.logs.length > 0 ? u.logs : ((previous?.logs as unknown[] | null | undefined) ?? null),
      terminal: u.status !== "running" && u.status !== "waiting",
    });
  }
  return [...byKey.values()];
}
