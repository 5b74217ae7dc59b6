import { applyEvent } from "@/engine/interpreter";
import type { EngineEvent, StepContext } from "@/engine/execution-types";
import type { AdvanceDeps, AdvanceOptions, AdvanceOutcome } from "./advance-execution";
import { nodeRunCap, ownerQuota } from "./driver-limits";
import { readExecution, TERMINAL } from "./execution-row";
import { writeUnlockedStep } from "./known-step";
import { versionMemo } from "./version-memo";
import { cachedExecutionWorkflow } from "./workflow-cache";

/**
 * A timer's step made with one read and one guarded write, as a start is
 * (unlocked-start.ts): no BEGIN, no row lock, no separate COMMIT. A delay's
 * timer firing usually finishes what follows it in one step — often the whole
 * execution — and 1,000 executions waiting on 5 s delays fire their timers
 * together, so this step sets how late they finish (docs/BENCHMARKS.md).
 *
 * The step qualifies when its commands need no query: it starts effects only,
 * or none. It may end the execution: the same statement then frees the
 * admission slot (the locked path's release), and the owner's deferred
 * executions are woken once it has committed. Not atomic with the step: a
 * crash in between loses that wake-up, which every worker's sweeper recovers
 * (`restartDeferredExecutions`), as it already does the locked path's rare lost
 * one. A step that schedules timers, asks for approvals or starts children, or
 * may cross the node-run cap, is the locked path's; so is one that changes
 * nothing (a duplicate delivery: the locked path reads the row under the lock
 * to be sure), or an execution whose row changed between the read and the
 * write (the guard). Each returns undefined having written nothing. A workflow
 * version whose timer step did not qualify is remembered, and its timer steps
 * go to the locked path at once (a loop of delays: each schedules the next).
 */
export async function timerWithoutLock(deps: AdvanceDeps, executionId: string, event: EngineEvent, options: AdvanceOptions): Promise<AdvanceOutcome | undefined> {
  if (event.type !== "timer-fired" || options.knownState) return undefined;
  const client = await deps.pool.connect();
  try {
    const row = await readExecution(client, executionId);
    if (!row || row.status === "queued" || TERMINAL.has(row.status) || row.state === null) return undefined;
    if (row.workflowVersionId && lockedTimerVersions.has(row.workflowVersionId)) return undefined;
    const workflow = cachedExecutionWorkflow(row);
    if (!workflow) return undefined;
    const now = deps.now?.() ?? new Date();
    const ctx: StepContext = { executionId, startedAt: (row.startedAt ?? now).toISOString(), mode: row.mode, now: now.toISOString() };
    // The state as just read, read by nothing else: handed over, not cloned again.
    const result = applyEvent(workflow, row.state, event, ctx, { sandbox: deps.sandbox }, { handedOver: true });
    const changed = result.runUpdates.length > 0 || result.commands.length > 0 || result.state.status !== row.status;
    if (!changed) return undefined;
    if (result.commands.some((c) => c.type !== "run-effect") || row.nodeRunCount + result.runUpdates.length > nodeRunCap(deps)) {
      if (row.workflowVersionId) lockedTimerVersions.set(row.workflowVersionId, true);
      return undefined;
    }
    const ends = TERMINAL.has(result.state.status);
    return await writeUnlockedStep(deps, client, row, result, now, options, undefined, ends ? { limit: ownerQuota(deps) } : undefined);
  } finally {
    client.release();
  }
}

/** Versions whose timer steps need the locked path. */
const lockedTimerVersions = versionMemo<true>();
