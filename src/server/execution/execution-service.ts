import { randomUUID } from "node:crypto";
import type pg from "pg";
import type { ApprovalDecision, ExecutionMode, Json } from "@/engine/execution-types";
import type { WorkflowDocument } from "@/engine/workflow-schema";
import { DomainError, notFound } from "@/server/errors";
import { requireValidDocument } from "@/server/services/workflow-document";
import { startEagerly } from "./eager-start";
import { enqueueJobs } from "./enqueue-jobs";
import { findLatestVersion, forgetLatestVersion, rememberedLatestVersion } from "./latest-version";
import { endQueuedExecution } from "./end-queued-execution";
import { lockExecution, TERMINAL } from "./execution-row";
import { JOB, startJob, toJobPriority } from "./jobs";
import { sendNotices } from "@/server/db/post-commit-notices";
import { jobsReadyNotices, readStepQueue, STEP_JOBS_RETURNING, stepJobsCtes, stepQueueParams, type StepJobsRow } from "./step-jobs";

/**
 * Starting, cancelling and signalling executions. Every change to a running
 * execution goes through a job that the worker applies with
 * `advanceExecution`. The one step a request may make itself is an
 * execution's start, when it needs only the pure engine (eager-start.ts),
 * written by the same statement forms as a worker's.
 */
export type StartRequest = {
  /** A stored workflow (its newest version), or… */
  workflowId?: string;
  /** …a document run without storing it (`wf run FILE`). */
  document?: unknown;
  input?: Json;
  mode?: ExecutionMode;
  priority?: number;
  /**
   * Same key within `idempotencyTtlSeconds` ⇒ the same execution is returned instead of a new one. A key
   * belongs to the workflow it started: given for another workflow (or document), the start is refused.
   */
  idempotencyKey?: string;
  /** How long a key is remembered (default 24 h); after that the key starts a new execution. */
  idempotencyTtlSeconds?: number;
  /** How it was started, shown in the run list. Default `cli`: the command line is the one caller that does not say. */
  trigger?: ExecutionTrigger;
  /** The signed-in user starting it (the UI, an API token): its admission quota is theirs (admission.ts). */
  startedBy?: string;
  /**
   * Make the start step in this request when it qualifies (eager-start.ts): the API, the UI and the CLI
   * do. Without it the execution is always inserted queued, for a worker to start (tests that need a
   * queued execution do so).
   */
  eager?: boolean;
};

/** How an execution was started (Execution.trigger). */
export const EXECUTION_TRIGGERS = ["manual", "api", "cli", "webhook", "schedule", "subworkflow", "replay"] as const;
export type ExecutionTrigger = (typeof EXECUTION_TRIGGERS)[number];

export const DEFAULT_IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

/** What a start runs: a stored workflow's version, or a document given with the request. */
type StartTarget = {
  workflowId: string | null;
  versionId: string | null;
  /** The stored version's number, when known (an eager start checks it is still the latest). */
  version?: number;
  document: WorkflowDocument | null;
  settingsPriority: number | null | undefined;
};

async function startTarget(pool: pg.Pool, request: StartRequest): Promise<StartTarget> {
  if (request.workflowId) {
    const latest = await findLatestVersion(pool, request.workflowId);
    if (!latest) throw notFound("Workflow", request.workflowId);
    return { workflowId: request.workflowId, versionId: latest.versionId, version: latest.version, document: null, settingsPriority: latest.priority };
  }
  if (request.document !== undefined) {
    const document = requireValidDocument(request.document);
    return { workflowId: null, versionId: null, document, settingsPriority: document.settings?.priority };
  }
  throw new DomainError("BAD_REQUEST", "give either a workflowId or a document to run");
}

/** The request's priority, else the workflow's `settings.priority`, else 0. */
const startPriority = (request: StartRequest, target: StartTarget) => request.priority ?? target.settingsPriority ?? 0;

/** $1–$7 of both start statements. */
function startValues(request: StartRequest, target: StartTarget): unknown[] {
  return [
    target.workflowId,
    target.versionId,
    target.document === null ? null : JSON.stringify(target.document),
    request.mode ?? "normal",
    startPriority(request, target),
    JSON.stringify(request.input ?? {}),
    request.trigger ?? "cli",
  ];
}

/**
 * A start without an idempotency key, in ONE statement (autocommit): the row and its start job commit
 * together. The job is written as a transition writes its jobs (step-jobs.ts), without graphile-worker's
 * add_job. With `expectVersion`, only if that is still the workflow's latest version and the workflow
 * is not deleted (else nothing is written and the result is undefined).
 */
