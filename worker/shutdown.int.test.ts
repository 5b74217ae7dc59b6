import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../test/database";
import { doc } from "../test/engine-harness";
import { startExecutionRequest } from "@/server/execution/execution-service";
import { readExecutionReport, waitForExecution } from "@/server/execution/execution-report";
import { jobsSnapshot, killAllWorkers, spawnWorker, startDedupServer, until, type WorkerProcess } from "./fault-harness";
import type { Database } from "@/server/db/prisma";

/**
 * SIGTERM of a worker process while it runs an HTTP effect (grace period 3 s):
 * a call that ends within the grace period finishes on that worker; a longer
 * one is abandoned at the end of the grace period and its job released at
 * once (not after the 30 s stale threshold, nor graphile-worker's retry
 * backoff), so the other worker completes the execution — with the same
 * Idempotency-Key, so the API does the work once, and without recording a
 * failure. While it drains, a stopping worker takes no new job, even with a
 * free slot: work enqueued then waits for another (or a restarted) worker.
 */
let db: Database;
let server: Awaited<ReturnType<typeof startDedupServer>>;

// A stale threshold far above the test's timings: only the shutdown itself can release jobs here.
const ENV = { WORKER_STALE_SECONDS: "30", WORKER_SHUTDOWN_GRACE_SECONDS: "3", WORKER_CONCURRENCY: "2" };

beforeAll(async () => {
  db = openTestDatabase();
  server = await startDedupServer();
});
afterAll(async () => {
  await killAllWorkers();
  await server?.close();
});

const oneCall = (ms: number) =>
  doc(
    [
      { id: "start", type: "trigger.manual" },
      { id: "call", type: "http.request", config: { method: "POST", url: `${server.url}/work/${ms}`, body: { n: "{{ trigger.n }}" } } },
      { id: "result", type: "output", config: { value: { n: "{{ input.body.body.n }}" } } },
    ],
    ["start->call", "call->result"],
  );

/** Start an execution and wait until one of `workers` holds its effect job with the request in flight at the server. */
async function startOnWorker(workers: WorkerProcess[], ms: number, n: number) {
  const { executionId } = await startExecutionRequest(db.pool, { document: oneCall(ms), input: { n } });
  const key = `${executionId}:call`;
  const job = await until(`a worker to run ${key}`, async () =>
    (await jobsSnapshot(db.pool)).find((j) => j.key === key && server.inFlight.has(key) && workers.some((w) => w.workerId === j.lockedBy)),
  );
  return { executionId, key, jobId: job.id, holder: workers.find((w) => w.workerId === job.lockedBy)! };
}

async function heartbeatIds(): Promise<string[]> {
  const { rows } = await db.pool.query<{ workerId: string }>(`SELECT "workerId" FROM "WorkerHeartbeat"`);
  return rows.map((r) => r.workerId);
}

/** Job ids a worker process started (its debug line per job), from line `from` of its output on. */
function jobsStartedBy(worker: WorkerProcess, from = 0): string[] {
  const prefix = `switchyard worker ${worker.workerId}: job `;
  return worker.lines.slice(from).filter((l) => l.startsWith(prefix) && l.endsWith(" started")).map((l) => l.slice(prefix.length).split(" ")[0]!);
}

