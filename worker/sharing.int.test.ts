import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../test/database";
import { doc } from "../test/engine-harness";
import { startExecutionRequest } from "@/server/execution/execution-service";
import { readExecutionReport, waitForExecution } from "@/server/execution/execution-report";
import { readHealth } from "@/server/services/health-service";
import { killAllWorkers, spawnWorker, type WorkerProcess } from "./fault-harness";
import { startAttributedTarget } from "./attributed-target";
import type { Database } from "@/server/db/prisma";

/**
 * Three worker processes on one database share the work: every one of them
 * runs jobs of the batch (attribution: each worker logs one line per job it
 * starts at LOG_LEVEL=debug), nothing runs twice, no process ever has more
 * than its WORKER_CONCURRENCY (2) HTTP effects in flight at once (the target
 * attributes each request to the process whose socket sent it), and a SIGTERM
 * to all three leaves no heartbeat behind.
 */
let db: Database;
let server: Awaited<ReturnType<typeof startAttributedTarget>>;
let workers: WorkerProcess[] = [];
const CONCURRENCY = 2;

beforeAll(async () => {
  db = openTestDatabase();
  server = await startAttributedTarget(() => workers.map((w) => w.child.pid!));
  const env = { WORKER_CONCURRENCY: String(CONCURRENCY), LOG_LEVEL: "debug", WORKER_STALE_SECONDS: "10" };
  workers = await Promise.all(["one", "two", "three"].map((name) => spawnWorker(name, env)));
});
afterAll(async () => {
  await killAllWorkers();
  await server?.close();
});

/** Jobs of the batch each worker process started, from its own log lines. */
function jobsStartedBy(worker: WorkerProcess): string[] {
  const prefix = `switchyard worker ${worker.workerId}: job `;
  return worker.lines.filter((l) => l.startsWith(prefix) && / execution\.\w+ started$/.test(l)).map((l) => l.slice(prefix.length).split(" ")[0]!);
}

describe("three worker processes", () => {
  it("all three run jobs of one batch; every job ran on exactly one of them", async () => {
    const health = await readHealth(db.pool, 10);
    expect(health.workers.list.map((w) => w.workerId).sort()).toEqual(workers.map((w) => w.workerId).sort());
    expect(health.workers.alive).toBe(3);

    // 9 executions × (a for-loop of 3 calls, concurrency 3) = 27 HTTP effects of 300 ms, 6 slots in all.
    const document = doc(
      [
        { id: "start", type: "trigger.manual" },
        { id: "each", type: "loop", config: { mode: "for", items: [1, 2, 3], concurrency: 3 } },
        { id: "call", type: "http.request", config: { method: "POST", url: `${server.url}/work/300`, body: { n: "{{ trigger.n }}", i: "{{ loop.item }}" } } },
        { id: "pick", type: "set", config: { values: { v: "{{ input.body.body.n * 10 + input.body.body.i }}" }, keepInput: false } },
        { id: "result", type: "output", config: { value: "{{ input }}" } },
      ],
      ["start->each", "each:body->call", "call->pick", "each:done->result"],
    );
    const ids: string[] = [];
    for (let n = 0; n < 9; n++) ids.push((await startExecutionRequest(db.pool, { document, input: { n } })).executionId);
    for (const id of ids) await waitForExecution(db.pool, id, { timeoutMs: 30_000 });

    for (const [n, id] of ids.entries()) {
      const report = await readExecutionReport(db.pool, id);
      expect(report).toMatchObject({ status: "succeeded", error: null });
      expect(report.output).toEqual([1, 2, 3].map((i) => ({ v: n * 10 + i })));
    }
    const perWorker = workers.map((w) => jobsStartedBy(w));
    console.log(`jobs per worker process: ${workers.map((w, i) => `${w.name} ${perWorker[i]!.length}`).join(", ")}`);
    for (const started of perWorker) expect(started.length).toBeGreaterThan(0);
    // Each job id started on exactly one process (graphile-worker's SKIP LOCKED; no sweeper interference).
    const all = perWorker.flat();
    expect(new Set(all).size).toBe(all.length);
    // 9 starts + 27 effects at least; every key was asked once.
    expect(all.length).toBeGreaterThanOrEqual(36);
    expect(server.requests.size).toBe(27);
    expect([...server.requests.values()].every((count) => count === 1)).toBe(true);
    // Per process, never more effects in flight than its slots (27 ready effects for 6 slots: the
    // demand was there), and every request came from one of the three.
    const peaks = workers.map((w) => server.peak.get(w.child.pid!) ?? 0);
    console.log(`most HTTP effects in flight at once per worker process: ${workers.map((w, i) => `${w.name} ${peaks[i]}`).join(", ")}`);
    expect(server.peak.has(0)).toBe(false);
    for (const peak of peaks) expect(peak).toBeLessThanOrEqual(CONCURRENCY);
    expect(Math.max(...peaks)).toBe(CONCURRENCY);
    const { rows: dup } = await db.pool.query(
      `SELECT "executionId", key FROM "NodeRun" WHERE "executionId" = ANY($1) GROUP BY 1, 2 HAVING count(*) > 1`,
      [ids],
    );
    expect(dup).toEqual([]);
  }, 45_000);

  it("SIGTERM to all three: each exits 0 and removes its heartbeat", async () => {
    for (const w of workers) w.child.kill("SIGTERM");
    expect(await Promise.all(workers.map((w) => w.exited))).toEqual([0, 0, 0]);
    const { rowCount } = await db.pool.query(`SELECT 1 FROM "WorkerHeartbeat"`);
    expect(rowCount).toBe(0);
  });
});