async function insertStart(pool: pg.Pool, request: StartRequest, target: StartTarget, expectVersion?: number) {
  const executionId = randomUUID();
  const queue = { jobs: [{ ...startJob({ id: executionId, priority: startPriority(request, target), versionId: target.versionId }), jobKey: undefined }] }; // a new id: no key needed
  const { rows } = await pool.query<StepJobsRow & { inserted: number }>({
    name: "sy_start_execution",
    text: `WITH inserted AS (
             INSERT INTO "Execution" (id, "workflowId", "workflowVersionId", graph, status, mode, priority, input, trigger, "startedBy")
             SELECT $8::text, $1::text, $2::text, $3::jsonb, 'queued', $4::text, $5::int, $6::jsonb, $7::text, $16::text
              WHERE $15::int IS NULL
                 OR EXISTS (SELECT 1 FROM "Workflow" w WHERE w.id = $1::text AND w."latestVersion" = $15::int AND w."deletedAt" IS NULL)
             RETURNING id
           ), ${stepJobsCtes(9, "EXISTS (SELECT 1 FROM inserted)")}
           SELECT (SELECT count(*)::int FROM inserted) AS inserted, ${STEP_JOBS_RETURNING}`,
    values: [...startValues(request, target), executionId, ...stepQueueParams(queue), expectVersion ?? null, request.startedBy ?? null],
  });
  if (rows[0]!.inserted === 0) return undefined;
  sendNotices(pool, jobsReadyNotices(readStepQueue(queue, rows[0]!).readyJobs));
  return { executionId, created: true };
}

/** The start made in this request (eager-start.ts) when it was asked for and qualifies; else undefined, nothing written. */
async function startEagerlyIfAsked(pool: pg.Pool, request: StartRequest, target: StartTarget) {
  if (!request.eager || (request.mode ?? "normal") !== "normal" || !target.workflowId || !target.versionId || target.version === undefined) return undefined;
  const executionId = await startEagerly(
    { pool },
    {
      workflowId: target.workflowId,
      versionId: target.versionId,
      version: target.version,
      priority: startPriority(request, target),
      input: request.input ?? {},
      trigger: request.trigger ?? "cli",
      startedBy: request.startedBy ?? null,
    },
  );
  return executionId ? { executionId, created: true } : undefined;
}

export async function startExecutionRequest(pool: pg.Pool, request: StartRequest): Promise<{ executionId: string; created: boolean }> {
  if (request.workflowId && !request.idempotencyKey) {
    // Usually ONE statement: the version this process last found for the workflow, which the insert
    // checks is still the latest (another process may have saved a newer one: then look it up).
    const guess = rememberedLatestVersion(request.workflowId);
    if (guess) {
      const target: StartTarget = { workflowId: request.workflowId, versionId: guess.versionId, version: guess.version, document: null, settingsPriority: guess.priority };
      const started = (await startEagerlyIfAsked(pool, request, target)) ?? (await insertStart(pool, request, target, guess.version));
      if (started) return started;
      forgetLatestVersion(request.workflowId);
    }
  }
  const target = await startTarget(pool, request);
  if (!request.idempotencyKey) return (await startEagerlyIfAsked(pool, request, target)) ?? (await insertStart(pool, request, target))!;

  const values = startValues(request, target);
  // Loops only when the key it found was released meanwhile (see below).
  for (;;) {
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      {
        // An expired key is forgotten (the old execution keeps its history, not the key).
        await client.query(
          `UPDATE "Execution" SET "idempotencyKey" = NULL
            WHERE "idempotencyKey" = $1 AND "createdAt" < (now() AT TIME ZONE 'UTC') - make_interval(secs => $2)`,
          [request.idempotencyKey, request.idempotencyTtlSeconds ?? DEFAULT_IDEMPOTENCY_TTL_SECONDS],
        );
      }
      // Concurrent starts with one key: the unique index lets exactly one insert win; the others wait
      // for it to commit (ON CONFLICT's speculative insertion) and then return the winner.
      const inserted = await client.query<{ id: string }>(
        `INSERT INTO "Execution" (id, "workflowId", "workflowVersionId", graph, status, mode, priority, input, trigger, "idempotencyKey", "startedBy")
         VALUES (gen_random_uuid()::text, $1, $2, $3, 'queued', $4, $5, $6, $7, $8, $9)
         ON CONFLICT ("idempotencyKey") DO NOTHING RETURNING id`,
        [...values, request.idempotencyKey, request.startedBy ?? null],
      );
      const created = inserted.rows[0];
      if (!created) {
        await client.query("ROLLBACK"); // nothing of this start stays written, whatever follows
        // Same client: asking the pool for a second one while holding this one can exhaust it under a burst.
        const { rows } = await client.query<{ id: string; sameWorkflow: boolean }>(
          `SELECT id, ("workflowId" IS NOT DISTINCT FROM $2::text AND ($2::text IS NOT NULL OR graph = $3::jsonb)) AS "sameWorkflow"
             FROM "Execution" WHERE "idempotencyKey" = $1`,
          [request.idempotencyKey, values[0], values[2]],
        );
        const existing = rows[0];
        // Its key expired meanwhile (another start with a shorter TTL): the key is free again, so start anew.
        if (!existing) continue;
        // A key names ONE start of ONE workflow (a stored workflow by id; a document run unstored by its
        // content): returning another workflow's execution would tell the caller its start happened when it did not.
        if (!existing.sameWorkflow) throw keyUsedForAnotherWorkflow(request.idempotencyKey, target);
        return { executionId: existing.id, created: false };
      }
      await enqueueJobs(client, [startJob({ id: created.id, priority: startPriority(request, target), versionId: target.versionId })]);
      await client.query("COMMIT");
      return { executionId: created.id, created: true };
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }
}

