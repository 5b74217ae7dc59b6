import { applyEvent } from "@/engine/interpreter";
import type pg from "pg";
import type { EngineEvent, ExecutionState, StepContext, StepResult } from "@/engine/execution-types";
import { sendNotices } from "@/server/db/post-commit-notices";
import type { AdvanceDeps, AdvanceOptions, AdvanceOutcome } from "./advance-execution";
import { applyCommands } from "./apply-commands";
import { nodeRunCap, storedLimits } from "./driver-limits";
import { rowAfterStep, TERMINAL, type ExecutionRow } from "./execution-row";
import { enqueueJobs } from "./enqueue-jobs";
import { JOB, type JobSpec } from "./jobs";
import { wakeDeferred } from "./admission";
import { saveGuardedStep } from "./save-step";
import type { StepQueue } from "./step-jobs";
import { cachedExecutionWorkflow } from "./workflow-cache";

/**
 * A step computed from what this worker already knows, written in ONE
 * statement: no BEGIN, no row lock, no separate COMMIT.
 *
 * A worker that made an execution's last transition holds its row and state
 * as that transition committed them (KnownState with `row`: a chain of inline
 * effects, worker/tasks/inline-effects.ts). The next event's step is computed
 * from them and written only if the row's stateVersion is still the one it
 * was computed from (save-step.ts's guarded write, optimistic concurrency):
 * the locked path's BEGIN + `SELECT … FOR UPDATE` round trip and its COMMIT
 * round trip become part of the write's own round trip (≈ 1 ms of a durable
 * http step on these machines: scripts/bench/profile-http-step.ts).
 *
 * Returns undefined whenever the locked path must decide instead, having
 * written nothing: another transition changed the execution meanwhile (a
 * parallel branch, a cancel), or the step needs more than one statement can
 * do — it ends the execution (slot release, parent notice), does anything
 * besides starting effects (approvals, children, timers whose key may be held),
 * may cross the node-run cap, or changes nothing (a stale event: the locked
 * path reads the row to be sure). The engine is pure, so computing a step
 * twice is only a cost.
 */
export async function advanceFromKnownState(
  deps: AdvanceDeps,
  executionId: string,
  event: EngineEvent,
  options: AdvanceOptions,
): Promise<AdvanceOutcome | undefined> {
  const known = options.knownState;
  const row = known?.row;
  if (!known || !row || row.id !== executionId || row.stateVersion !== known.version) return undefined;
  if (row.status === "queued" || TERMINAL.has(row.status)) return undefined;
  const workflow = cachedExecutionWorkflow(row);
  if (!workflow) return undefined;

  const now = deps.now?.() ?? new Date();
  const ctx: StepContext = {
    executionId,
    startedAt: (row.startedAt ?? now).toISOString(),
    mode: row.mode,
    now: now.toISOString(),
  };
  // A fresh parse, read by nothing else: handed over, not cloned again.
  const result = applyEvent(workflow, JSON.parse(known.json) as ExecutionState, event, ctx, { sandbox: deps.sandbox }, { handedOver: true });
  const changed = result.runUpdates.length > 0 || result.commands.length > 0 || result.state.status !== row.status;
  if (!changed || TERMINAL.has(result.state.status)) return undefined;
  if (result.commands.some((c) => c.type !== "run-effect")) return undefined;
  if (row.nodeRunCount + result.runUpdates.length > nodeRunCap(deps)) return undefined;

  const client = await deps.pool.connect();
  try {
    return await writeUnlockedStep(deps, client, row, result, now, options);
  } finally {
    client.release();
  }
}

/**
 * Writes a step computed without the row lock — from `row`, which it is only
 * written against (save-step.ts's guarded statement) — and makes its outcome;
 * undefined, with nothing written, when the execution changed since. Its
 * commands must need no query (effects, timers, or none): applyCommands then
 * only turns them into jobs.
 *
 * `start` (unlocked-start.ts: a start that waits): the write also claims an
 * admission slot under the quota `admitUpTo` (none for a sub-workflow's child:
 * admission.ts), and writes nothing (undefined)
 * without one; `extraJobs` are enqueued with the step's own (its timeout).
 * `release` (unlocked-event.ts: a step that may end the execution): the write
 * frees its slot when it does, and the owner's deferred executions are woken
 * once it has committed.
 */
export async function writeUnlockedStep(
  deps: AdvanceDeps,
  client: pg.PoolClient,
  row: ExecutionRow,
  result: StepResult,
  now: Date,
  options: AdvanceOptions,
  start?: { admitUpTo?: number; extraJobs: JobSpec[] },
  release?: { limit: number },
): Promise<AdvanceOutcome | undefined> {
  const jobs = [...(await applyCommands(client, row, result.state, result.commands)), ...(start?.extraJobs ?? [])];
  const { queue, claimIndex } = stepQueue(jobs, row.id, options);
  const saved = await saveGuardedStep(client, row, result, now, storedLimits(deps), queue, { admitUpTo: start?.admitUpTo, release });
  if (!saved) return undefined;
  sendNotices(deps.pool, saved.notices);
  // Not atomic with the step: a crash in between loses this wake-up, which every worker's sweeper
  // recovers (restartDeferredExecutions), as it does the locked path's rare lost one (admission.ts).
  if (release) await wakeDeferred(client, row, release.limit, saved.deferred ?? []);
  // A keyed job (a timer, the timeout) whose key a job already holds is skipped by the write (step-jobs.ts).
  // Not for these steps: their keys name the execution, and no job of it holds one before its start step
  // commits (which the guard makes this one) — but should it happen, hand it to add_job, as the locked path does.
  const replaced = await enqueueJobs(client, jobs.filter((_, i) => saved.queue.jobIds[i] === null));
  const enqueued = jobs.map((job, i) => ({ ...job, id: saved.queue.jobIds[i] ?? replaced.shift()!.id }));
  const next = rowAfterStep(row, { status: saved.status, events: saved.events.length, nodeRunCount: saved.nodeRunCount, stateVersion: saved.state.version, now });
  return {
    status: saved.status,
    applied: true,
    enqueued,
    completedJob: saved.queue.completed,
    claimedEffect: saved.queue.claimed && claimIndex >= 0 ? enqueued[claimIndex] : undefined,
    state: { ...saved.state, row: next },
  };
}

/**
 * The queue writes of a step (step-jobs.ts): its jobs; the claim of the first
 * effect of this execution due now, for `claimNextEffectFor`; the completion of
 * `completeJob`.
 */
export function stepQueue(jobs: JobSpec[], executionId: string, options: AdvanceOptions): { queue: StepQueue; claimIndex: number } {
  const claimer = options.claimNextEffectFor;
  const claimIndex = claimer
    ? jobs.findIndex((j) => j.identifier === JOB.effect && !j.jobKey && j.runAt === undefined && j.payload.executionId === executionId)
    : -1;
  return {
    queue: { jobs, claim: claimIndex >= 0 && claimer ? { index: claimIndex, workerId: claimer } : undefined, complete: options.completeJob },
    claimIndex,
  };
}
