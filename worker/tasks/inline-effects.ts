import { performHttpRequest, type HttpRequestConfig } from "@/engine/effects/http-request";
import { advanceExecution, type AdvanceOutcome } from "@/server/execution/advance-execution";
import { completeClaimedJob, releaseClaimedJob, type JobClaim } from "@/server/execution/claimed-jobs";
import type { KnownState } from "@/server/execution/execution-row";
import type { EffectPayload, RunEffectCommand } from "@/server/execution/jobs";
import type { ExecutionTaskDeps } from "./execution-tasks";

/**
 * Effects run inline: when a transition enqueues an effect of the same
 * execution to run now, the task that made the transition claims that job
 * itself and runs it at once, then the next one, and so on — instead of
 * finishing, and waiting for graphile-worker to notice the new job, hand it
 * out and complete it (two queue round trips and a wake-up per effect: most of
 * a durable http step's overhead, docs/BENCHMARKS.md).
 *
 * Durability is unchanged: every effect is still a committed job before it
 * runs; the claim — taken in the transaction that enqueues the job, so no idle
 * worker can grab it first — is graphile-worker's own lock (server/execution/claimed-jobs.ts),
 * so a crash mid-effect leaves a job locked by a dead worker, which the sweeper
 * releases to another worker, as for any job. The result and the job's
 * completion commit in one transaction; parallel effects of one step: the
 * first is claimed, the others go to the queue and run in parallel elsewhere.
 *
 * Fairness: a chain runs at most MAX_INLINE_EFFECTS effects before leaving the
 * rest to the queue (which orders by priority), and stops when the worker stops.
 */
export const MAX_INLINE_EFFECTS = 100;

export type InlineControl = {
  /** The worker pool's id (graphile-worker's locked_by); empty until the pool has started. */
  workerId: string;
  /** False once the worker is shutting down: take no more work. */
  accepting: boolean;
  /** Told of each job claimed here, like graphile-worker's `job:start` for the jobs it hands out. */
  onClaim?: (jobId: string, task: string) => void;
};

/** Where the job of an effect about to run came from, and what this worker already knows of the execution. */
export type EffectOrigin = {
  /** A job this worker claimed itself (released if recording fails). */
  claim?: JobClaim;
  /** The job graphile-worker handed out: completed by the recording transition (if that fails, the error propagates and graphile-worker retries it). */
  handedOut?: JobClaim;
  /** The state this worker's last transition of the execution committed (execution-row.ts). */
  knownState?: KnownState;
};

/** Performs one effect and records its result; then continues with the next effect while it claimed one. */
export async function runEffect(
  deps: ExecutionTaskDeps,
  executionId: string,
  command: RunEffectCommand,
  { claim, handedOut, knownState }: EffectOrigin = {},
): Promise<void> {
  let current: { command: RunEffectCommand; claim?: JobClaim } = { command, claim };
  let known = knownState; // the state our own last transition committed: not read back (execution-row.ts)
  for (let ran = 1; ; ran++) {
    let outcome: AdvanceOutcome;
    try {
      const complete = current.claim ?? (ran === 1 ? handedOut : undefined);
      outcome = await performAndRecord(deps, executionId, current.command, complete, ran < MAX_INLINE_EFFECTS, known);
      if (current.claim && !outcome.completedJob) await completeClaimedJob(deps.pool, current.claim);
    } catch (error) {
      if (!current.claim) throw error; // the job graphile-worker handed out: it retries it
      // A claimed job goes back to the queue; the job that started this chain is done.
      giveBack(deps, current.claim);
      console.warn(`switchyard worker: inline effect ${current.command.runKey} of ${executionId} not recorded; job ${current.claim.id} released: ${String(error)}`);
      return;
    }
    const next = claimedBy(deps, outcome);
    if (!next) return;
    current = next;
    known = outcome.state;
  }
}

/** The worker id to claim the next effect for, or undefined when this worker must not take more work. */
export function inlineClaimer(deps: ExecutionTaskDeps): string | undefined {
  return deps.inline?.accepting && deps.inline.workerId ? deps.inline.workerId : undefined;
}

/** After a transition made with `claimNextEffectFor`: run the effect it claimed, if any. */
export async function continueInline(deps: ExecutionTaskDeps, executionId: string, outcome: AdvanceOutcome): Promise<void> {
  const next = claimedBy(deps, outcome);
  if (next) await runEffect(deps, executionId, next.command, { claim: next.claim, knownState: outcome.state });
}

function claimedBy(deps: ExecutionTaskDeps, outcome: AdvanceOutcome): { command: RunEffectCommand; claim: JobClaim } | undefined {
  const job = outcome.claimedEffect;
  if (!job || !deps.inline) return undefined;
  deps.inline.onClaim?.(job.id, job.identifier);
  return { command: (job.payload as EffectPayload).command, claim: { id: job.id, workerId: deps.inline.workerId } };
}

async function performAndRecord(
  deps: ExecutionTaskDeps,
  executionId: string,
  command: RunEffectCommand,
  claim: JobClaim | undefined,
  mayClaimNext: boolean,
  knownState: KnownState | undefined,
) {
  const controller = deps.aborts.register(executionId, command.runKey);
  try {
    const result = await performHttpRequest(
      { fetch: deps.fetch },
      {
        nodeId: command.nodeId,
        config: command.config as HttpRequestConfig,
        idempotencyKey: command.idempotencyKey,
        timeoutMs: command.timeoutMs,
        signal: controller.signal,
      },
    );
    return await advanceExecution(
      deps,
      executionId,
      result.ok
        ? { type: "effect-succeeded", runKey: command.runKey, attempt: command.attempt, output: result.output }
        : { type: "effect-failed", runKey: command.runKey, attempt: command.attempt, error: result.error },
      { completeJob: claim, claimNextEffectFor: mayClaimNext ? inlineClaimer(deps) : undefined, knownState },
    );
  } finally {
    deps.aborts.unregister(executionId, command.runKey);
  }
}

/**
 * A claimed job whose effect failed to record (the database went away…) goes
 * back to the queue. If even that fails, retry in the background; a worker
 * that stops releases all its jobs anyway (force_unlock_workers), and one that
 * dies is swept.
 */
function giveBack(deps: ExecutionTaskDeps, claim: JobClaim, attempt = 0): void {
  releaseClaimedJob(deps.pool, claim).catch(() => {
    if (attempt < 60 && deps.inline?.accepting) setTimeout(() => giveBack(deps, claim, attempt + 1), 1000).unref();
  });
}