function keyUsedForAnotherWorkflow(key: string, target: StartTarget): DomainError {
  const what = target.workflowId ? `workflow ${target.workflowId}` : "this workflow document";
  return new DomainError(
    "CONFLICT",
    `idempotency key "${key}" was already used to start another workflow, not ${what}: a key starts one workflow only, so use a different key`,
  );
}

/** Ask an execution to stop. Queued ones end at once; running ones through the engine (effects aborted). */
export async function cancelExecution(pool: pg.Pool, executionId: string): Promise<{ status: string }> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const row = await lockExecution(client, executionId);
    if (!row) throw notFound("Execution", executionId);
    if (TERMINAL.has(row.status)) {
      await client.query("ROLLBACK");
      return { status: row.status };
    }
    if (row.status === "queued") {
      const error = { type: "Cancelled" as const, message: "the execution was cancelled before it started" };
      await enqueueJobs(client, await endQueuedExecution(client, row, "cancelled", error));
    } else {
      // Cancels jump the queue: they must not wait behind the work they stop.
      await enqueueJobs(client, [
        { identifier: JOB.event, payload: { executionId, event: { type: "cancel-requested" } }, priority: toJobPriority(row.priority) - 1000 },
      ]);
    }
    await client.query("COMMIT");
    return { status: row.status === "queued" ? "cancelled" : "cancelling" };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Record a person's decision on a pending approval task and wake the
 * execution. A task is decided once: a second decision is a CONFLICT.
 */
export async function decideApproval(
  pool: pg.Pool,
  request: { taskId: string; decision: "approved" | "rejected"; data?: Json; comment?: string; by?: string },
): Promise<{ executionId: string; runKey: string }> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const { rows } = await client.query<{ executionId: string; runKey: string; status: string; priority: number }>(
      `SELECT t."executionId", t."runKey", t.status, e.priority FROM "ApprovalTask" t JOIN "Execution" e ON e.id = t."executionId"
        WHERE t.id = $1 FOR UPDATE OF t`,
      [request.taskId],
    );
    const task = rows[0];
    if (!task) throw notFound("Approval task", request.taskId);
    if (task.status !== "pending") throw new DomainError("CONFLICT", `approval task ${request.taskId} is already ${task.status}`);
    const at = new Date().toISOString();
    await client.query(
      `UPDATE "ApprovalTask" SET status = $2, data = $3, comment = $4, "decidedBy" = $5, "decidedAt" = $6::timestamptz AT TIME ZONE 'UTC' WHERE id = $1`,
      [request.taskId, request.decision, request.data === undefined ? null : JSON.stringify(request.data), request.comment ?? null, request.by ?? null, at],
    );
    const decision: ApprovalDecision = { decision: request.decision, data: request.data ?? null, by: request.by, comment: request.comment, at };
    await enqueueJobs(client, [
      {
        identifier: JOB.event,
        payload: { executionId: task.executionId, event: { type: "approval-decided", runKey: task.runKey, decision } },
        priority: toJobPriority(task.priority),
      },
    ]);
    await client.query("COMMIT");
    return { executionId: task.executionId, runKey: task.runKey };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
