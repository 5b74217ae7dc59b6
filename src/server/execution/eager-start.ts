import { randomUUID } from "node:crypto";
import type pg from "pg";
import { startExecution } from "@/engine/interpreter";
import { SandboxUnavailableError, type Sandbox } from "@/engine/ports";
import type { Json, StepContext, StepResult } from "@/engine/execution-types";
import { sendNotices } from "@/server/db/post-commit-notices";
import type { AdvanceDeps } from "./advance-execution";
import { admissionOwnerOf } from "./admission";
import { applyCommands } from "./apply-commands";
import { nodeRunCap, ownerQuota, storedLimits } from "./driver-limits";
import { enqueueJobs } from "./enqueue-jobs";
import type { ExecutionRow } from "./execution-row";
import { executionTimeoutJob, startJob } from "./jobs";
import { saveGuardedStep } from "./save-step";
import { startShape } from "./unlocked-start";
import { versionMemo } from "./version-memo";
import { loadVersionWorkflow } from "./workflow-cache";

/**
 * Eager start (Temporal's "eager workflow start", for the same reason): the
 * request that starts an execution also makes its start step, and inserts the
 * execution already past it — with its node runs, events, timers and effect
 * jobs, and its admission slot — in ONE statement. The plain start inserts a
 * queued row and a start job; a worker then picks the job, reads the row,
 * computes the same step and writes it: two more statements, a job round
 * trip and ≈ 40 % more CPU per execution (docs/BENCHMARKS.md).
 *
 * Only a start that needs nothing but the pure engine qualifies, and it is
 * tried only when it is cheap:
 * - the step may not run user code: the engine gets a sandbox that refuses
 *   (SandboxUnavailableError aborts the step). Expressions and `return …`
 *   bodies the fast path answers need none. The web process never runs a
 *   `code` node;
 * - it ends the execution, or waits only for timers and effects
 *   (unlocked-start.ts's shapes) — approvals and sub-workflows need queries;
 * - its starts record at most EAGER_MAX_NODE_RUNS node runs: a request is no
 *   place for a loop over 10,000 items. A larger one is still written (it is
 *   made), and the version's next starts go the plain way. (Counted, not timed:
 *   a process's first steps are slow while it warms up, and a timed rule
 *   turned versions away for that);
 * - and the statement writes it only when no start job waits in the queue at
 *   this priority or above (so a start never jumps a backlog: priorities hold),
 *   the version is still the latest, and, for a start that waits, it got an
 *   admission slot.
 * A version whose start did not qualify is remembered, and its next starts go
 * the plain way at once. Anything refused returns undefined having written
 * nothing, and the caller inserts the plain queued start.
 */
export type EagerStart = {
  workflowId: string;
  versionId: string;
  /** The version number the statement checks is still the workflow's latest. */
  version: number;
  priority: number;
  input: Json;
  trigger: string;
  /** The user who starts it (admission.ts: whose quota it counts against), or null. */
  startedBy: string | null;
};

export const EAGER_MAX_NODE_RUNS = 200;

/** The engine's sandbox port in a request: refuses, so a step that would run user code is left to a worker. */
const REFUSING_SANDBOX: Sandbox = {
  evaluateExpression() {
    throw new SandboxUnavailableError("no sandbox in an eager start");
  },
  runCode() {
    throw new SandboxUnavailableError("no sandbox in an eager start");
  },
};

export async function startEagerly(deps: Omit<AdvanceDeps, "sandbox">, start: EagerStart): Promise<string | undefined> {
  if (notEager.has(start.versionId)) return undefined;
  const limits: AdvanceDeps = { ...deps, sandbox: REFUSING_SANDBOX };
  const client = await deps.pool.connect();
  try {
    const workflow = await loadVersionWorkflow(client, start.versionId);
    if (!workflow) return undefined;
    const now = deps.now?.() ?? new Date();
    const owner = { startedBy: start.startedBy, workflowId: start.workflowId };
    const row: ExecutionRow = {
      ...owner,
      owner: admissionOwnerOf(owner), // the key the insert trigger files the row under
      id: randomUUID(),
      status: "queued",
      mode: "normal",
      priority: start.priority,
      input: start.input,
      state: null,
      stateVersion: 0,
      eventSeq: 0,
      nodeRunCount: 0,
      workflowVersionId: start.versionId,
      graph: null,
      parentExecutionId: null,
      parentRunKey: null,
      createdAt: now,
      startedAt: null,
    };
    const ctx: StepContext = { executionId: row.id, startedAt: now.toISOString(), mode: "normal", now: now.toISOString() };
    const result = computeStart(workflow, row, ctx);
    const shape = result && startShape(result, nodeRunCap(limits));
    if (!result || shape === "locked") {
      notEager.set(start.versionId, true);
      return undefined;
    }
    if (result.runUpdates.length > EAGER_MAX_NODE_RUNS) notEager.set(start.versionId, true);
    const timeout = shape === "waits" ? executionTimeoutJob(row, workflow.settings?.timeoutSeconds, now) : undefined;
    // Timers and effects only (the shape): applyCommands makes their jobs without a query.
    const jobs = [...(await applyCommands(client, row, result.state, result.commands)), ...(timeout ? [timeout] : [])];
    const saved = await saveGuardedStep(client, row, result, now, storedLimits(limits), { jobs }, {
      insert: {
        expectVersion: start.version,
        versionId: start.versionId,
        trigger: start.trigger,
        startJobPriority: startJob(row).priority,
        admitUpTo: shape === "waits" ? ownerQuota(limits) : undefined,
      },
    });
    if (!saved) return undefined;
    sendNotices(deps.pool, saved.notices);
    // Keyed jobs (timers, the timeout) are named after this new execution: no job can hold their keys. Were
    // one skipped all the same, add_job takes it, as writeUnlockedStep does.
    await enqueueJobs(client, jobs.filter((_, i) => saved.queue.jobIds[i] === null));
    return row.id;
  } finally {
    client.release();
  }
}

/** The start step, or undefined when it cannot be made here: it would run user code, or the engine threw (a worker reports it). */
function computeStart(workflow: Parameters<typeof startExecution>[0], row: ExecutionRow, ctx: StepContext): StepResult | undefined {
  try {
    return startExecution(workflow, row.input, ctx, { sandbox: REFUSING_SANDBOX });
  } catch {
    return undefined;
  }
}

/**
 * Versions whose start did not qualify. A version never changes, but its start may differ by input (a
 * branch to a `code` node): one start that did not qualify is enough to stop trying, so a request
 * computes such a start at most once.
 */
const notEager = versionMemo<true>();
