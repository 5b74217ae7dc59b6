import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Task } from "graphile-worker";
import { openTestDatabase } from "../../test/database";
import { doc, startTestServer } from "../../test/engine-harness";
import type { Database } from "@/server/db/prisma";
import { createQuickJsSandbox } from "@/server/sandbox/quickjs-sandbox";
import { startExecutionRequest } from "@/server/execution/execution-service";
import { startAbortRegistry, type AbortRegistry } from "../abort-registry";
import { executionTasks } from "./execution-tasks";

/**
 * Redelivery: graphile-worker delivers at least once, so every task handler
 * must be idempotent. These tests call the handlers directly — no runner —
 * and deliver the same payload twice.
 */
let db: Database;
let tasks: Record<string, Task>;
let aborts: AbortRegistry;
let sandbox: Awaited<ReturnType<typeof createQuickJsSandbox>>;
let server: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  db = openTestDatabase();
  sandbox = await createQuickJsSandbox();
  aborts = await startAbortRegistry(db.pool);
  server = await startTestServer();
  tasks = executionTasks({ pool: db.pool, sandbox, aborts, fetch: globalThis.fetch });
});
afterAll(async () => {
  await aborts.stop();
  sandbox.dispose();
  await server.close();
});

type Helpers = Parameters<Task>[1];
/** A handler called by hand: its "job" is locked by nobody, so no transition completes it. */
const helpers = { job: { id: "0", locked_by: null, job_queue_id: null } } as unknown as Helpers;

/** Locks a queued job as graphile-worker does when it hands it out to `workerId`; returns the helpers a task then gets. */
async function handOut(jobId: string, workerId: string): Promise<Helpers> {
  const { rows } = await db.pool.query(
    `UPDATE graphile_worker._private_jobs SET locked_by = $2, locked_at = now(), attempts = attempts + 1 WHERE id = $1 RETURNING *`,
    [jobId, workerId],
  );
  return { job: rows[0] } as unknown as Helpers;
}

const jobExists = async (id: string) => (await db.pool.query(`SELECT 1 FROM graphile_worker._private_jobs WHERE id = $1`, [id])).rowCount === 1;

/** Jobs waiting in graphile-worker's queue for this execution, oldest first. */
async function queuedJobs(executionId: string) {
  const { rows } = await db.pool.query<{ id: string; task_identifier: string; payload: Record<string, unknown> }>(
    // graphile-worker 0.17 keeps payloads in its private table (the public view omits them).
    `SELECT j.id, t.identifier AS task_identifier, j.payload
       FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
      WHERE j.payload->>'executionId' = $1 ORDER BY j.id`,
    [executionId],
  );
  return rows;
}

async function snapshot(executionId: string) {
  const execution = await db.prisma.execution.findUniqueOrThrow({ where: { id: executionId } });
  return {
    status: execution.status,
    stateVersion: execution.stateVersion,
    eventSeq: execution.eventSeq,
    nodeRuns: await db.prisma.nodeRun.findMany({ where: { executionId }, orderBy: { key: "asc" }, select: { key: true, status: true, output: true } }),
    events: await db.prisma.executionEvent.count({ where: { executionId } }),
  };
}

