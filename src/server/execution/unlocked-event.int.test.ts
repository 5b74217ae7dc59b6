import { beforeEach, describe, expect, it } from "vitest";
import { driverTestContext } from "../../../test/driver-context";
import { doc } from "../../../test/engine-harness";
import { workflowService } from "@/server/services/workflow-service";
import type { EngineEvent } from "@/engine/execution-types";
import { advanceExecution } from "./advance-execution";
import { startExecutionRequest } from "./execution-service";
import { timerWithoutLock } from "./unlocked-event";

/**
 * A timer's step is made with one read and one guarded write
 * (unlocked-event.ts) when its commands need no query — and when it ends the
 * execution, the same write frees the admission slot and the deferred
 * executions it can let in are woken. Anything else is the locked path's,
 * with nothing written.
 */
const context = driverTestContext();
const deps = () => context.deps();
beforeEach(() => context.db.pool.query(`DELETE FROM graphile_worker._private_jobs`));

const trigger = { id: "start", type: "trigger.manual" };
const napThenDone = doc(
  [trigger, { id: "nap", type: "delay", config: { seconds: 60 } }, { id: "done", type: "set", config: { values: { waited: true } } }],
  ["start->nap", "nap->done"],
);
const twoNaps = doc(
  [trigger, { id: "nap", type: "delay", config: { seconds: 60 } }, { id: "again", type: "delay", config: { seconds: 60 } }],
  ["start->nap", "nap->again"],
);

async function storedWorkflow(name: string, document: object): Promise<string> {
  return (await workflowService(context.db.prisma).create({ name: `${name} ${Math.random()}`, document })).id;
}

/** Start an execution and make its start step as a worker does (completing its start job), with quota `limit`; its status after. */
async function started(workflowId: string, limit = 100) {
  const { executionId } = await startExecutionRequest(context.db.pool, { workflowId, input: {} });
  const { rows } = await context.db.pool.query<{ id: string }>(
    `UPDATE graphile_worker._private_jobs SET locked_by = 'w-start', locked_at = now() WHERE payload->>'executionId' = $1 RETURNING id::text`,
    [executionId],
  );
  const completeJob = { id: rows[0]!.id, workerId: "w-start" };
  const { status } = await advanceExecution({ ...deps(), maxActivePerOwner: limit }, executionId, { type: "start" }, { completeJob });
  // A deferred start commits only its mark: its job is graphile-worker's to complete, as the task's return does.
  if (status === "queued") await context.db.pool.query(`DELETE FROM graphile_worker._private_jobs WHERE id = $1::bigint`, [completeJob.id]);
  return { executionId, status };
}

/** The execution's pending timer job, handed out to `worker` as graphile-worker would once due. */
async function dueTimer(executionId: string, worker = "w-timer") {
  const { rows } = await context.db.pool.query<{ id: string; event: EngineEvent }>(
    `UPDATE graphile_worker._private_jobs SET locked_by = $2, locked_at = now(), attempts = 1
      WHERE payload->>'executionId' = $1 AND payload->'event'->>'type' = 'timer-fired' RETURNING id::text, payload->'event' AS event`,
    [executionId, worker],
  );
  expect(rows).toHaveLength(1);
  return { event: rows[0]!.event, job: { id: rows[0]!.id, workerId: worker } };
}

async function stored(executionId: string) {
  const execution = await context.db.prisma.execution.findUniqueOrThrow({ where: { id: executionId } });
  const runs = await context.db.prisma.nodeRun.findMany({ where: { executionId }, orderBy: { seq: "asc" } });
  const { rows: slots } = await context.db.pool.query(`SELECT 1 FROM "AdmissionSlot" WHERE "executionId" = $1`, [executionId]);
  const { rows: jobs } = await context.db.pool.query(`SELECT 1 FROM graphile_worker._private_jobs WHERE payload->>'executionId' = $1`, [executionId]);
  return { status: execution.status, stateVersion: execution.stateVersion, runs: runs.map((r) => `${r.nodeId}:${r.status}`), slots: slots.length, jobs: jobs.length };
}

describe("a timer's step, in one read and one guarded write", () => {
  it("ends the execution: its node runs, its slot freed, its timer job completed", async () => {
    const workflowId = await storedWorkflow("nap", napThenDone);
    const { executionId, status } = await started(workflowId);
    expect(status).toBe("waiting");
    expect(await stored(executionId)).toMatchObject({ slots: 1, jobs: 1 });
    const { event, job } = await dueTimer(executionId);
    const outcome = await timerWithoutLock(deps(), executionId, event, { completeJob: job });
    expect(outcome).toMatchObject({ status: "succeeded", applied: true, completedJob: true });
    expect(await stored(executionId)).toEqual({ status: "succeeded", stateVersion: 2, runs: ["start:succeeded", "nap:succeeded", "done:succeeded"], slots: 0, jobs: 0 });
    // Delivered again: nothing changes, and the locked path says so.
    expect(await timerWithoutLock(deps(), executionId, event, {})).toBeUndefined();
    expect(await advanceExecution(deps(), executionId, event)).toMatchObject({ status: "succeeded", applied: false });
  });

  it("wakes the execution deferred for the slot it frees", async () => {
    const workflowId = await storedWorkflow("nap, quota 1", napThenDone);
    const holder = await started(workflowId, 1);
    const deferred = await started(workflowId, 1);
    expect([holder.status, deferred.status]).toEqual(["waiting", "queued"]);
    expect((await stored(deferred.executionId)).jobs).toBe(0); // deferred: no start job until a slot frees
    const { event, job } = await dueTimer(holder.executionId);
    expect(await timerWithoutLock({ ...deps(), maxActivePerOwner: 1 }, holder.executionId, event, { completeJob: job })).toMatchObject({ status: "succeeded" });
    const { rows } = await context.db.pool.query(
      `SELECT 1 FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
        WHERE t.identifier = 'execution.start' AND j.payload->>'executionId' = $1`,
      [deferred.executionId],
    );
    expect(rows).toHaveLength(1);
    expect((await advanceExecution({ ...deps(), maxActivePerOwner: 1 }, deferred.executionId, { type: "start" })).status).toBe("waiting");
  });

  it("leaves a step that schedules another timer to the locked path, having written nothing", async () => {
    const workflowId = await storedWorkflow("two naps", twoNaps);
    const { executionId } = await started(workflowId);
    const before = await stored(executionId);
    const { event, job } = await dueTimer(executionId);
    expect(await timerWithoutLock(deps(), executionId, event, { completeJob: job })).toBeUndefined();
    expect(await stored(executionId)).toEqual(before);
    const locked = await advanceExecution(deps(), executionId, event, { completeJob: job });
    expect(locked).toMatchObject({ status: "waiting", applied: true, completedJob: true });
    expect((await stored(executionId)).runs).toEqual(["start:succeeded", "nap:succeeded", "again:waiting"]);
  });
});
