import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../../test/database";
import { doc, startTestWorker } from "../../../test/engine-harness";
import type { WorkerHandle } from "../../../worker/start-worker";
import type { Database } from "@/server/db/prisma";
import { workflowService } from "@/server/services/workflow-service";
import { startExecutionRequest } from "./execution-service";
import { waitForExecution } from "./execution-report";

/**
 * "A waiting execution holds no worker slot": 200 executions that each wait
 * 2 s on a `delay`, started together on ONE worker with only 4 slots, all
 * finish in about 2 s. If a waiting execution held a slot, 4 slots would need
 * 200 / 4 × 2 s = 100 s.
 */
const EXECUTIONS = 200;
const CONCURRENCY = 4;
let db: Database;
let worker: WorkerHandle;

beforeAll(async () => {
  db = openTestDatabase();
  worker = await startTestWorker(CONCURRENCY);
});
afterAll(async () => {
  await worker.stop();
});

// start → nap(delay 0 s: no timer) → done(output)
const warmDoc = doc(
  [
    { id: "start", type: "trigger.manual" },
    { id: "nap", type: "delay", config: { seconds: 0 } },
    { id: "done", type: "output", config: { value: { i: "{{ trigger.i }}" } } },
  ],
  ["start->nap", "nap->done"],
);

describe("load: many waiting executions", () => {
  it(`${EXECUTIONS} executions with a 2 s delay on a worker of concurrency ${CONCURRENCY} finish in about 2 s`, async () => {
    // start → nap(delay 2 s) → done(output { i: trigger.i })
    const { id: workflowId } = await workflowService(db.prisma).create({
      name: "load delay",
      document: doc(
        [
          { id: "start", type: "trigger.manual" },
          { id: "nap", type: "delay", config: { seconds: 2 } },
          { id: "done", type: "output", config: { value: { i: "{{ trigger.i }}" } } },
        ],
        ["start->nap", "nap->done"],
      ),
    });
    // Warm up (JIT, connections, the workflow cache) with a few quick executions of the same code paths.
    const warm = await Promise.all(
      Array.from({ length: 8 }, async (_, i) => (await startExecutionRequest(db.pool, { document: warmDoc, input: { i } })).executionId),
    );
    for (const id of warm) await waitForExecution(db.pool, id, { timeoutMs: 10_000 });

    const started = Date.now();
    const ids = await Promise.all(
      Array.from({ length: EXECUTIONS }, async (_, i) => (await startExecutionRequest(db.pool, { workflowId, input: { i } })).executionId),
    );
    const allStarted = Date.now() - started;

    // Poll (one query, not one LISTEN connection per execution): how many are waiting, how many are done.
    let maxWaiting = 0;
    let maxRunningJobs = 0;
    for (;;) {
      const { rows } = await db.pool.query<{ waiting: number; finished: number; jobs: number }>(
        `SELECT count(*) FILTER (WHERE status = 'waiting')::int AS waiting,
                count(*) FILTER (WHERE status IN ('succeeded', 'failed', 'cancelled', 'timed_out'))::int AS finished,
                (SELECT count(*)::int FROM graphile_worker._private_jobs WHERE locked_at IS NOT NULL) AS jobs
           FROM "Execution" WHERE id = ANY($1)`,
        [ids],
      );
      const { waiting, finished, jobs } = rows[0]!;
      maxWaiting = Math.max(maxWaiting, waiting);
      maxRunningJobs = Math.max(maxRunningJobs, jobs);
      if (finished === EXECUTIONS) break;
      if (Date.now() - started > 20_000) throw new Error(`only ${finished} of ${EXECUTIONS} finished after 20 s`);
      await new Promise((r) => setTimeout(r, 25));
    }
    const wall = Date.now() - started;
    console.log(
      `load: ${EXECUTIONS} × delay 2 s on concurrency ${CONCURRENCY}: all started (enqueued) after ${allStarted} ms, ` +
        `all finished after ${wall} ms; at most ${maxWaiting} waiting at once, at most ${maxRunningJobs} jobs running at once`,
    );

    const { rows } = await db.pool.query<{ id: string; status: string; output: { i: number } }>(
      `SELECT id, status, output FROM "Execution" WHERE id = ANY($1)`,
      [ids],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(ids.map((id, i) => [byId.get(id)?.status, byId.get(id)?.output])).toEqual(ids.map((_, i) => ["succeeded", { i }]));
    expect(wall).toBeGreaterThanOrEqual(2000);
    expect(wall).toBeLessThan(5000);
    // Far more executions waited at the same time than the worker has slots, and it never ran more than 4 jobs.
    expect(maxWaiting).toBeGreaterThan(CONCURRENCY * 10);
    expect(maxRunningJobs).toBeLessThanOrEqual(CONCURRENCY);
    const nap = await db.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "NodeRun" WHERE "executionId" = ANY($1) AND "nodeId" = 'nap' AND status = 'succeeded' AND "durationMs" >= 2000`,
      [ids],
    );
    expect(nap.rows[0]!.n).toBe(EXECUTIONS);
  });
});
