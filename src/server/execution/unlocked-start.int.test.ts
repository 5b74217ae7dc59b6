import { describe, expect, it } from "vitest";
import { driverTestContext } from "../../../test/driver-context";
import { doc } from "../../../test/engine-harness";
import { workflowService } from "@/server/services/workflow-service";
import { advanceExecution } from "./advance-execution";
import { readExecution } from "./execution-row";
import { startExecutionRequest } from "./execution-service";
import { saveStepIfUnchanged } from "./save-step";
import { loadExecutionWorkflow } from "./workflow-cache";
import { startExecution } from "@/engine/interpreter";
import type { StartPayload } from "./jobs";
import { startEndsAtOnce, startWithoutLock } from "./unlocked-start";

/**
 * A start step that ends the execution is made with one read and one guarded
 * write when the worker has learnt that starts of that workflow version end at
 * once (unlocked-start.ts); anything else is the locked path's, with nothing
 * written.
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
  const execution = await context.db.prisma.execution.findUniqueOrThrow({ where: { id: executionId } });
  const runs = await context.db.prisma.nodeRun.findMany({ where: { executionId }, orderBy: { seq: "asc" } });
  const events = await context.db.prisma.executionEvent.findMany({ where: { executionId }, orderBy: { seq: "asc" } });
  return {
    status: execution.status,
    output: execution.output,
    stateVersion: execution.stateVersion,
    eventSeq: execution.eventSeq,
    nodeRunCount: execution.nodeRunCount,
    runs: runs.map((r) => `${r.nodeId}:${r.status}`),
    events: events.map((e) => `${e.seq} ${e.type}`),
  };
}

async function jobExists(id: string): Promise<boolean> {
  const { rowCount } = await context.db.pool.query(`SELECT 1 FROM graphile_worker._private_jobs WHERE id = $1::bigint`, [id]);
  return rowCount === 1;
}

describe("a start that ends the execution, in one read and one write", () => {
  it("writes what the locked path writes, completing its job, once the version is known to end at once", async () => {
    const workflowId = await storedWorkflow("pure", pure);
    const first = await queued(workflowId, 4);
    expect(first.versionId).toEqual(expect.any(String)); // the start request names the version
    expect(startEndsAtOnce(first.versionId)).toBe(false); // not learnt yet: the locked path makes this one

    const locked = await advanceExecution(deps(), first.executionId, { type: "start" }, { completeJob: first.job, versionHint: first.versionId });
    expect(locked).toMatchObject({ status: "succeeded", applied: true, completedJob: true });
    expect(startEndsAtOnce(first.versionId)).toBe(true);

    const second = await queued(workflowId, 4);
    const unlocked = await startWithoutLock(deps(), second.executionId, { completeJob: second.job });
    expect(unlocked).toMatchObject({ status: "succeeded", applied: true, completedJob: true });
    expect(await jobExists(second.job.id)).toBe(false);
    expect(await stored(second.executionId)).toEqual(await stored(first.executionId));
    expect((await stored(second.executionId)).output).toBe(8);
  });

  it("leaves a start that waits to the locked path, having written nothing, and learns not to try again", async () => {
    const workflowId = await storedWorkflow("waits", waits);
    const { executionId, job, versionId } = await queued(workflowId, 1);
    const before = await stored(executionId);
    expect(await startWithoutLock(deps(), executionId, { completeJob: job })).toBeUndefined();
    expect(await stored(executionId)).toEqual(before);
    expect(await jobExists(job.id)).toBe(true);
    expect(startEndsAtOnce(versionId)).toBe(false);
    const started = await advanceExecution(deps(), executionId, { type: "start" }, { completeJob: job, versionHint: versionId });
    expect(started.status).toBe("waiting");
  });

  it("writes nothing for an execution no longer queued: cancelled, or already started", async () => {
    const workflowId = await storedWorkflow("pure again", pure);
    const first = await queued(workflowId, 1);
    await advanceExecution(deps(), first.executionId, { type: "start" }, { versionHint: first.versionId });

    // Cancelled while queued: its status changes, not its stateVersion.
    const cancelled = await queued(workflowId, 2);
    const readBefore = (await readExecution(context.db.pool, cancelled.executionId))!;
    expect((await advanceExecution(deps(), cancelled.executionId, { type: "cancel-requested" })).status).toBe("cancelled");
    const before = await stored(cancelled.executionId);
    expect(await startWithoutLock(deps(), cancelled.executionId, { completeJob: cancelled.job })).toBeUndefined();
    expect(await stored(cancelled.executionId)).toEqual(before);
    // Cancelled between the read and the write: the write's status guard refuses the step read before.
    const client = await context.db.pool.connect();
    try {
      const workflow = await loadExecutionWorkflow(client, readBefore);
      const now = new Date();
      const step = startExecution(workflow, readBefore.input, { executionId: readBefore.id, startedAt: now.toISOString(), mode: "normal", now: now.toISOString() }, { sandbox: context.sandbox });
      const limits = { maxValueBytes: 1024 * 1024 };
      const queue = { jobs: [], complete: cancelled.job };
      expect(await saveStepIfUnchanged(client, readBefore, step, now, limits, queue)).toBeUndefined();
    } finally {
      client.release();
    }
    expect(await stored(cancelled.executionId)).toEqual(before);
    expect(await jobExists(cancelled.job.id)).toBe(true);

    // Its start job delivered twice: the second delivery changes nothing.
    expect(await startWithoutLock(deps(), first.executionId, {})).toBeUndefined();
    const again = await advanceExecution(deps(), first.executionId, { type: "start" }, { versionHint: first.versionId });
    expect(again).toMatchObject({ status: "succeeded", applied: false });
  });
});
