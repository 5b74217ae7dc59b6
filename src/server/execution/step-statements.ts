import type { ExecutionRow } from "./execution-row";
import { admissionCtes, admissionValues, deferredOfOwner } from "./admission";
import { JOB } from "./jobs";
import { STEP_JOBS_RETURNING, stepJobsCtes } from "./step-jobs";

/**
 * The SQL of save-step.ts's write, one text per form (each a prepared statement): under the row lock;
 * guarded by the row's version (known-step.ts, unlocked-start.ts, unlocked-event.ts), with an admission
 * claim or a slot release; and the insert of an execution with its first step (eager-start.ts).
 */

/** How a write is guarded (none: under the row lock). At most one of the three. */
export type StepGuard = {
  /** Claim an admission slot too, under this quota (a start that waits, unlocked-start.ts). */
  admitUpTo?: number;
  /** Insert the execution with its first step (eager-start.ts). */
  insert?: FirstStepInsert;
  /** Free the execution's admission slot if the step ends it, and return the owner's deferred executions (unlocked-event.ts). */
  release?: { limit: number };
};

/**
 * What an execution's first step, written together with the execution itself (eager-start.ts), is
 * checked against and inserted with: the workflow's latest version (the row is written only while it
 * still is, and the workflow is not deleted), the start-job priority that a start job waiting in the
 * queue must not match or beat (else this start would jump a backlog), and the row's own columns.
 * `admitUpTo`: the start waits, so it must claim an admission slot too (all or nothing).
 */
export type FirstStepInsert = { expectVersion: number; versionId: string; trigger: string; startJobPriority: number; admitUpTo?: number };

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
const guardedCtes = (also = "true") => `written AS (
       UPDATE "Execution" SET ${executionSet(`(SELECT count(*)::int FROM jsonb_to_recordset($3::jsonb) AS n("runKey" text, attempt int)
                                               WHERE NOT EXISTS (SELECT 1 FROM "NodeRun" r WHERE r."executionId" = $1 AND r.key = n."runKey" || '@' || n.attempt))`)}
        WHERE id = $1 AND "stateVersion" = $18::int AND status = $19 AND ${also}
       RETURNING "nodeRunCount"
     ), runs AS (
       ${runsInsert(WRITTEN)}
       RETURNING 1
     ), ${otherWrites(WRITTEN)}`;
const GUARDED_SELECT = `SELECT (SELECT "nodeRunCount" FROM written) AS "nodeRunCount", ${STEP_JOBS_RETURNING}`;
/** `written` and every write gated on it, the final SELECT included; the update also needs `also` (SQL) to hold. */
const guardedWrites = (also = "true") => `${guardedCtes(also)}
     ${GUARDED_SELECT}`;
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
const ADMITTED_START_SQL = `WITH locked AS (
       SELECT 1 FROM "Execution" WHERE id = $1 AND "stateVersion" = $18::int AND status = $19 FOR UPDATE
     ), ${admissionCtes({ execution: "$20", priority: "$21", createdAt: "$22", owner: "$23", limit: "$24" }, "EXISTS (SELECT 1 FROM locked)")},
     ${guardedWrites("EXISTS (SELECT 1 FROM claimed)")}`;

/** The prepared statement (name and text) of each form of the write. */
/**
 * The prepared statement (name and text) of each form of the write, and its parameters after the
 * seventeen every form shares ($1–$17, save-step.ts).
 */
export function statementFor(row: ExecutionRow, guard: StepGuard | undefined): { name: string; text: string; moreValues: unknown[] } {
  if (!guard) return { name: "sy_save_step", text: LOCKED_STEP_SQL, moreValues: [] };
  const { insert, release, admitUpTo } = guard;
  if (insert) {
    if (row.workflowId === null) throw new Error("an eager start is for a stored workflow");
    const admitted = insert.admitUpTo !== undefined;
    return {
      ...(admitted ? { name: "sy_first_step_admitted", text: FIRST_STEP_SQL.admitted } : { name: "sy_first_step", text: FIRST_STEP_SQL.plain }),
      // $18–$26, and $27–$28 when admitted (firstStepSql).
      moreValues: [
        insert.expectVersion,
        insert.startJobPriority,
        row.workflowId,
        insert.versionId,
        row.priority,
        row.mode,
        JSON.stringify(row.input ?? {}),
        insert.trigger,
        row.startedBy,
        ...(admitted ? [row.owner, insert.admitUpTo] : []),
      ],
    };
  }
  // $18, $19: the stateVersion and status the step was computed from.
  const expected = [row.stateVersion, row.status];
  if (release) {
    return { name: "sy_step_releasing", text: RELEASING_STEP_SQL, moreValues: [...expected, row.owner, release.limit] }; // $20, $21 (RELEASING_STEP_SQL)
  }
  if (admitUpTo === undefined) return { name: "sy_save_step_if_unchanged", text: GUARDED_STEP_SQL, moreValues: expected };
  return {
    name: "sy_start_if_admitted",
    text: ADMITTED_START_SQL,
    // $20–$24: admissionCtes' parameters ($20 repeats the execution id: they are admissionValues, in order).
    moreValues: [...expected, ...admissionValues(row, admitUpTo)],
  };
}