describe("task handlers delivered twice", () => {
  it("execution.start twice starts once", async () => {
    const { executionId } = await startExecutionRequest(db.pool, {
      document: doc([{ id: "start", type: "trigger.manual" }, { id: "done", type: "output", config: { value: 1 } }], ["start->done"]),
    });
    await tasks["execution.start"]!({ executionId }, helpers);
    const after = await snapshot(executionId);
    await tasks["execution.start"]!({ executionId }, helpers);
    expect(await snapshot(executionId)).toEqual(after);
    expect(after.status).toBe("succeeded");
  });

  it("execution.effect twice calls the outside world once and records one result", async () => {
    const { executionId } = await startExecutionRequest(db.pool, {
      document: doc(
        [
          { id: "start", type: "trigger.manual" },
          { id: "call", type: "http.request", config: { method: "POST", url: `${server.url}/echo`, body: { n: 1 } } },
        ],
        ["start->call"],
      ),
    });
    await tasks["execution.start"]!({ executionId }, helpers);
    const effect = (await queuedJobs(executionId)).find((j) => j.task_identifier === "execution.effect");
    expect(effect).toBeDefined();
    await tasks["execution.effect"]!(effect!.payload, helpers);
    const after = await snapshot(executionId);
    await tasks["execution.effect"]!(effect!.payload, helpers);
    expect(await snapshot(executionId)).toEqual(after);
    expect(after.status).toBe("succeeded");
    expect(server.hits.filter((h) => h.key === `${executionId}:call`)).toHaveLength(1);
  });

  it("execution.event (timer fired) twice advances once", async () => {
    const { executionId } = await startExecutionRequest(db.pool, {
      document: doc(
        [
          { id: "start", type: "trigger.manual" },
          { id: "nap", type: "delay", config: { seconds: 60 } },
          { id: "done", type: "output", config: { value: "woke" } },
        ],
        ["start->nap", "nap->done"],
      ),
    });
    await tasks["execution.start"]!({ executionId }, helpers);
    expect((await snapshot(executionId)).status).toBe("waiting");
    const timer = (await queuedJobs(executionId)).find((j) => j.task_identifier === "execution.event");
    expect(timer?.payload).toMatchObject({ event: { type: "timer-fired" } });
    await tasks["execution.event"]!(timer!.payload, helpers);
    const after = await snapshot(executionId);
    await tasks["execution.event"]!(timer!.payload, helpers);
    expect(await snapshot(executionId)).toEqual(after);
    expect(after.status).toBe("succeeded");
    expect(after.nodeRuns.map((r) => [r.key, r.status])).toEqual([
      ["done@1", "succeeded"],
      ["nap@1", "succeeded"],
      ["start@1", "succeeded"],
    ]);
  });
});

describe("a handed-out job is completed by the transition it causes", () => {
  it("the start job is deleted in the start transition's commit; a redelivery of it changes nothing", async () => {
    const { executionId } = await startExecutionRequest(db.pool, {
      document: doc([{ id: "start", type: "trigger.manual" }, { id: "done", type: "output", config: { value: 1 } }], ["start->done"]),
    });
    const [job] = await queuedJobs(executionId);
    expect(job?.task_identifier).toBe("execution.start");
    await tasks["execution.start"]!({ executionId }, await handOut(job!.id, "worker-a"));
    expect(await jobExists(job!.id)).toBe(false);
    expect((await snapshot(executionId)).status).toBe("succeeded");
  });

  it("a job locked by another worker (released and taken over meanwhile) is left alone", async () => {
    const { executionId } = await startExecutionRequest(db.pool, {
      document: doc([{ id: "start", type: "trigger.manual" }, { id: "done", type: "output", config: { value: 1 } }], ["start->done"]),
    });
    const [job] = await queuedJobs(executionId);
    const stale = await handOut(job!.id, "worker-a");
    await handOut(job!.id, "worker-b"); // the sweeper released it and worker-b took it
    await tasks["execution.start"]!({ executionId }, stale);
    expect((await snapshot(executionId)).status).toBe("succeeded");
    expect(await jobExists(job!.id)).toBe(true); // worker-b's to complete
  });

  it("an effect job and the timer event job are completed by their transitions", async () => {
    const { executionId } = await startExecutionRequest(db.pool, {
      document: doc(
        [
          { id: "start", type: "trigger.manual" },
          { id: "call", type: "http.request", config: { method: "POST", url: `${server.url}/echo`, body: { n: 2 } } },
          { id: "nap", type: "delay", config: { seconds: 60 } },
          { id: "done", type: "output", config: { value: "woke" } },
        ],
        ["start->call", "call->nap", "nap->done"],
      ),
    });
    await tasks["execution.start"]!({ executionId }, helpers);
    const effect = (await queuedJobs(executionId)).find((j) => j.task_identifier === "execution.effect");
    await tasks["execution.effect"]!(effect!.payload, await handOut(effect!.id, "worker-a"));
    expect(await jobExists(effect!.id)).toBe(false);
    const timer = (await queuedJobs(executionId)).find((j) => j.task_identifier === "execution.event");
    await tasks["execution.event"]!(timer!.payload, await handOut(timer!.id, "worker-a"));
    expect(await jobExists(timer!.id)).toBe(false);
    expect((await snapshot(executionId)).status).toBe("succeeded");
  });
});
