import type pg from "pg";
import { applyEvent, startExecution } from "@/engine/interpreter";
import type { EngineEvent, StepContext, StepResult } from "@/engine/execution-types";
import type { Sandbox } from "@/engine/ports";
import { nodeRunCap, ownerQuota, storedLimits } from "./driver-limits";
import { admitExecution, releaseSlot, takesSlot } from "./admission";
import { applyCommands } from "./apply-commands";
import { endQueuedExecution } from "./end-queued-execution";
import { completeClaimedJob, type JobClaim } from "./claimed-jobs";
import { enqueueJobs, type EnqueuedJob } from "./enqueue-jobs";
import { beginAndLockExecution, rowAfterStep, TERMINAL, type KnownState } from "./execution-row";
import { advanceFromKnownState, stepQueue } from "./known-step";
import { learnStartShape, startShape, startWithoutLockExpected, startWithoutLock } from "./unlocked-start";
import { timerWithoutLock } from "./unlocked-event";
import { executionTimeoutJob } from "./jobs";
import { saveStep } from "./save-step";
import { sendNotices } from "@/server/db/post-commit-notices";
import { loadExecutionWorkflow } from "./workflow-cache";

/**
 * The one way an execution changes: lock its row, apply one engine step,
 * write state + node runs + events, create rows and enqueue follow-up jobs —
 * all in ONE transaction. A crash anywhere rolls the whole transition back;
 * the job that carried the event is then retried, and because the engine
 * ignores stale and duplicate events, delivering it twice changes nothing the
 * second time.
 *
 * Two kinds of step skip the lock and are ONE guarded statement instead, which
 * writes only if the row is still as read (and otherwise nothing, falling back
 * to the locked path below): the next step of a chain whose row this worker
 * committed itself (known-step.ts), and a start that ends the execution at once
 * (unlocked-start.ts).
 */
export type AdvanceDeps = {
  pool: pg.Pool;
  sandbox: Sandbox;
  now?: () => Date;
  /** Admission quota (see admission.ts); default MAX_ACTIVE_EXECUTIONS_PER_OWNER. */
  maxActivePerOwner?: number;
  /** Node runs one execution may record before it is failed; default MAX_NODE_RUNS_PER_EXECUTION. */
  maxNodeRuns?: number;
  /** Stored input/output cap in bytes; default MAX_STORED_VALUE_KB. */
  maxValueBytes?: number;
};

export type AdvanceOutcome = {
  status: string;
  applied: boolean;
  /** The jobs this transition enqueued (committed), with their ids. */
  enqueued?: EnqueuedJob[];
  /** True when `options.completeJob` was completed in this transition's transaction. */
  completedJob?: boolean;
  /** The effect job of this execution claimed for `options.claimNextEffectFor` in this transaction. */
  claimedEffect?: EnqueuedJob;
  /** The state this transition committed (pass it as `knownState` to the next transition this worker makes). */
  state?: KnownState;
};

export type AdvanceOptions = {
  /**
   * A graphile-worker job this worker claimed itself (an effect run inline, see
   * worker/tasks/inline-effects.ts): completed (deleted) in this transition's
   * transaction when it commits, so "result recorded" and "job done" are one
   * atomic change. Only if it is still locked by `workerId` (a sweeper may have
   * released it to another worker meanwhile).
   */
  completeJob?: JobClaim;
  /**
   * A worker id: if this transition enqueues an effect of this execution to run
   * now, claim it for that worker in the same transaction (the caller then runs it).
   */
  claimNextEffectFor?: string;
  /** The state this worker's previous transition of this execution committed (execution-row.ts). */
  knownState?: KnownState;
  /** For a start: the workflow version the start job names (StartPayload.versionId), see unlocked-start.ts. */
  versionHint?: string;
};

