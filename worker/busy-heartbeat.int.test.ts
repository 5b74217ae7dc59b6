import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../test/database";
import { doc } from "../test/engine-harness";
import { startExecutionRequest } from "@/server/execution/execution-service";
import { readExecutionReport, waitForExecution } from "@/server/execution/execution-report";
import { killAllWorkers, spawnWorker, type WorkerProcess } from "./fault-harness";
import type { Database } from "@/server/db/prisma";

/**
 * A worker whose main thread is busy for longer than the stale threshold — one
 * `code` node computing for seconds, inside one engine step — is still alive:
 * its heartbeat comes from a thread of its own (heartbeat.ts), so another
 * worker's sweeper must not declare it dead and release its job (which would
 * run the same step twice). Two worker processes, a 3 s stale threshold,
 * beats every second; the code runs for longer than 3 s.
 *
 *   start → work (code, a long loop; settings.sandbox.timeoutMs 60 s) → result
 */
let db: Database;
let workers: WorkerProcess[];
const STALE_SECONDS = 3;
const ENV = { WORKER_STALE_SECONDS: String(STALE_SECONDS), WORKER_CONCURRENCY: "1" };

beforeAll(async () => {
  db = openTestDatabase();
  workers = await Promise.all([spawnWorker("busy-a", ENV), spawnWorker("busy-b", ENV)]);
});
afterAll(async () => {
  await killAllWorkers();
});

const LONG_LOOP = "let x = 0;\nfor (let i = 0; i < 60e6; i++) x += i % 7;\nreturn x > 0;";
const document = doc(
  [
    { id: "start", type: "trigger.manual" },
    { id: "work", type: "code", config: { code: LONG_LOOP } },
    { id: "result", type: "output", config: { value: "{{ input }}" } },
  ],
  ["start->work", "work->result"],
  { sandbox: { timeoutMs: 60_000 } },
);

/** The oldest a worker's heartbeat row got while `until` is pending, sampled every 100 ms (ms; Infinity when the row was missing). */
async function oldestHeartbeat(until: Promise<unknown>): Promise<Record<string, number>> {
  const oldest: Record<string, number> = {};
  let done = false;
  void until.finally(() => (done = true));
  while (!done) {
    const { rows } = await db.pool.query<{ workerId: string; ageMs: number }>(
      `SELECT "workerId", (EXTRACT(EPOCH FROM (now() - "lastSeenAt")) * 1000)::float8 AS "ageMs" FROM "WorkerHeartbeat"`,
    );
    for (const worker of workers) {
      const row = rows.find((r) => r.workerId === worker.workerId);
      oldest[worker.name] = Math.max(oldest[worker.name] ?? 0, row ? row.ageMs : Infinity);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return oldest;
}

describe("a worker busy in a long code evaluation", () => {
  it("keeps beating, so no other worker presumes it dead and takes its job", async () => {
    const started = Date.now();
    const { executionId } = await startExecutionRequest(db.pool, { document, input: {} });
    const finished = waitForExecution(db.pool, executionId, { timeoutMs: 90_000 });
    const oldest = await oldestHeartbeat(finished);
    const wallMs = Date.now() - started;
    expect(await finished).toBe("succeeded");
    expect(wallMs, "the code must keep its worker busy for longer than the stale threshold, or this test proves nothing").toBeGreaterThan(STALE_SECONDS * 1000 + 500);
    console.log(`busy worker: ran ${wallMs} ms; oldest heartbeat seen per worker: ${JSON.stringify(oldest)}`);
    // Beats every second from both processes, the busy one included.
    for (const worker of workers) expect(oldest[worker.name], worker.name).toBeLessThan(STALE_SECONDS * 1000);
    const log = workers.flatMap((w) => w.lines).join("\n");
    expect(log).not.toMatch(/released the jobs of|declared stale/);
    expect((await readExecutionReport(db.pool, executionId)).nodeRuns.filter((r) => r.nodeId === "work")).toEqual([
      expect.objectContaining({ status: "succeeded", attempt: 1 }),
    ]);
  }, 120_000);
});
