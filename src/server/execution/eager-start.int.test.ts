import { beforeEach, describe, expect, it } from "vitest";
import { driverTestContext } from "../../../test/driver-context";
import { doc } from "../../../test/engine-harness";
import { queueAndSlot } from "../../../test/queue-and-slot";
import { storedExecution } from "../../../test/stored-execution";
import { workflowService } from "@/server/services/workflow-service";
import { advanceExecution } from "./advance-execution";
import { startExecutionRequest, type StartRequest } from "./execution-service";
import { findLatestVersion } from "./latest-version";
import { EAGER_MAX_NODE_RUNS, startEagerly } from "./eager-start";

/**
 * Eager start (eager-start.ts): a start request whose start step needs only
 * the pure engine makes that step itself and inserts the execution already
 * past it, in one statement — exactly what a worker's start would have
 * written. Anything else is inserted queued, for a worker, with nothing else
 * written.
 */
const context = driverTestContext();
const deps = () => context.deps();
// Each test starts with an empty queue: a start job left by an earlier test would be a backlog an eager start must not jump.
beforeEach(() => context.db.pool.query(`DELETE FROM graphile_worker._private_jobs`));

const trigger = { id: "start", type: "trigger.manual" };
const pure = doc(
  [trigger, { id: "double", type: "set", config: { values: { n: "{{ trigger.n * 2 }}" }, keepInput: false } }, { id: "out", type: "output", config: { value: "{{ input.n }}" } }],
  ["start->double", "double->out"],
);
const waits = doc(
  [trigger, { id: "nap", type: "delay", config: { seconds: 60 } }, { id: "out", type: "output", config: { value: 1 } }],
  ["start->nap", "nap->out"],
);
const code = doc([trigger, { id: "run", type: "code", config: { code: "const n = trigger.n; return n + 1;" } }], ["start->run"]);
const repeats = {
  version: 1,
  name: "repeats",
  nodes: [trigger, { id: "times", type: "loop", config: { mode: "repeat", times: "{{ trigger.n }}" } }, { id: "step", type: "set", config: { values: { i: "{{ loop.index }}" }, keepInput: false } }],
  edges: [{ source: "start", target: "times" }, { source: "times", sourceHandle: "body", target: "step" }],
};
const asks = doc([trigger, { id: "ask", type: "approval", config: { title: "Go?", onTimeout: "fail" } }], ["start->ask"]);

/** A stored workflow whose latest version this process already knows (as after its first start). */
async function storedWorkflow(name: string, document: object): Promise<string> {
  const { id } = await workflowService(context.db.prisma).create({ name: `${name} ${Math.random()}`, document });
  await findLatestVersion(context.db.pool, id);
  return id;
}

const start = (workflowId: string, n: number, extra: Partial<StartRequest> = {}) =>
  startExecutionRequest(context.db.pool, { workflowId, input: { n }, trigger: "manual", ...extra });

/** What is stored of an execution (storedExecution), with how it was started and its queue and slot. */
async function stored(executionId: string) {
  const { row, ...stored } = await storedExecution(context.db, executionId);
  return { ...stored, trigger: row.trigger, started: row.startedAt !== null, finished: row.finishedAt !== null, ...(await queueAndSlot(context.db.pool, executionId)) };
}

/** The same start made the plain way: inserted queued, then started by a worker's transition. */
async function startedByWorker(workflowId: string, n: number) {
  const { executionId } = await start(workflowId, n);
  const { rows } = await context.db.pool.query<{ id: string }>(
    `UPDATE graphile_worker._private_jobs SET locked_by = 'w-eager', locked_at = now() WHERE payload->>'executionId' = $1 RETURNING id::text`,
    [executionId],
  );
  await advanceExecution(deps(), executionId, { type: "start" }, { completeJob: { id: rows[0]!.id, workerId: "w-eager" } });
  return executionId;
}

