import { describe, expect, it } from "vitest";
import { driverTestContext } from "../../../test/driver-context";
import { doc } from "../../../test/engine-harness";
import { queueAndSlot as queueAndSlotOf } from "../../../test/queue-and-slot";
import { storedExecution } from "../../../test/stored-execution";
import { workflowService } from "@/server/services/workflow-service";
import { advanceExecution } from "./advance-execution";
import { readExecution, type ExecutionRow } from "./execution-row";
import { startExecutionRequest } from "./execution-service";
import { saveGuardedStep } from "./save-step";
import { loadExecutionWorkflow } from "./workflow-cache";
import { startExecution } from "@/engine/interpreter";
import type { StartPayload } from "./jobs";
import { startWithoutLock, startWithoutLockExpected } from "./unlocked-start";

/**
 * A start step that ends the execution, or that waits for timers and effects
 * only (claiming its admission slot in the same write), is made with one read
 * and one guarded write when the worker has learnt that starts of that
 * workflow version take that shape (unlocked-start.ts); anything else is the
 * locked path's, with nothing written.
 */
const context = driverTestContext();
const deps = () => context.deps();

const pure = doc(
  [
    { id: "start", type: "trigger.manual" },
    { id: "double", type: "set", config: { values: { n: "{{ trigger.n * 2 }}" }, keepInput: false } },
    { id: "out", type: "output", config: { value: "{{ input.n }}" } },
  ],
  ["start->double", "double->out"],
);
const waits = doc(
  [
    { id: "start", type: "trigger.manual" },
    { id: "nap", type: "delay", config: { seconds: 60 } },
    { id: "out", type: "output", config: { value: 1 } },
  ],
  ["start->nap", "nap->out"],
);

const asks = doc(
  [
    { id: "start", type: "trigger.manual" },
    { id: "ask", type: "approval", config: { title: "Go?", onTimeout: "fail" } },
  ],
  ["start->ask"],
);

async function storedWorkflow(name: string, document: object): Promise<string> {
  return (await workflowService(context.db.prisma).create({ name: `${name} ${Math.random()}`, document })).id;
}

/** A start request's execution, and the start job it enqueued (claimed for `worker`, as graphile-worker hands it out). */
async function queued(workflowId: string, n: number, worker = "w-unlocked") {
  const { executionId } = await startExecutionRequest(context.db.pool, { workflowId, input: { n } });
  const { rows } = await context.db.pool.query<{ id: string; payload: StartPayload }>(
    `UPDATE graphile_worker._private_jobs SET locked_by = $2, locked_at = now()
      WHERE payload->>'executionId' = $1 RETURNING id::text, payload`,
    [executionId, worker],
  );
  expect(rows).toHaveLength(1);
  return { executionId, job: { id: rows[0]!.id, workerId: worker }, versionId: rows[0]!.payload.versionId };
}

async function stored(executionId: string) {
  const { row: _row, ...stored } = await storedExecution(context.db, executionId);
  return stored;
}

/**
 * Two starts of a stored workflow, each completing its start job: the first by the locked path — before it
 * the version's start shape is not known, so no start is tried without the lock — and, learnt from it, the
 * second without the lock. Both end in `status`.
 */
async function lockedThenUnlocked(workflowId: string, n: number, status: string) {
  const first = await queued(workflowId, n);
  expect(first.versionId).toEqual(expect.any(String)); // the start request names the version
  expect(startWithoutLockExpected(first.versionId)).toBe(false); // not learnt yet: the locked path makes this one
  const locked = await advanceExecution(deps(), first.executionId, { type: "start" }, { completeJob: first.job, versionHint: first.versionId });
  expect(locked).toMatchObject({ status, applied: true, completedJob: true });
  expect(startWithoutLockExpected(first.versionId)).toBe(true);

  const second = await queued(workflowId, n);
  const unlocked = await startWithoutLock(deps(), second.executionId, { completeJob: second.job });
  expect(unlocked).toMatchObject({ status, applied: true, completedJob: true });
  return { first, second, unlocked: unlocked! };
}

