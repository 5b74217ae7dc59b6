import { rmSync } from "node:fs";
import path from "node:path";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureDatabase, startEmbeddedPostgres, type RunningPostgres } from "@/server/db/embedded-postgres";
import { migrateDatabase } from "@/server/db/migrate";
import { createPool } from "@/server/db/pool";
import { startExecutionRequest } from "@/server/execution/execution-service";
import { readExecutionReport } from "@/server/execution/execution-report";
import { doc, startTestServer } from "../test/engine-harness";
import { killAllWorkers, spawnWorker, until, type WorkerProcess } from "./fault-harness";

/**
 * Postgres restarts while executions wait on a timer. This file uses its OWN
 * embedded Postgres (never the shared test server, which other files use
 * concurrently): it stops it with 10 executions waiting in a 3 s delay, keeps
 * it down ~2 s, starts it again on the same data dir and port, and expects
 * the real worker process to reconnect (not crash) and finish everything,
 * and the in-process pool (as the web process has) to work again.
 */
const ROOT = path.resolve(import.meta.dirname, "..");
const DATA_DIR = path.join(ROOT, `.data/pg-restart-${process.pid}`);
const PORT = 54380 + (process.pid % 100);
const SETTINGS = { fsync: "off", synchronous_commit: "off", full_page_writes: "off" };
const COUNT = 10;

let pgServer: RunningPostgres | undefined;
let pool: pg.Pool | undefined;
let worker: WorkerProcess;
let server: Awaited<ReturnType<typeof startTestServer>>;
let dbUrl: string;

const startPg = () => startEmbeddedPostgres({ dataDir: DATA_DIR, port: PORT, settings: SETTINGS });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  rmSync(DATA_DIR, { recursive: true, force: true });
  pgServer = await startPg();
  // Never reuse a server someone else started on this port: we are about to stop it.
  if (!pgServer.startedHere) throw new Error(`port ${PORT} is already in use by another Postgres; refusing to restart it`);
  await ensureDatabase(pgServer.adminUrl, "switchyard");
  dbUrl = pgServer.urlFor("switchyard");
  await migrateDatabase(dbUrl);
  pool = createPool(dbUrl, { max: 4, name: "pg-restart-test" });
  server = await startTestServer();
  worker = await spawnWorker("pg-restart", {
    DATABASE_URL: dbUrl,
    WORKER_HEARTBEAT_SECONDS: "1",
    WORKER_CONCURRENCY: "4",
  });
}, 90_000);

afterAll(async () => {
  await killAllWorkers();
  await server?.close();
  await pool?.end().catch(() => {});
  await pgServer?.stop();
  rmSync(DATA_DIR, { recursive: true, force: true });
  rmSync(`${DATA_DIR}.log`, { force: true });
}, 60_000);

/** Scenario "delay": wait 3 s, echo, code. Scenario "inflight": the HTTP call is still running when Postgres stops. */
const document = (scenario: "delay" | "inflight") =>
  doc(
    [
      { id: "start", type: "trigger.manual" },
      { id: "pause", type: "delay", config: { seconds: scenario === "delay" ? 3 : 0.01 } },
      { id: "call", type: "http.request", config: { method: "POST", url: `${server.url}/${scenario === "delay" ? "echo" : "slow/1200"}`, body: { n: "{{ trigger.n }}" } } },
      { id: "calc", type: "code", config: { code: "return { n: trigger.n, squared: trigger.n * trigger.n, echoed: input.body.body ? input.body.body.n : input.body.slow };" } },
      { id: "result", type: "output", config: { value: "{{ input }}" } },
    ],
    ["start->pause", "pause->call", "call->calc", "calc->result"],
  );

/** Retry a query until it succeeds (the pool's first use after a restart may hit a dead client). */
async function queryEventually<T extends pg.QueryResultRow>(sql: string, params: unknown[] = [], timeoutMs = 5_000) {
  let lastError: unknown;
  const deadline = Date.now() + timeoutMs;
  let failures = 0;
  while (Date.now() < deadline) {
    try {
      return { result: await pool!.query<T>(sql, params), failures };
    } catch (error) {
      lastError = error;
      failures++;
      await sleep(100);
    }
  }
  throw new Error(`query still failing after ${timeoutMs} ms (${failures} failures): ${(lastError as Error)?.message}`);
}

