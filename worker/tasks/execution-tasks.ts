import type pg from "pg";
import type { JobHelpers, Task } from "graphile-worker";
import { isTerminalStatus } from "@/engine/execution-types";
import { advanceExecution, type AdvanceDeps } from "@/server/execution/advance-execution";
import type { EffectPayload, EventPayload, StartPayload } from "@/server/execution/jobs";
import type { JobClaim } from "@/server/execution/claimed-jobs";
import type { AbortRegistry } from "../abort-registry";
import { continueInline, inlineClaimer, runEffect, type InlineControl } from "./inline-effects";

/**
 * The engine's graphile-worker tasks. Thin: decode the payload, call the
 * service. Errors thrown here are infrastructure failures (database gone):
 * graphile-worker retries the job, and the engine's idempotency makes the
 * retry safe.
 */
export type ExecutionTaskDeps = AdvanceDeps & {
  aborts: AbortRegistry;
  fetch: typeof globalThis.fetch;
  /** Set by the worker once its pool runs; without it, effects are never run inline. */
  inline?: InlineControl;
};

export function executionTasks(deps: ExecutionTaskDeps): Record<string, Task> {
  return {
    "execution.start": async (payload, helpers) => {
      const { executionId, versionId } = payload as StartPayload;
      const outcome = await advanceExecution(deps, executionId, { type: "start" }, {
        claimNextEffectFor: inlineClaimer(deps),
        completeJob: ownJob(helpers),
        versionHint: versionId,
      });
      await continueInline(deps, executionId, outcome);
    },
    "execution.event": async (payload, helpers) => {
      const { executionId, event } = payload as EventPayload;
      const outcome = await advanceExecution(deps, executionId, event, { claimNextEffectFor: inlineClaimer(deps), completeJob: ownJob(helpers) });
      await continueInline(deps, executionId, outcome);
    },
    "execution.effect": async (payload, helpers) => {
      const { executionId, command } = payload as EffectPayload;
      if (await alreadySettled(deps.pool, executionId, `${command.runKey}@${command.attempt}`)) return;
      await runEffect(deps, executionId, command, { handedOut: ownJob(helpers) });
    },
  };
}

/**
 * The job graphile-worker handed this task, to be completed (deleted) by the
 * transition it causes, in that transition's transaction: "result recorded" and
 * "job done" become one commit — one fsync'd commit fewer per job, and a crash
 * between the two can no longer re-deliver a job whose transition committed.
 * graphile-worker's own completion afterwards then deletes nothing. When the
 * transition writes nothing (a stale event), graphile-worker completes the job
 * as usual. Jobs in a named queue are left to graphile-worker (completing one
 * also unlocks its queue); ours use none.
 */
function ownJob(helpers: JobHelpers): JobClaim | undefined {
  const { id, locked_by: lockedBy, job_queue_id: queue } = helpers.job;
  return lockedBy && queue === null ? { id: String(id), workerId: lockedBy } : undefined;
}

/** A redelivered effect job whose result is already recorded (or whose execution ended) does nothing. */
async function alreadySettled(pool: pg.Pool, executionId: string, key: string): Promise<boolean> {
  const { rows } = await pool.query<{ runStatus: string | null; executionStatus: string }>(
    `SELECT e.status AS "executionStatus", r.status AS "runStatus"
       FROM "Execution" e LEFT JOIN "NodeRun" r ON r."executionId" = e.id AND r.key = $2
      WHERE e.id = $1`,
    [executionId, key],
  );
  const row = rows[0];
  if (!row) return true;
  if (isTerminalStatus(row.executionStatus)) return true;
  return row.runStatus !== null && row.runStatus !== "running";
}