/** A queued execution read (as a worker would read it to make its start), then cancelled; and what is stored after. */
async function readThenCancelled(workflowId: string) {
  const cancelled = await queued(workflowId, 2);
  const readBefore = (await readExecution(context.db.pool, cancelled.executionId))!;
  expect((await advanceExecution(deps(), cancelled.executionId, { type: "cancel-requested" })).status).toBe("cancelled");
  return { cancelled, readBefore, before: await stored(cancelled.executionId) };
}

/** The start step computed from `readBefore` (a row read earlier), written by the guarded statement. */
async function saveStartReadBefore(readBefore: ExecutionRow, job: { id: string; workerId: string }, admission?: { limit: number }) {
  const client = await context.db.pool.connect();
  try {
    const workflow = await loadExecutionWorkflow(client, readBefore);
    const now = new Date();
    const step = startExecution(workflow, readBefore.input, { executionId: readBefore.id, startedAt: now.toISOString(), mode: "normal", now: now.toISOString() }, { sandbox: context.sandbox });
    return await saveGuardedStep(client, readBefore, step, now, { maxValueBytes: 1024 * 1024 }, { jobs: [], complete: job }, { admitUpTo: admission?.limit });
  } finally {
    client.release();
  }
}

async function jobExists(id: string): Promise<boolean> {
  const { rowCount } = await context.db.pool.query(`SELECT 1 FROM graphile_worker._private_jobs WHERE id = $1::bigint`, [id]);
  return rowCount === 1;
}

describe("a start that ends the execution, in one read and one write", () => {
  it("writes what the locked path writes, completing its job, once the version is known to end at once", async () => {
    const { first, second } = await lockedThenUnlocked(await storedWorkflow("pure", pure), 4, "succeeded");
    expect(await jobExists(second.job.id)).toBe(false);
    expect(await stored(second.executionId)).toEqual(await stored(first.executionId));
    expect((await stored(second.executionId)).output).toBe(8);
  });

  it("leaves a start whose commands need queries (an approval) to the locked path, having written nothing, and learns not to try again", async () => {
    const workflowId = await storedWorkflow("asks", asks);
    const { executionId, job, versionId } = await queued(workflowId, 1);
    const before = await stored(executionId);
    expect(await startWithoutLock(deps(), executionId, { completeJob: job })).toBeUndefined();
    expect(await stored(executionId)).toEqual(before);
    expect(await jobExists(job.id)).toBe(true);
    expect(startWithoutLockExpected(versionId)).toBe(false);
    const started = await advanceExecution(deps(), executionId, { type: "start" }, { completeJob: job, versionHint: versionId });
    expect(started.status).toBe("waiting");
  });

  it("writes nothing for an execution no longer queued: cancelled, or already started", async () => {
    const workflowId = await storedWorkflow("pure again", pure);
    const first = await queued(workflowId, 1);
    await advanceExecution(deps(), first.executionId, { type: "start" }, { versionHint: first.versionId });

    // Cancelled while queued: its status changes, not its stateVersion.
    const { cancelled, readBefore, before } = await readThenCancelled(workflowId);
    expect(await startWithoutLock(deps(), cancelled.executionId, { completeJob: cancelled.job })).toBeUndefined();
    expect(await stored(cancelled.executionId)).toEqual(before);
    // Cancelled between the read and the write: the write's status guard refuses the step read before.
    expect(await saveStartReadBefore(readBefore, cancelled.job)).toBeUndefined();
    expect(await stored(cancelled.executionId)).toEqual(before);
    expect(await jobExists(cancelled.job.id)).toBe(true);

    // Its start job delivered twice: the second delivery changes nothing.
    expect(await startWithoutLock(deps(), first.executionId, {})).toBeUndefined();
    const again = await advanceExecution(deps(), first.executionId, { type: "start" }, { versionHint: first.versionId });
    expect(again).toMatchObject({ status: "succeeded", applied: false });
  });
});

