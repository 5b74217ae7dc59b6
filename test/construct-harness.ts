import http from "node:http";
import type { AddressInfo } from "node:net";
import type pg from "pg";
import { afterAll, beforeAll } from "vitest";
import type { Database } from "@/server/db/prisma";
import type { WorkerHandle } from "../worker/start-worker";
import { openTestDatabase } from "./database";
import { startTestWorker } from "./engine-harness";

/**
 * Helpers for the construct integration tests (src/server/execution/constructs-*.int.test.ts).
 *
 * `startTimedServer` is like engine-harness' test server, but records WHEN each
 * request started and ended and whether the client hung up before the answer
 * (an aborted call), so tests can prove overlap and aborts. Routes:
 *   /echo           → 200 JSON `{ method, body, key }`
 *   /echo/MS        → the same, after MS milliseconds
 *   /status/CODE    → that status, body `{ status: CODE }`
 *   /slow/MS        → 200 `{ slow: true }` after MS milliseconds
 */
export type TimedHit = { path: string; key: string | undefined; body: string; start: number; end?: number; aborted: boolean };

export async function startTimedServer() {
  const hits: TimedHit[] = [];
  const server = http.createServer((req, res) => {
    const hit: TimedHit = { path: req.url ?? "", key: req.headers["idempotency-key"] as string | undefined, body: "", start: Date.now(), aborted: false };
    hits.push(hit);
    let timer: NodeJS.Timeout | undefined;
    res.on("close", () => {
      clearTimeout(timer);
      hit.end = Date.now();
      if (!res.writableFinished) hit.aborted = true;
    });
    req.on("data", (c) => (hit.body += c));
    req.on("end", () => {
      const [, route, arg] = hit.path.split("/");
      const reply = (status: number, payload: unknown) => {
        if (!res.destroyed) res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(payload));
      };
      const later = (ms: number, fn: () => void) => (ms > 0 ? (timer = setTimeout(fn, ms)) : fn());
      if (route === "echo") return void later(Number(arg ?? 0), () => reply(200, { method: req.method, body: hit.body ? JSON.parse(hit.body) : null, key: hit.key }));
      if (route === "status") return reply(Number(arg), { status: Number(arg) });
      if (route === "slow") return void later(Number(arg), () => reply(200, { slow: true }));
      reply(404, { error: "no route" });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    /** The most requests matching `filter` that were in flight at the same moment. */
    maxInFlight(filter: (hit: TimedHit) => boolean): number {
      const marks = hits
        .filter(filter)
        .flatMap((h) => [
          [h.start, 1],
          [h.end ?? Infinity, -1],
        ])
        .sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
      let now = 0;
      let max = 0;
      for (const [, delta] of marks) max = Math.max(max, (now += delta!));
      return max;
    },
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

/** Poll `probe` until it returns something other than undefined. */
export async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 50));
  }
}

export type RunRow = { runKey: string; nodeId: string; status: string; attempt: number; output: unknown; error: { type: string; message: string } | null };

/** NodeRun rows of an execution, in the order the engine produced them. */
export async function nodeRuns(pool: pg.Pool, executionId: string): Promise<RunRow[]> {
  const { rows } = await pool.query<RunRow>(
    `SELECT "runKey", "nodeId", status, attempt, output, error FROM "NodeRun" WHERE "executionId" = $1 ORDER BY seq, key`,
    [executionId],
  );
  return rows;
}

/** `{ runKey@attempt: status }` — compact and order-free, for exact assertions. */
export async function runStatuses(pool: pg.Pool, executionId: string): Promise<Record<string, string>> {
  const runs = await nodeRuns(pool, executionId);
  return Object.fromEntries(runs.map((r) => [r.attempt === 1 ? r.runKey : `${r.runKey}@${r.attempt}`, r.status]));
}

/** graphile-worker jobs of an execution that a worker is running right now. */
export async function jobsRunning(pool: pg.Pool, executionId: string): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM graphile_worker._private_jobs WHERE payload->>'executionId' = $1 AND locked_at IS NOT NULL`,
    [executionId],
  );
  return rows[0]!.n;
}

/**
 * The usual setup of an engine integration test file, registered as hooks:
 * this file's database, a real worker on it, and a timed HTTP server; the
 * worker and server are stopped after the file's tests. Read the fields inside
 * tests (they are set in beforeAll).
 */
export type EngineTestBed = { db: Database; worker: WorkerHandle; server: Awaited<ReturnType<typeof startTimedServer>> };

export function useEngineTestBed(): EngineTestBed {
  const bed = {} as EngineTestBed;
  beforeAll(async () => {
    bed.db = openTestDatabase();
    bed.worker = await startTestWorker();
    bed.server = await startTimedServer();
  });
  afterAll(async () => {
    await bed.worker?.stop();
    await bed.server?.close();
  });
  return bed;
}