/**
 * The guarded write of an event step (unlocked-event.ts) that may end the execution: when it does ($10),
 * the execution's admission slot is freed in the same statement (gated on the update, like every other
 * write), and the owner's deferred executions that could take it come back (`deferred`), for the caller
 * to wake once committed. $20 the owner (admission.ts), $21 the quota.
 */
const RELEASING_STEP_SQL = `WITH ${guardedCtes()}, freed AS (
       DELETE FROM "AdmissionSlot" WHERE "executionId" = $1 AND $10 AND ${WRITTEN} RETURNING 1
     )
     ${GUARDED_SELECT},
       (SELECT json_agg(json_build_object('id', d.id, 'priority', d.priority))
          FROM (${deferredOfOwner({ owner: "$20", execution: "$1", limit: "$21::int" })}) d
         WHERE EXISTS (SELECT 1 FROM freed)) AS deferred`;

/**
 * The execution inserted already past its start step (eager-start.ts), for a stored workflow.
 * `allowed`: the version is still the workflow's latest and the workflow not deleted (as the plain
 * start's insert checks), and no start job waits in the queue at this priority or above — the queue
 * orders starts by priority, and this one must not jump it (graphile-worker's partial index on
 * available jobs, ordered by priority then run_at, answers it). A start that waits claims its
 * admission slot too, gated on `allowed`; the row is inserted only if it got one. Every other write
 * is gated on the insert, as in the guarded form. The slot's, node runs' and events' foreign keys to
 * the new row are checked at the end of the statement, when it exists.
 *
 * Parameters: $1–$17 as every form; $18 the expected latest version, $19 the start job priority
 * (graphile-worker's: lower runs first), $20 workflow id, $21 version id, $22 priority, $23 mode,
 * $24 input, $25 trigger, $26 the user who started it; when admitted $27 the owner (admissionOwnerOf:
 * the key the insert trigger files the row under) and $28 the quota.
 */
const firstStepSql = (admitted: boolean) => `WITH allowed AS (
       SELECT 1 WHERE EXISTS (SELECT 1 FROM "Workflow" w WHERE w.id = $20::text AND w."latestVersion" = $18::int AND w."deletedAt" IS NULL)
         AND NOT EXISTS (SELECT 1 FROM graphile_worker._private_jobs j
                          WHERE j.is_available AND j.priority <= $19::int AND j.run_at <= now()
                            AND j.task_id = (SELECT t.id FROM graphile_worker._private_tasks t WHERE t.identifier = '${JOB.start}'))
     ), ${
       admitted
         ? `${admissionCtes({ execution: "$1", priority: "$22::int", createdAt: "($2::timestamptz AT TIME ZONE 'UTC')", owner: "$27", limit: "$28" }, "EXISTS (SELECT 1 FROM allowed)")},`
         : ""
     } written AS (
       INSERT INTO "Execution" (id, "workflowId", "workflowVersionId", status, mode, priority, input, trigger, "startedBy", state, "stateVersion",
                                "eventSeq", "nodeRunCount", output, error, "createdAt", "startedAt", "finishedAt")
       SELECT $1, $20::text, $21::text, $6, $23::text, $22::int, $24::jsonb, $25::text, $26::text, $5::jsonb, 1,
              $7::int, jsonb_array_length($3::jsonb), $8::jsonb, $9::jsonb,
              $2::timestamptz AT TIME ZONE 'UTC', $2::timestamptz AT TIME ZONE 'UTC', CASE WHEN $10 THEN clock_timestamp() AT TIME ZONE 'UTC' END
        WHERE EXISTS (SELECT 1 FROM allowed) AND ${admitted ? "EXISTS (SELECT 1 FROM claimed)" : "true"}
       RETURNING "nodeRunCount"
     ), runs AS (
       ${runsInsert(WRITTEN)}
       RETURNING 1
     ), ${otherWrites(WRITTEN)}
     SELECT (SELECT "nodeRunCount" FROM written) AS "nodeRunCount", ${STEP_JOBS_RETURNING}`;
const FIRST_STEP_SQL = { plain: firstStepSql(false), admitted: firstStepSql(true) };

