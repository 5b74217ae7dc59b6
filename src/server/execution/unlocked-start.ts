import { startExecution } from "@/engine/interpreter";
import type { StepContext, StepResult } from "@/engine/execution-types";
import type { AdvanceDeps, AdvanceOptions, AdvanceOutcome } from "./advance-execution";
import { takesSlot } from "./admission";
import { nodeRunCap, ownerQuota } from "./driver-limits";
import { readExecution, TERMINAL } from "./execution-row";
import { executionTimeoutJob } from "./jobs";
import { writeUnlockedStep } from "./known-step";
import { versionMemo } from "./version-memo";
import { cachedExecutionWorkflow } from "./workflow-cache";

/**
 * A start step made with one read and one guarded write: no BEGIN, no row
 * lock, no separate COMMIT (save-step.ts's guarded write, as for
 * known-step.ts). Two shapes of start qualify:
 * - one that ends the execution at once — a workflow of pure nodes (set, code,
 *   if, switch, loops over data, output…) runs to its end in its start step.
 *   It needs nothing else: no admission slot (an execution that ends in its
 *   start step never takes one), no timeout job, no slot to release;
 * - one that waits for timers or effects only (a delay, an http.request):
 *   its write also claims the admission slot and enqueues the timeout job, all
 *   in the same statement, which writes nothing unless it got a slot.
 * Anything else (approvals, sub-workflows: their commands need queries; more
 * node runs than the cap allows) is the locked path's.
 *
 * Which shape a start has is learnt per workflow version (`learnStartShape`,
 * from every start a worker makes) and asked for with the version the start
 * job names (StartPayload.versionId), so a start the locked path must make is
 * never read twice. A start that turns out otherwise after all (the input took
 * another branch), a row that changed between the read and the write, or a
 * start refused a slot (the quota is full, or a deferred execution is ahead of
 * it) returns undefined having written nothing, and the locked path makes the
 * step (and defers it when it must wait for a slot).
 */
export async function startWithoutLock(deps: AdvanceDeps, executionId: string, options: AdvanceOptions): Promise<AdvanceOutcome | undefined> {
  const client = await deps.pool.connect();
  try {
    const row = await readExecution(client, executionId);
    if (!row || row.status !== "queued") return undefined;
    const workflow = cachedExecutionWorkflow(row);
    if (!workflow) return undefined;
    const now = deps.now?.() ?? new Date();
    const ctx: StepContext = { executionId, startedAt: now.toISOString(), mode: row.mode, now: now.toISOString() };
    const result = startExecution(workflow, row.input, ctx, { sandbox: deps.sandbox });
    const shape = startShape(result, nodeRunCap(deps));
    if (row.workflowVersionId) learnStartShape(row.workflowVersionId, shape);
    // Ends at once: no commands, so the jobs are at most the parent's `child-finished` notice, which needs no query.
    if (shape === "ends") return await writeUnlockedStep(deps, client, row, result, now, options);
    if (shape !== "waits") return undefined;
    const timeout = executionTimeoutJob(row, workflow.settings?.timeoutSeconds, now);
    return await writeUnlockedStep(deps, client, row, result, now, options, { admitUpTo: takesSlot(row) ? ownerQuota(deps) : undefined, extraJobs: timeout ? [timeout] : [] });
  } finally {
    client.release();
  }
}

/**
 * How a start step can be written: `ends` — it ends the execution, with no
 * command to carry out; `waits` — it waits for timers and effects only (their
 * commands need no query: applyCommands only turns them into jobs); `locked` —
 * anything else, or more node runs than the cap (the locked path fails the
 * execution then).
 */
export type StartShape = "ends" | "waits" | "locked";

export function startShape(result: StepResult, maxNodeRuns: number): StartShape {
  if (result.runUpdates.length > maxNodeRuns) return "locked";
  if (TERMINAL.has(result.state.status)) return result.commands.length === 0 ? "ends" : "locked";
  return result.commands.every((c) => c.type === "run-effect" || c.type === "schedule-timer") ? "waits" : "locked";
}

/** Per workflow version: how did its last start go? */
const startShapes = versionMemo<StartShape>();

export function learnStartShape(versionId: string, shape: StartShape): void {
  startShapes.set(versionId, shape);
}

/** Whether a start of this version is expected to be made without the lock (unknown: no). */
export function startWithoutLockExpected(versionId: string | undefined): boolean {
  const shape = versionId === undefined ? undefined : startShapes.get(versionId);
  return shape === "ends" || shape === "waits";
}
