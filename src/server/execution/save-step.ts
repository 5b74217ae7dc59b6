import type pg from "pg";
import type { ExecutionStatus, Json, NodeRunUpdate, StepResult } from "@/engine/execution-types";
import { boundedJson } from "./bounded-json";
import { EVENTS_CHANNEL, type StoredEvent } from "@/lib/live-events";
import { executionStatusEvent, nodeRunEvent } from "./step-events";
import { CHANNEL } from "./jobs";
import { TERMINAL, type ExecutionRow, type KnownState } from "./execution-row";
import type { Notice } from "@/server/db/post-commit-notices";
import { statementFor, type StepGuard } from "./step-statements";
import { jobsReadyNotices, readStepQueue, stepQueueParams, type StepJobsRow, type StepQueue, type StepQueueResult } from "./step-jobs";

/**
 * Write one engine step: the execution's new state and status, its node runs
 * (upserted by `${runKey}@${attempt}`) and its events (numbered after
 * `eventSeq`). MUST run inside the transaction that locked the row, together
 * with the jobs the step enqueues, so a crash never keeps half a transition.
 */
export type StepEvent = StoredEvent;

export type StoredLimits = {
  /** Node-run inputs/outputs longer than this (JSON bytes) are stored as a truncation marker. */
  maxValueBytes: number;
};

export type SavedStep = {
  status: ExecutionStatus;
  events: Array<StepEvent & { seq: number }>;
  nodeRunCount: number;
  /** What happened to `queue` (step-jobs.ts). */
  queue: StepQueueResult;
  /** The state as written, and the stateVersion the write produced. */
  state: KnownState;
  /** The NOTIFYs this step warrants, for the caller to send once it has committed (post-commit-notices.ts). */
  notices: Notice[];
  /** With a release (saveGuardedStep's `release`): the slot was freed, and these deferred executions of its owner may take it. */
  deferred?: Deferred[];
};

type Deferred = { id: string; priority: number };

export async function saveStep(
  client: pg.PoolClient,
  row: ExecutionRow,
  result: StepResult,
  now: Date,
  limits: StoredLimits,
  extraEvents: StepEvent[] = [],
  queue?: StepQueue,
): Promise<SavedStep> {
  const saved = await writeStep(client, row, result, now, limits, extraEvents, queue);
  if (!saved) throw new Error(`execution ${row.id} vanished while its step was being saved`);
  return saved;
}

/**
 * The same write without the row lock (`guard`, step-statements.ts), in one statement run outside a
 * transaction: one round trip, commit included. It writes nothing and returns undefined unless the guard
 * holds.
 * - By default: the row's stateVersion and status are still `row`'s — nothing has changed the execution
 *   since it was read (known-step.ts: the row this worker's own last transition committed;
 *   unlocked-start.ts, unlocked-event.ts: a row just read). Ending a queued execution changes its
 *   status, not its stateVersion.
 * - `admitUpTo`: it also claims an admission slot, all or nothing.
 * - `release`: when the step ends the execution it also frees its slot, and returns the owner's
 *   deferred executions to wake (SavedStep.deferred).
 * - `insert` (eager-start.ts): the execution is inserted already past its start step (`row` is the
 *   queued row it would otherwise be), unless the version is no longer the latest, a start job waits at
 *   this priority or above, or (a start that waits) no admission slot was free.
 */
export function saveGuardedStep(
  client: pg.PoolClient,
  row: ExecutionRow,
  result: StepResult,
  now: Date,
  limits: StoredLimits,
  queue: StepQueue,
  guard: StepGuard = {},
): Promise<SavedStep | undefined> {
  return writeStep(client, row, result, now, limits, [], queue, guard);
}