describe("Postgres restart while executions wait", () => {
  const scenario = async (scenario: "delay" | "inflight") => {
    const hitsBefore = server.hits.length; // before the starts: in "inflight" the first calls come at once
    const ids: string[] = [];
    for (let n = 0; n < COUNT; n++) ids.push((await startExecutionRequest(pool!, { document: document(scenario), input: { n } })).executionId);
    const linesBefore = worker.lines.length;

    // "delay": every execution sits in its delay (timer job scheduled). "inflight": calls are running.
    await until("executions to be waiting / calls in flight", async () => {
      if (scenario === "inflight") return server.hits.length - hitsBefore >= 4;
      const { rows } = await pool!.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Execution" WHERE id = ANY($1) AND status = 'waiting'`, [ids]);
      return rows[0]!.n === COUNT;
    });
    const before = await pool!.query<{ lastSeenAt: Date }>(`SELECT "lastSeenAt" FROM "WorkerHeartbeat" WHERE "workerId" = $1`, [worker.workerId]);
    expect(before.rows).toHaveLength(1);

    // Stop Postgres (fast shutdown: every connection of the worker and of our pool is terminated).
    const stoppedAt = Date.now();
    await pgServer!.stop();
    console.log(`pg-restart ${scenario}: Postgres stopped in ${Date.now() - stoppedAt} ms`);
    await sleep(2_000);
    expect(worker.alive(), worker.lines.slice(linesBefore).join("\n")).toBe(true);
    pgServer = await startPg();
    expect(pgServer.startedHere).toBe(true);
    const restartedAt = Date.now();
    console.log(`pg-restart ${scenario}: Postgres down for ${restartedAt - stoppedAt} ms`);

    // The in-process pool works again within a few seconds (its idle clients died with the server).
    const first = await queryEventually<{ one: number }>("SELECT 1 AS one");
    expect(first.result.rows[0]!.one).toBe(1);
    console.log(`pg-restart ${scenario}: test pool recovered after ${Date.now() - restartedAt} ms (${first.failures} failed attempt(s))`);

    // Every execution finishes, with the exact output; note when the first and last did.
    let firstDoneMs: number | undefined;
    await until(
      "every execution to finish",
      async () => {
        const { rows } = await pool!.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Execution" WHERE id = ANY($1) AND "finishedAt" IS NOT NULL`, [ids]);
        if (rows[0]!.n > 0) firstDoneMs ??= Date.now() - restartedAt;
        return rows[0]!.n === COUNT;
      },
      30_000,
      50,
    );
    const lastDoneMs = Date.now() - restartedAt;
    console.log(`pg-restart ${scenario}: executions resumed ${firstDoneMs} ms after the restart; all ${COUNT} done after ${lastDoneMs} ms`);

    for (const [n, id] of ids.entries()) {
      const report = await readExecutionReport(pool!, id);
      expect(report.error, `execution ${n}`).toBeNull();
      expect(report.status).toBe("succeeded");
      expect(report.output).toEqual({ n, squared: n * n, echoed: scenario === "delay" ? n : true });
    }
    // Each execution called the server (at least once: delivery is at least once).
    const keys = new Set(server.hits.slice(hitsBefore).map((h) => h.key));
    expect(keys.size).toBe(COUNT);

    // The worker reconnected instead of crashing, and beats again.
    expect(worker.alive(), worker.lines.slice(linesBefore).join("\n")).toBe(true);
    const beat = await until(
      "a fresh heartbeat",
      async () => {
        const { rows } = await pool!.query<{ lastSeenAt: Date; ageMs: number }>(
          `SELECT "lastSeenAt", (EXTRACT(EPOCH FROM now()::timestamp(3) - "lastSeenAt") * 1000)::int AS "ageMs"
             FROM "WorkerHeartbeat" WHERE "workerId" = $1`,
          [worker.workerId],
        );
        const row = rows[0];
        return row && row.lastSeenAt.getTime() > before.rows[0]!.lastSeenAt.getTime() && row.ageMs < 3_000 && row;
      },
      10_000,
    );
    expect(beat.ageMs).toBeLessThan(3_000);
    console.log(`pg-restart ${scenario}: worker output:\n${worker.lines.slice(linesBefore).join("\n")}`);
  };
  it("delay: the worker reconnects, every execution succeeds with its output, and the pool recovers", () => scenario("delay"), 60_000);
  // Without worker/patient-pool.ts this crashed the worker: graphile-worker's failJob/completeJob got ECONNREFUSED
  // (not in its retryable codes), the Worker "committed seppuku" and the process died of an unhandled rejection.
  it("inflight: an effect that ends while Postgres is down; the worker survives and everything succeeds", () => scenario("inflight"), 60_000);
});
