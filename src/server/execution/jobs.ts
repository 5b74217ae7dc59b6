import type { EngineCommand, EngineEvent } from "@/engine/execution-types";

/**
 * graphile-worker task names and payloads of the durable driver.
 *
 * - execution.start  — run the `started` step of a queued execution.
 * - execution.event  — deliver one engine event (timer fired, approval decided,
 *                      child finished, cancel, timeout) to an execution.
 * - execution.effect — perform one effect (http.request) outside any
 *                      transaction, then deliver its result as an event.
 */
export const JOB = {
  start: "execution.start",
  event: "execution.event",
  effect: "execution.effect",
} as const;

export type RunEffectCommand = Extract<EngineCommand, { type: "run-effect" }>;

/**
 * `versionId`: the stored workflow version the execution runs, when the code that enqueued the job knew
 * it (a start request): a hint that lets a worker choose how to make the start step (unlocked-start.ts).
 */
export type StartPayload = { executionId: string; versionId?: string };
export type EventPayload = { executionId: string; event: EngineEvent };
export type EffectPayload = { executionId: string; command: RunEffectCommand };

/** One row for `graphile_worker.add_job`, enqueued inside the step's transaction. */
export type JobSpec = {
  identifier: string;
  payload: StartPayload | EventPayload | EffectPayload;
  runAt?: string;
  /** graphile-worker priority: LOWER runs first. */
  priority: number;
  jobKey?: string;
};

/** Our priority is "higher is more important" (-100..100); graphile-worker's is the reverse. */
export const toJobPriority = (executionPriority: number) => -executionPriority;

/** graphile-worker retries a job whose task throws (infrastructure failures) up to this many times. */
export const JOB_MAX_ATTEMPTS = 25;

/** The job key of an execution's start job (prefix + id): one start job per execution, however often it is woken. */
export const START_JOB_KEY_PREFIX = "start:";

/** The start job of an execution. */
export const startJob = (execution: { id: string; priority: number; versionId?: string | null }): JobSpec => ({
  identifier: JOB.start,
  payload: execution.versionId ? { executionId: execution.id, versionId: execution.versionId } : { executionId: execution.id },
  priority: toJobPriority(execution.priority),
  jobKey: `${START_JOB_KEY_PREFIX}${execution.id}`,
});

/**
 * The job that times out an execution after `settings.timeoutSeconds` (none without): enqueued by
 * the start step of an execution that does not end in it.
 */
export function executionTimeoutJob(execution: { id: string; priority: number }, timeoutSeconds: number | undefined, now: Date): JobSpec | undefined {
  if (!timeoutSeconds) return undefined;
  return {
    identifier: JOB.event,
    payload: { executionId: execution.id, event: { type: "execution-timed-out" } },
    runAt: new Date(now.getTime() + timeoutSeconds * 1000).toISOString(),
    priority: toJobPriority(execution.priority),
    jobKey: `${execution.id}:execution-timeout`,
  };
}

/** Postgres NOTIFY channels. */
export const CHANNEL = {
  /** payload: `${executionId}` — an execution reached a terminal status. */
  finished: "switchyard_execution_finished",
  /** payload: JSON `{ executionId, runKey }` — abort that running effect. */
  abort: "switchyard_abort_effect",
  /** payload: an ISO time — a step scheduled a job (a timer, a timeout) to run then; workers wake for it (worker/due-alarm.ts). */
  scheduled: "switchyard_job_scheduled",
} as const;
