import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../../test/database";
import { doc } from "../../../test/engine-harness";
import type { Database } from "@/server/db/prisma";
import { workflowService } from "@/server/services/workflow-service";
import { startExecutionRequest } from "./execution-service";
import { waitForExecution } from "./execution-report";

/**
 * "A waiting execution holds no worker slot": 200 executions that each wait
 * 2 s on a `delay`, started together on ONE worker with only 4 slots, all
 * finish in about 2 s (asserted: far more waiting at once than there are slots,
 * and well under the 100 s slot-holding waits would take). If a waiting execution held a slot, 4 slots would need
 * 200 / 4 × 2 s = 100 s. Run twice: spread over 20 stored workflows, and all
 * of ONE workflow (admission control takes a per-workflow lock in start and
 * final steps, which must not serialise them).
 *
 * The worker is the real worker process (`worker/main.ts`, as `npm run worker`
 * runs it), so creating the executions here does not share an event loop with
 * the worker applying them — the production topology.
 */
const EXECUTIONS = 200;
const CONCURRENCY = 4;
/** Slot-holding waits would need 100 s; about 2–3 s is normal. */
const WALL_BOUND_MS = 30_000;
let db: Database;
let worker: ChildProcess;

beforeAll(async () => {
  db = openTestDatabase();
  worker = fork(path.resolve(import.meta.dirname, "../../../worker/main.ts"), {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, WORKER_CONCURRENCY: String(CONCURRENCY), SWITCHYARD_SUPERVISED: "1", LOG_LEVEL: "error" },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  await new Promise<void>((resolve, reject) => {
    worker.once("message", () => resolve());
    worker.once("exit", (code) => reject(new Error(`worker exited with ${code} before it was ready`)));
  });
  // Warm up (module loading, JIT, connections, every step kind) with 40 executions of a 1 s delay.
  const { id: warmId } = await workflowService(db.prisma).create({ name: "load warm-up", document: napDoc(1) });
  const warm = await Promise.all(
    Array.from({ length: 40 }, async (_, i) => (await startExecutionRequest(db.pool, { workflowId: warmId, input: { i } })).executionId),
  );
  for (const id of warm) await waitForExecution(db.pool, id, { timeoutMs: 30_000 });
});
afterAll(async () => {
  if (!worker || worker.exitCode !== null) return;
  const exited = new Promise((resolve) => worker.once("exit", resolve));
  worker.kill("SIGTERM"); // graceful: stops the runner and closes its pool
  await exited;
});

/** start → nap(delay `seconds`) → done(output { i: trigger.i }) */
const napDoc = (seconds: number) =>
  doc(
    [
      { id: "start", type: "trigger.manual" },
      { id: "nap", type: "delay", config: { seconds } },
      { id: "done", type: "output", config: { value: { i: "{{ trigger.i }}" } } },
    ],
    ["start->nap", "nap->done"],
  );

/** Start EXECUTIONS executions at once, round-robin over `workflowIds`, and watch them to the end. */
async function runLoad(label: string, workflowIds: string[]) {
  const started = Date.now();
  const ids = await Promise.all(
    Array.from({ length: EXECUTIONS }, async (_, i) => (await startExecutionRequest(db.pool, { workflowId: workflowIds[i % workflowIds.length], input: { i } })).executionId),
  );
  const enqueued = Date.now() - started;
  // Poll with one query (not one LISTEN connection per execution). Also sample how many of this
  // database's backends wait on a lock (admission serialises a workflow's starts for a moment).
  let maxWaiting = 0;
  let maxLockWaits = 0;
  let allStepped: number | undefined; // every start step applied (each execution waiting on its timer, or done)
  for (;;) {
    const { rows } = await db.pool.query<{ waiting: number; finished: number; lockWaits: number }>(
      `SELECT count(*) FILTER (WHERE status = 'waiting')::int AS waiting,
              count(*) FILTER (WHERE status IN ('succeeded', 'failed', 'cancelled', 'timed_out'))::int AS finished,
              (SELECT count(*)::int FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock') AS "lockWaits"
         FROM "Execution" WHERE id = ANY($1)`,
      [ids],
    );
    const { waiting, finished, lockWaits } = rows[0]!;
    maxWaiting = Math.max(maxWaiting, waiting);
    maxLockWaits = Math.max(maxLockWaits, lockWaits);
    if (allStepped === undefined && waiting + finished === EXECUTIONS) allStepped = Date.now() - started;
    if (finished === EXECUTIONS) break;
    if (Date.now() - started > 30_000) throw new Error(`only ${finished} of ${EXECUTIONS} finished after 30 s`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const wall = Date.now() - started;
  console.log(
    `load (${label}): ${EXECUTIONS} × delay 2 s, worker concurrency ${CONCURRENCY}: enqueued in ${enqueued} ms, ` +
      `all start steps applied after ${allStepped} ms, all finished after ${wall} ms; ` +
      `at most ${maxWaiting} waiting at once; at most ${maxLockWaits} backends waiting on a lock`,
  );
  const { rows } = await db.pool.query<{ id: string; status: string; output: { i: number } }>(
    `SELECT id, status, output FROM "Execution" WHERE id = ANY($1)`,
    [ids],
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const outcomes = ids.map((id) => [byId.get(id)?.status, byId.get(id)?.output]);
  const naps = await db.pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "NodeRun" WHERE "executionId" = ANY($1) AND "nodeId" = 'nap' AND status = 'succeeded' AND "durationMs" >= 2000`,
    [ids],
  );
  return { wall, maxWaiting, maxLockWaits, outcomes, fullNaps: naps.rows[0]!.n };
}

const create = async (name: string) => (await workflowService(db.prisma).create({ name, document: napDoc(2) })).id;
const expected = Array.from({ length: EXECUTIONS }, (_, i) => ["succeeded", { i }]);

describe("load: many waiting executions", () => {
  it(`${EXECUTIONS} executions (of 20 workflows) with a 2 s delay on a worker of concurrency ${CONCURRENCY} finish in about 2 s`, async () => {
    const spread = await runLoad("20 workflows", await Promise.all(Array.from({ length: 20 }, (_, k) => create(`load delay ${k}`))));
    expect(spread.outcomes).toEqual(expected);
    expect(spread.fullNaps).toBe(EXECUTIONS); // every delay really lasted its 2 s
    expect(spread.wall).toBeGreaterThanOrEqual(2000);
    // Not a speed target (that is `npm run bench`): far from the 100 s that slot-holding waits would
    // take, with room for a loaded CI machine (6.3 s seen while other suites ran).
    expect(spread.wall).toBeLessThan(WALL_BOUND_MS);
    // Far more executions waited at the same time than the worker has slots.
    expect(spread.maxWaiting).toBeGreaterThan(CONCURRENCY * 10);
  });

  it(`${EXECUTIONS} executions of ONE workflow (all sharing its admission quota) also finish in about 2 s`, async () => {
    const single = await runLoad("1 workflow", [await create("load delay single")]);
    expect(single.outcomes).toEqual(expected);
    expect(single.fullNaps).toBe(EXECUTIONS);
    expect(single.wall).toBeLessThan(WALL_BOUND_MS);
    expect(single.maxWaiting).toBeGreaterThan(CONCURRENCY * 10);
  });
});