describe("SIGTERM while an HTTP effect runs", () => {
  it("a call that ends within the grace period finishes on the stopping worker, which then exits 0", async () => {
    const victim = await spawnWorker("short", ENV);
    const { executionId, key } = await startOnWorker([victim], 1200, 1);
    const termAt = Date.now();
    victim.child.kill("SIGTERM");
    expect(await victim.exited).toBe(0);
    const exitMs = Date.now() - termAt;
    console.log(`SIGTERM with a 1.2 s call in flight: exited after ${exitMs} ms`);
    expect(exitMs).toBeLessThan(3_000 + 2_000);
    expect(await heartbeatIds()).not.toContain(victim.workerId);
    // The stopping worker recorded the result itself (the output node is pure: same step), requested once.
    expect(await readExecutionReport(db.pool, executionId)).toMatchObject({ status: "succeeded", output: { n: 1 } });
    expect(server.requests.get(key)).toBe(1);
  }, 50_000);

  it("a stopping worker takes no new job during its grace period; a restarted worker runs it", async () => {
    const victim = await spawnWorker("draining", { ...ENV, LOG_LEVEL: "debug" });
    const first = await startOnWorker([victim], 2_500, 3); // ends within the 3 s grace period
    const linesAtTerm = victim.lines.length;
    victim.child.kill("SIGTERM");
    // graphile-worker's debug line once the pool stops taking jobs (the signal is handled asynchronously).
    await until("the victim to start draining", async () => victim.lines.slice(linesAtTerm).some((l) => l.includes("Attempting graceful shutdown")), 5_000, 10);
    // Enqueued while the victim drains: it has a free slot (concurrency 2) and hears the new job's NOTIFY.
    const second = await startExecutionRequest(db.pool, { document: oneCall(100), input: { n: 4 } });
    let samples = 0;
    while (victim.alive()) {
      const held = (await jobsSnapshot(db.pool)).filter((j) => j.lockedBy === victim.workerId).map((j) => j.id);
      expect(held.filter((id) => id !== first.jobId)).toEqual([]);
      samples++;
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(await victim.exited).toBe(0);
    expect(samples).toBeGreaterThan(20); // the victim drained for ~2.5 s, watched all along
    expect(jobsStartedBy(victim, linesAtTerm)).toEqual([]);
    // The call in flight finished on the victim; the new execution was left for another worker, untouched.
    expect(await readExecutionReport(db.pool, first.executionId)).toMatchObject({ status: "succeeded", output: { n: 3 } });
    expect(await readExecutionReport(db.pool, second.executionId)).toMatchObject({ status: "queued", nodeRuns: [] });

    const restarted = await spawnWorker("restarted", { ...ENV, LOG_LEVEL: "debug" });
    await waitForExecution(db.pool, second.executionId, { timeoutMs: 20_000 });
    expect(await readExecutionReport(db.pool, second.executionId)).toMatchObject({ status: "succeeded", output: { n: 4 } });
    // Its log lines come over a pipe, possibly after the database said the run ended.
    await until("the restarted worker to log the job it ran", async () => jobsStartedBy(restarted).length > 0 || undefined, 5_000);
    restarted.child.kill("SIGTERM");
    expect(await restarted.exited).toBe(0);
  }, 50_000);

  it("a longer call is abandoned after the grace period and its job taken by the other worker at once", async () => {
    const pair = await Promise.all([spawnWorker("x", ENV), spawnWorker("y", ENV)]);
    const { executionId, key, jobId, holder: victim } = await startOnWorker(pair, 8_000, 2);
    const other = pair.find((w) => w !== victim)!;
    const termAt = Date.now();
    victim.child.kill("SIGTERM");
    const takenAfter = await until(
      "the other worker to take the released job",
      async () => (await jobsSnapshot(db.pool)).find((j) => j.id === jobId)?.lockedBy === other.workerId && Date.now() - termAt,
      10_000,
      20,
    );
    expect(await victim.exited).toBe(0);
    const exitMs = Date.now() - termAt;
    console.log(`SIGTERM with an 8 s call in flight: job taken by the other worker after ${takenAfter} ms, victim exited after ${exitMs} ms (grace 3 s)`);
    expect(takenAfter).toBeGreaterThanOrEqual(2_900); // the call had its grace period
    expect(takenAfter).toBeLessThan(3_000 + 1_500); // released at its end, not after a backoff or the stale threshold
    expect(exitMs).toBeLessThan(3_000 + 4_000);
    expect(await heartbeatIds()).toEqual([other.workerId]);
    expect(victim.lines.join("\n")).toContain("grace period (3000 ms) over; released job(s)");

    await waitForExecution(db.pool, executionId, { timeoutMs: 20_000 });
    const report = await readExecutionReport(db.pool, executionId);
    expect(report).toMatchObject({ status: "succeeded", error: null, output: { n: 2 } });
    // No Cancelled/failed record from the abandoned call: one run, attempt 1, succeeded.
    expect(report.nodeRuns.filter((r) => r.nodeId === "call")).toEqual([expect.objectContaining({ status: "succeeded", attempt: 1 })]);
    // Requested twice (the abandoned call and the other worker's), the work done once and replayed.
    expect(server.requests.get(key)).toBe(2);
    expect(server.work.get(key)).toBe(1);
    other.child.kill("SIGTERM");
    expect(await other.exited).toBe(0);
  }, 55_000);
});