describe("a start that waits for a timer, in one read and one write that also claims its admission slot", () => {
  const queueAndSlot = (executionId: string) => queueAndSlotOf(context.db.pool, executionId);

  it("writes what the locked path writes: the step, its slot, its timer and timeout jobs, completing its start job", async () => {
    const workflowId = await storedWorkflow("waits", { ...waits, settings: { timeoutSeconds: 600 } });
    const { first, second, unlocked } = await lockedThenUnlocked(workflowId, 1, "waiting");
    expect(unlocked.enqueued!.map((j) => j.jobKey?.startsWith(`${second.executionId}:`))).toEqual([true, true]);
    expect(await stored(second.executionId)).toEqual(await stored(first.executionId));
    const written = await queueAndSlot(second.executionId);
    expect(written).toEqual(await queueAndSlot(first.executionId));
    expect(written.slots).toBe(1);
    expect(written.jobs).toHaveLength(2); // the timer and the timeout, both later; the start job is gone
    expect(written.jobs.every((j) => j.startsWith("execution.event") && j.endsWith("later"))).toBe(true);
  });

  it("writes nothing when the quota is full or a deferred execution is ahead; the locked path then defers it", async () => {
    const workflowId = await storedWorkflow("waits, quota", waits);
    const oneSlot = { ...deps(), maxActivePerOwner: 1 };
    const holder = await queued(workflowId, 1);
    await advanceExecution(oneSlot, holder.executionId, { type: "start" }, { completeJob: holder.job, versionHint: holder.versionId });
    expect(startWithoutLockExpected(holder.versionId)).toBe(true);

    // Full: nothing written, not even a slot.
    const refused = await queued(workflowId, 2);
    const before = await stored(refused.executionId);
    expect(await startWithoutLock(oneSlot, refused.executionId, { completeJob: refused.job })).toBeUndefined();
    expect(await stored(refused.executionId)).toEqual(before);
    expect(await queueAndSlot(refused.executionId)).toEqual({ slots: 0, jobs: ["execution.start (no key) due"] });
    const deferred = await advanceExecution(oneSlot, refused.executionId, { type: "start" }, { completeJob: refused.job, versionHint: refused.versionId });
    expect(deferred).toMatchObject({ status: "queued", applied: false });

    // A slot frees (the holder is cancelled), but the deferred execution is ahead of a newer start: the newer one
    // is refused, and the deferred one gets the slot.
    await advanceExecution(oneSlot, holder.executionId, { type: "cancel-requested" });
    const newer = await queued(workflowId, 3);
    expect(await startWithoutLock(oneSlot, newer.executionId, { completeJob: newer.job })).toBeUndefined();
    expect((await queueAndSlot(newer.executionId)).slots).toBe(0);
    const woken = await startWithoutLock(oneSlot, refused.executionId, {});
    expect(woken).toMatchObject({ status: "waiting", applied: true });
    expect((await queueAndSlot(refused.executionId)).slots).toBe(1);
  });

  it("claims no slot when the execution changed between the read and the write", async () => {
    const workflowId = await storedWorkflow("waits, cancelled", waits);
    const warm = await queued(workflowId, 1);
    await advanceExecution(deps(), warm.executionId, { type: "start" }, { versionHint: warm.versionId });
    const { cancelled, readBefore, before } = await readThenCancelled(workflowId);
    expect(await saveStartReadBefore(readBefore, cancelled.job, { limit: 10 })).toBeUndefined();
    expect(await stored(cancelled.executionId)).toEqual(before);
    expect((await queueAndSlot(cancelled.executionId)).slots).toBe(0);
    expect(await jobExists(cancelled.job.id)).toBe(true);
  });
});
