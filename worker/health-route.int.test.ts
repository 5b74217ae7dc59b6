import os from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/health/route";
import { createDatabase, getDatabase, type Database } from "@/server/db/prisma";
import { startExecutionRequest } from "@/server/execution/execution-service";
import { readExecutionReport, waitForExecution } from "@/server/execution/execution-report";
import { openTestDatabase } from "../test/database";
import { doc } from "../test/engine-harness";
import { killAllWorkers, spawnWorker, startDedupServer, until, type WorkerProcess } from "./fault-harness";

/**
 * `GET /api/health` — the Next route's own handler, on the process-wide database handle it uses in
 * the app (getDatabase(), here the test database) — with a real worker process beating every second
 * while it runs a 4 s HTTP effect:
 *   - 200 and `ok` while the worker is alive, with its id, host, pid, last heartbeat and running jobs;
 *   - 503 and `degraded` once the worker has stopped (SIGTERM removes its heartbeat);
 *   - 503 and `down` when the database does not answer.
 */
type Health = {
  status: string;
  database: { ok: boolean; latencyMs?: number; error?: string };
  workers: { alive: number; total: number; list: Array<Record<string, unknown>> };
  jobs: { ready: number; scheduled: number; locked: number; orphaned: number } | null;
};

const globalForDb = globalThis as unknown as { switchyardDb?: Database };
let db: Database;
let server: Awaited<ReturnType<typeof startDedupServer>>;
let worker: WorkerProcess;

beforeAll(async () => {
  db = openTestDatabase();
  server = await startDedupServer();
  worker = await spawnWorker("health", { WORKER_CONCURRENCY: "2", WORKER_STALE_SECONDS: "30" });
});
afterAll(async () => {
  await killAllWorkers();
  await server?.close();
  const routeDb = globalForDb.switchyardDb;
  delete globalForDb.switchyardDb;
  await routeDb?.prisma.$disconnect();
  await routeDb?.pool.end();
});

async function requestHealth(): Promise<{ status: number; body: Health }> {
  const response = await GET();
  return { status: response.status, body: (await response.json()) as Health };
}

describe("GET /api/health", () => {
  it("200 with each worker's id, host, last heartbeat and running jobs", async () => {
    expect(getDatabase().pool).not.toBe(db.pool); // the route's own handle, not the test's
    const document = doc(
      [
        { id: "start", type: "trigger.manual" },
        { id: "call", type: "http.request", config: { method: "POST", url: `${server.url}/work/4000`, body: {} } },
      ],
      ["start->call"],
    );
    const { executionId } = await startExecutionRequest(db.pool, { document, input: {} });
    // The worker reports its running jobs with its next beat (every second here).
    const busy = await until("the health report to show the running job", async () => {
      const seen = await requestHealth();
      return server.inFlight.size === 1 && seen.body.workers.list[0]?.runningJobs === 1 && seen;
    });
    const requestedAt = Date.now();
    expect(busy.status).toBe(200);
    expect(busy.body).toMatchObject({ status: "ok", database: { ok: true }, workers: { alive: 1, total: 1 } });
    expect(busy.body.workers.list).toEqual([
      expect.objectContaining({
        workerId: worker.workerId,
        host: os.hostname(),
        pid: worker.child.pid,
        concurrency: 2,
        runningJobs: 1,
        lockedJobs: expect.any(Number),
        alive: true,
        lastSeenAt: expect.any(String),
      }),
    ]);
    const entry = busy.body.workers.list[0]!;
    expect(entry.lockedJobs).toBeGreaterThanOrEqual(1); // the job in flight, as graphile-worker's table says
    const lastBeat = Date.parse(entry.lastSeenAt as string);
    expect(requestedAt - lastBeat).toBeGreaterThanOrEqual(-1_000); // (clock of the same machine and database)
    expect(requestedAt - lastBeat).toBeLessThan(3_000);
    // The heartbeat moves on while the worker lives.
    await until("a newer heartbeat", async () => {
      const later = (await requestHealth()).body.workers.list[0]?.lastSeenAt as string | undefined;
      return later !== undefined && Date.parse(later) > lastBeat;
    }, 5_000);

    await waitForExecution(db.pool, executionId, { timeoutMs: 20_000 });
    expect((await readExecutionReport(db.pool, executionId)).status).toBe("succeeded");
    const idle = await until("the health report to show no running job", async () => {
      const seen = await requestHealth();
      return seen.body.workers.list[0]?.runningJobs === 0 && seen;
    });
    expect(idle).toMatchObject({ status: 200, body: { status: "ok", jobs: { locked: 0 } } });
  }, 40_000);

  it("503 (degraded) once no worker is alive", async () => {
    worker.child.kill("SIGTERM");
    expect(await worker.exited).toBe(0);
    const { status, body } = await requestHealth();
    expect(status).toBe(503);
    expect(body).toMatchObject({ status: "degraded", database: { ok: true }, workers: { alive: 0, total: 0, list: [] } });
  });

  it("503 (down) when the database does not answer", async () => {
    const routeDb = getDatabase();
    // Port 1 on loopback: nothing listens, so the connection is refused at once.
    const unreachable = createDatabase("postgres://nobody@127.0.0.1:1/nothing", { max: 1, name: "health-test-unreachable" });
    globalForDb.switchyardDb = unreachable;
    try {
      const { status, body } = await requestHealth();
      expect(status).toBe(503);
      expect(body).toMatchObject({ status: "down", database: { ok: false, error: expect.stringContaining("ECONNREFUSED") }, workers: { alive: 0, list: [] } });
    } finally {
      globalForDb.switchyardDb = routeDb;
      await unreachable.prisma.$disconnect();
      await unreachable.pool.end();
    }
  });
});
