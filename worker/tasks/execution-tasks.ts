import type pg from "pg";
import type { Task } from "graphile-worker";
import { isTerminalStatus } from "@/engine/execution-types";
import { performHttpRequest, type HttpRequestConfig } from "@/engine/effects/http-request";
import { advanceExecution, type AdvanceDeps } from "@/server/execution/advance-execution";
import type { EffectPayload, EventPayload, StartPayload } from "@/server/execution/jobs";
import type { AbortRegistry } from "../abort-registry";

/**
 * The engine's graphile-worker tasks. Thin: decode the payload, call the
 * service. Errors thrown here are infrastructure failures (database gone):
 * graphile-worker retries the job, and the engine's idempotency makes the
 * retry safe.
 */
export type ExecutionTaskDeps = AdvanceDeps & { aborts: AbortRegistry; fetch: typeof globalThis.fetch };

export function executionTasks(deps: ExecutionTaskDeps): Record<string, Task> {
  return {
    "execution.start": async (payload) => {
      await advanceExecution(deps, (payload as StartPayload).executionId, { type: "start" });
    },
    "execution.event": async (payload) => {
      const { executionId, event } = payload as EventPayload;
      await advanceExecution(deps, executionId, event);
    },
    "execution.effect": async (payload) => {
      const { executionId, command } = payload as EffectPayload;
      if (await alreadySettled(deps.pool, executionId, `${command.runKey}@${command.attempt}`)) return;
      const controller = deps.aborts.register(executionId, command.runKey);
      try {
        const outcome = await performHttpRequest(
          { fetch: deps.fetch },
          {
            nodeId: command.nodeId,
            config: command.config as HttpRequestConfig,
            idempotencyKey: command.idempotencyKey,
            timeoutMs: command.timeoutMs,
            signal: controller.signal,
          },
        );
        await advanceExecution(
          deps,
          executionId,
          outcome.ok
            ? { type: "effect-succeeded", runKey: command.runKey, attempt: command.attempt, output: outcome.output }
            : { type: "effect-failed", runKey: command.runKey, attempt: command.attempt, error: outcome.error },
        );
      } finally {
        deps.aborts.unregister(executionId, command.runKey);
      }
    },
  };
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
