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

const helpers = {} as Parameters<Task>[1];

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