export async function advanceExecution(
  deps: AdvanceDeps,
  executionId: string,
  event: EngineEvent | { type: "start" },
  options: AdvanceOptions = {},
): Promise<AdvanceOutcome> {
  if (options.knownState?.row && event.type !== "start") {
    const known = await advanceFromKnownState(deps, executionId, event, options);
    if (known) return known;
  }
  if (event.type === "timer-fired") {
    const fired = await timerWithoutLock(deps, executionId, event, options);
    if (fired) return fired;
  }
  if (event.type === "start" && startWithoutLockExpected(options.versionHint)) {
    const started = await startWithoutLock(deps, executionId, options);
    if (started) return started;
  }
  const client = await deps.pool.connect();
  try {
    const row = await beginAndLockExecution(client, executionId, options.knownState);
    if (!row) {
      await client.query("ROLLBACK");
      return { status: "missing", applied: false };
    }
    const isStart = event.type === "start";
    if (!isStart && row.status === "queued" && (event.type === "cancel-requested" || event.type === "execution-timed-out")) {
      // Never started (waiting for its start job or an admission slot): end it without the engine.
      const cancelled = event.type === "cancel-requested";
      const error = cancelled
        ? { type: "Cancelled" as const, message: "the execution was cancelled before it started" }
        : { type: "Timeout" as const, message: "the execution timed out before it started" };
      await enqueueJobs(client, await endQueuedExecution(client, row, cancelled ? "cancelled" : "timed_out", error));
      await client.query("COMMIT");
      return { status: cancelled ? "cancelled" : "timed_out", applied: true };
    }
    if (TERMINAL.has(row.status) || (isStart ? row.status !== "queued" : row.state === null)) {
      await client.query("ROLLBACK");
      return { status: row.status, applied: false };
    }
    const now = deps.now?.() ?? new Date();
    const workflow = await loadExecutionWorkflow(client, row);
    const ctx: StepContext = {
      executionId: row.id,
      startedAt: (row.startedAt ?? now).toISOString(),
      mode: row.mode,
      now: now.toISOString(),
    };
    const ports = { sandbox: deps.sandbox };
    const result: StepResult = isStart
      ? startExecution(workflow, row.input, ctx, ports)
      : applyEvent(workflow, row.state!, event as EngineEvent, ctx, ports);
    const maxNodeRuns = nodeRunCap(deps);
    if (isStart && row.workflowVersionId) learnStartShape(row.workflowVersionId, startShape(result, maxNodeRuns));

    // The engine answers a stale or duplicate event with no updates, no commands and no status change:
    // then nothing is written, so delivering the same job twice changes nothing the second time.
    if (!isStart && result.runUpdates.length === 0 && result.commands.length === 0 && result.state.status === row.status) {
      await client.query("ROLLBACK");
      return { status: row.status, applied: false };
    }
    // Admission comes after the engine step (which may end the execution at once, taking no slot) and
    // before the writes: a refused start commits only its "deferred" mark and stays queued.
    const quota = ownerQuota(deps);
    if (isStart && takesSlot(row) && !TERMINAL.has(result.state.status) && !(await admitExecution(client, row, quota))) {
      await client.query("COMMIT");
      return { status: "queued", applied: false };
    }
    const jobs = await applyCommands(client, row, result.state, result.commands);
    const timeout = isStart && !TERMINAL.has(result.state.status) ? executionTimeoutJob(row, workflow.settings?.timeoutSeconds, now) : undefined;
    if (timeout) jobs.push(timeout);
    const limits = storedLimits(deps);
    // The jobs are written by the step's own statement, with the claim of the next effect and the
    // completion of the job this event came from (step-jobs.ts); a keyed job whose key a job already
    // holds is left to graphile-worker's add_job and its replace-by-key rules (below).
    const { queue, claimIndex } = stepQueue(jobs, executionId, options);
    let saved = await saveStep(client, row, result, now, limits, [], queue);
    let before = row; // the row as the last saveStep found it
    const later: EnqueuedJob[] = [];
    if (saved.nodeRunCount > maxNodeRuns && !TERMINAL.has(saved.status)) {
      // Over the cap: a second step in the same transaction fails the execution and cancels what runs.
      const error = { type: "SandboxLimit" as const, message: `execution exceeded ${maxNodeRuns} node runs (MAX_NODE_RUNS_PER_EXECUTION)` };
      const stopped = applyEvent(workflow, result.state, { type: "limit-exceeded", error }, ctx, ports);
      const afterFirst = {
        ...row,
        status: saved.status,
        eventSeq: row.eventSeq + saved.events.length,
        nodeRunCount: saved.nodeRunCount,
        stateVersion: saved.state.version,
      };
      const stopJobs = await applyCommands(client, afterFirst, stopped.state, stopped.commands);
      const second = await saveStep(client, afterFirst, stopped, now, limits);
      before = afterFirst;
      saved = { ...second, queue: saved.queue, notices: [...saved.notices, ...second.notices] };
      later.push(...(await enqueueJobs(client, stopJobs)));
    }
    // Only an execution that held a slot frees one (one that ends within its start step never took one; a
    // sub-workflow's child takes none, and releaseSlot wakes nobody when it freed nothing).
    if (TERMINAL.has(saved.status) && row.status !== "queued") await releaseSlot(client, row, quota);
    const replaced = await enqueueJobs(client, jobs.filter((_, i) => saved.queue.jobIds[i] === null));
    const enqueued = [...jobs.map((job, i) => ({ ...job, id: saved.queue.jobIds[i] ?? replaced.shift()!.id })), ...later];
    let claimed = saved.queue.claimed && claimIndex >= 0 ? enqueued[claimIndex] : undefined;
    if (claimed && TERMINAL.has(saved.status) && options.claimNextEffectFor) {
      // Ended in this transaction after all (over the node-run cap): the effect it claimed must not run.
      await completeClaimedJob(client, { id: claimed.id, workerId: options.claimNextEffectFor });
      claimed = undefined;
    }
    await client.query("COMMIT");
    sendNotices(deps.pool, saved.notices);
    const next = rowAfterStep(before, { status: saved.status, events: saved.events.length, nodeRunCount: saved.nodeRunCount, stateVersion: saved.state.version, now });
    return { status: saved.status, applied: true, enqueued, completedJob: saved.queue.completed, claimedEffect: claimed, state: { ...saved.state, row: next } };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
