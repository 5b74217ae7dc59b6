import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Task } from "graphile-worker";
import { openTestDatabase } from "../../../test/database";
import { doc } from "../../../test/engine-harness";
import { startAbortRegistry, type AbortRegistry } from "../../../worker/abort-registry";
import { executionTasks } from "../../../worker/tasks/execution-tasks";
import type { Database } from "@/server/db/prisma";
import { createQuickJsSandbox } from "@/server/sandbox/quickjs-sandbox";
import { workflowService } from "@/server/services/workflow-service";
import { cancelExecution, startExecutionRequest } from "./execution-service";

/**
 * A child execution that is still `queued` (its start job has not run yet)
 * when it is told to stop. With a real worker this is a race (the child's
 * start job and its cancel job are picked up concurrently; before
 * end-queued-execution.ts, 4 of 10 such children were left running in a trial). Here the task handlers are called directly, one job at a time, in
 * the losing order, so the outcome is deterministic.
 */
let db: Database;
let tasks: Record<string, Task>;
let aborts: AbortRegistry;
let sandbox: Awaited<ReturnType<typeof createQuickJsSandbox>>;
let sleepy: string;

beforeAll(async () => {
  db = openTestDatabase();
  sandbox = await createQuickJsSandbox();
  aborts = await startAbortRegistry(db.pool);
  tasks = executionTasks({ pool: db.pool, sandbox, aborts, fetch: globalThis.fetch });
  // sleepy: start → nap(delay 30 s)
  const document = doc([{ id: "start", type: "trigger.manual" }, { id: "nap", type: "delay", config: { seconds: 30 } }], ["start->nap"]);
  sleepy = (await workflowService(db.prisma).create({ name: "sleepy child", document })).id;
});
afterAll(async () => {
  await aborts?.stop();
  sandbox?.dispose();
});

/** Run by hand: the job (already deleted above) is locked by nobody, so no transition completes it. */
const helpers = { job: { id: "0", locked_by: null, job_queue_id: null } } as unknown as Parameters<Task>[1];

/** Run (and remove) the oldest queued job of `identifier` for this execution whose event matches. */
async function runJob(executionId: string, identifier: string, eventType?: string) {
  const { rows } = await db.pool.query<{ id: string; payload: { event?: { type: string } } }>(
    `SELECT j.id, j.payload FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
      WHERE j.payload->>'executionId' = $1 AND t.identifier = $2 AND ($3::text IS NULL OR j.payload->'event'->>'type' = $3)
      ORDER BY j.id LIMIT 1`,
    [executionId, identifier, eventType ?? null],
  );
  const job = rows[0];
  if (!job) throw new Error(`no ${identifier} ${eventType ?? ""} job for ${executionId}`);
  await db.pool.query(`DELETE FROM graphile_worker._private_jobs WHERE id = $1`, [job.id]);
  await tasks[identifier]!(job.payload, helpers);
}

const status = async (id: string) => (await db.prisma.execution.findUniqueOrThrow({ where: { id } })).status;

/** start → sub(subworkflow sleepy, waits) → after(output) */
async function parentWaitingOnQueuedChild() {
  const document = doc(
    [
      { id: "start", type: "trigger.manual" },
      { id: "sub", type: "subworkflow", config: { workflowId: sleepy } },
      { id: "after", type: "output", config: { value: "after" } },
    ],
    ["start->sub", "sub->after"],
  );
  const { executionId: parentId } = await startExecutionRequest(db.pool, { document });
  await runJob(parentId, "execution.start");
  const child = await db.prisma.execution.findFirstOrThrow({ where: { parentExecutionId: parentId } });
  expect([await status(parentId), child.status]).toEqual(["waiting", "queued"]);
  return { parentId, childId: child.id };
}

describe("a child that is still queued when it must stop", () => {
  // BUG (src/server/execution/advance-execution.ts, the early return
  // `isStart ? row.status !== "queued" : row.state === null`): the `cancel-requested`
  // event that `cancel-child` sends is dropped for a queued child (no state yet);
  // the child's start job then starts it and it runs to its end for nobody.
  it("cancelling the parent cancels a child whose start job has not run yet", async () => {
    const { parentId, childId } = await parentWaitingOnQueuedChild();
    await cancelExecution(db.pool, parentId);
    await runJob(parentId, "execution.event", "cancel-requested");
    expect(await status(parentId)).toBe("cancelled");
    await runJob(childId, "execution.event", "cancel-requested"); // delivered before the child's start job…
    await runJob(childId, "execution.start"); // …which must then not start it
    expect(await status(childId)).toBe("cancelled");
  });

  // BUG (src/server/execution/execution-service.ts, cancelExecution's `queued` branch): a queued
  // execution is marked cancelled directly, but when it is a child nothing tells its parent
  // (no `child-finished` job, unlike onExecutionFinished in apply-commands.ts), so the parent's
  // subworkflow node waits forever (or until its own timeoutSeconds).
  it("cancelling a queued child directly lets its waiting parent go on (fails it)", async () => {
    const { parentId, childId } = await parentWaitingOnQueuedChild();
    expect(await cancelExecution(db.pool, childId)).toEqual({ status: "cancelled" });
    await runJob(parentId, "execution.event", "child-finished");
    expect(await status(parentId)).toBe("failed");
  });
});