describe("an eager start writes, in the request, what a worker's start would have", () => {
  it("a start that ends the execution: succeeded, with its node runs and events, no job and no slot", async () => {
    const workflowId = await storedWorkflow("pure", pure);
    const { executionId, created } = await start(workflowId, 4, { eager: true });
    expect(created).toBe(true);
    const eager = await stored(executionId);
    expect(eager).toMatchObject({ status: "succeeded", output: 8, finished: true, slots: 0, jobs: [] });
    expect(eager).toEqual(await stored(await startedByWorker(workflowId, 4)));
  });

  it("a start that waits for a timer: waiting, with its slot, its timer and timeout jobs, and no start job", async () => {
    const workflowId = await storedWorkflow("waits", { ...waits, settings: { timeoutSeconds: 600 } });
    const { executionId } = await start(workflowId, 1, { eager: true });
    const eager = await stored(executionId);
    expect(eager).toMatchObject({ status: "waiting", started: true, finished: false, slots: 1 });
    expect(eager.jobs).toEqual(["execution.event <id>:nap@1:delay later", "execution.event <id>:execution-timeout later"]);
    expect(eager).toEqual(await stored(await startedByWorker(workflowId, 1)));
  });

  it("started by a user: its slot is claimed under the owner the row is inserted with, the user's quota", async () => {
    const workflowId = await storedWorkflow("users", waits);
    const { executionId } = await start(workflowId, 1, { eager: true, startedBy: "ada" });
    const { rows } = await context.db.pool.query(
      `SELECT e.status, e."startedBy", e."admissionOwner", s.owner AS "slotOwner" FROM "Execution" e JOIN "AdmissionSlot" s ON s."executionId" = e.id WHERE e.id = $1`,
      [executionId],
    );
    expect(rows).toEqual([{ status: "waiting", startedBy: "ada", admissionOwner: "user:ada", slotOwner: "user:ada" }]);
  });
});

describe("a start the request does not make is inserted queued for a worker, with nothing else written", () => {
  const queuedStart = { status: "queued", started: false, runs: [], events: [], slots: 0, jobs: ["execution.start (no key) due"] };

  it("one that would run user code (a code node), or whose commands need queries (an approval)", async () => {
    for (const [name, document] of [["code", code], ["asks", asks]] as const) {
      const workflowId = await storedWorkflow(name, document);
      const { executionId } = await start(workflowId, 1, { eager: true });
      expect(await stored(executionId), name).toMatchObject(queuedStart);
      const started = await advanceExecution(deps(), executionId, { type: "start" });
      expect(started.status, name).toBe(name === "code" ? "succeeded" : "waiting");
    }
  });

  it("one that would jump a start job waiting at its priority or above; a higher priority one still starts at once", async () => {
    const workflowId = await storedWorkflow("backlog", waits);
    const waiting = await start(workflowId, 1); // queued: its start job waits for a worker
    expect((await stored(waiting.executionId)).status).toBe("queued");
    expect(await stored((await start(workflowId, 2, { eager: true })).executionId)).toMatchObject(queuedStart);
    expect((await stored((await start(workflowId, 3, { eager: true, priority: 5 })).executionId)).status).toBe("waiting");
  });

  it("one refused an admission slot (the quota is full), which the worker then defers", async () => {
    const workflowId = await storedWorkflow("quota", waits);
    const latest = (await findLatestVersion(context.db.pool, workflowId))!;
    const oneSlot = { pool: context.db.pool, maxActivePerOwner: 1 };
    const request = { workflowId, versionId: latest.versionId, version: latest.version, priority: 0, input: { n: 1 }, trigger: "api", startedBy: null };
    const holder = await startEagerly(oneSlot, request);
    expect((await stored(holder!)).status).toBe("waiting");
    const count = () => context.db.prisma.execution.count({ where: { workflowId } });
    expect(await count()).toBe(1);
    expect(await startEagerly(oneSlot, request)).toBeUndefined();
    expect(await count()).toBe(1); // nothing written: the caller inserts it queued
    const { executionId } = await start(workflowId, 2);
    expect(await advanceExecution({ ...deps(), maxActivePerOwner: 1 }, executionId, { type: "start" })).toMatchObject({ status: "queued", applied: false });
  });

  it("one of a version whose start recorded more node runs than a request should make (that start was still made eagerly)", async () => {
    const workflowId = await storedWorkflow("repeats", repeats);
    expect(await stored((await start(workflowId, 3, { eager: true })).executionId)).toMatchObject({ status: "succeeded", jobs: [] });
    const big = await start(workflowId, EAGER_MAX_NODE_RUNS, { eager: true }); // > EAGER_MAX_NODE_RUNS runs: made, and remembered
    expect(await stored(big.executionId)).toMatchObject({ status: "succeeded", jobs: [] });
    expect(await stored((await start(workflowId, 3, { eager: true })).executionId)).toMatchObject(queuedStart);
  });

  it("one in debug mode, or without `eager`", async () => {
    const workflowId = await storedWorkflow("modes", pure);
    expect(await stored((await start(workflowId, 1, { eager: true, mode: "debug" })).executionId)).toMatchObject(queuedStart);
    expect(await stored((await start(workflowId, 1)).executionId)).toMatchObject(queuedStart);
  });
});