async function writeStep(
  client: pg.PoolClient,
  row: ExecutionRow,
  result: StepResult,
  now: Date,
  limits: StoredLimits,
  extraEvents: StepEvent[],
  queue: StepQueue | undefined,
  guard?: StepGuard,
): Promise<SavedStep | undefined> {
  const status = result.state.status;
  const nowIso = now.toISOString();
  const events: StepEvent[] = [...extraEvents];
  for (const run of result.runUpdates) events.push(nodeRunEvent(run));
  if (status !== row.status) events.push(executionStatusEvent(status, result.state.error));
  const numbered = events.map((e, i) => ({ ...e, seq: row.eventSeq + i + 1 }));
  const stateJson = JSON.stringify(result.state);
  const runs = collapseByKey(result.runUpdates, row.eventSeq + extraEvents.length, limits.maxValueBytes);
  const terminal = TERMINAL.has(status);
  const finishing = terminal && !TERMINAL.has(row.status);
  const { moreValues, ...statement } = statementFor(row, guard);
  const { rows } = await client.query<StepJobsRow & { nodeRunCount: number | null; deferred?: Deferred[] | null }>({
    // Prepared once per connection: parsing and planning this statement cost ≈ 0.5 ms.
    ...statement,
    values: [
      row.id,
      nowIso,
      JSON.stringify(runs),
      JSON.stringify(numbered),
      stateJson,
      status,
      numbered.length,
      terminal ? JSON.stringify(boundedJson(result.state.output as Json | undefined, limits.maxValueBytes * 16)) : null,
      terminal && result.state.error ? JSON.stringify(result.state.error) : null,
      terminal,
      finishing,
      ...stepQueueParams(queue),
      ...moreValues,
    ],
  });
  const saved = rows[0];
  if (!saved || saved.nodeRunCount === null) return undefined;
  const queued = readStepQueue(queue, saved);
  const notices: Notice[] = jobsReadyNotices(queued.readyJobs);
  if (numbered.length > 0) {
    const range = { executionId: row.id, workflowId: row.workflowId, status, fromSeq: row.eventSeq + 1, toSeq: row.eventSeq + numbered.length };
    notices.push({ channel: EVENTS_CHANNEL, payload: JSON.stringify(range) });
  }
  if (finishing) notices.push({ channel: CHANNEL.finished, payload: row.id });
  const scheduled = earliestScheduled(queue, queued, now);
  if (scheduled) notices.push({ channel: CHANNEL.scheduled, payload: scheduled });
  return {
    status,
    events: numbered,
    nodeRunCount: saved.nodeRunCount,
    queue: queued,
    state: { version: row.stateVersion + 1, json: stateJson },
    notices,
    deferred: saved.deferred ?? [],
  };
}

/**
 * When the earliest job this step wrote for later (a timer, a timeout) is due, as an ISO time (at most
 * WAKE_GRAIN_MS later); none if it wrote none. Workers find due jobs by polling, up to a poll interval late; told when one is due,
 * they look for it then (worker/due-alarm.ts). A job handed to add_job instead (its key was held)
 * is left to polling.
 */
function earliestScheduled(queue: StepQueue | undefined, written: StepQueueResult, now: Date): string | undefined {
  let earliest = Infinity;
  for (const [i, job] of (queue?.jobs ?? []).entries()) {
    if (job.runAt === undefined || written.jobIds[i] === null) continue;
    const at = Date.parse(job.runAt);
    if (at > now.getTime() && at < earliest) earliest = at;
  }
  // Rounded up to WAKE_GRAIN_MS: steps scheduling timers together send the same notice, which Postgres
  // delivers once per batch (post-commit-notices.ts sends a batch in one transaction).
  return earliest === Infinity ? undefined : new Date(Math.ceil(earliest / WAKE_GRAIN_MS) * WAKE_GRAIN_MS).toISOString();
}

const WAKE_GRAIN_MS = 10;

/**
 * One row per NodeRun key: the last status wins, the first input is kept.
 * `seq` is the number of the run's first event in this step (events for run
 * updates follow the extra events, one per update, in order).
 */
function collapseByKey(updates: readonly NodeRunUpdate[], firstSeq: number, maxValueBytes: number) {
  const byKey = new Map<string, Record<string, unknown>>();
  for (const [index, u] of updates.entries()) {
    const key = `${u.runKey}@${u.attempt}`;
    const previous = byKey.get(key);
    byKey.set(key, {
      seq: (previous?.seq as number | undefined) ?? firstSeq + index + 1,
      nodeId: u.nodeId,
      nodeType: u.nodeType,
      runKey: u.runKey,
      attempt: u.attempt,
      status: u.status,
      input: (previous?.input as Json | undefined) ?? boundedJson(u.input, maxValueBytes),
      output: boundedJson(u.output, maxValueBytes),
      error: u.error ?? null,
      // Small by construction (the sandbox keeps ≤ 101 lines of ≤ 2,000 characters): stored as is.
      logs: u.logs !== undefined && u.logs.length > 0 ? u.logs : ((previous?.logs as unknown[] | null | undefined) ?? null),
      terminal: u.status !== "running" && u.status !== "waiting",
    });
  }
  return [...byKey.values()];
}
