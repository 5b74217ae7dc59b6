import http from "node:http";
import type { AddressInfo } from "node:net";
import type pg from "pg";
import { startWorker, type WorkerHandle } from "../worker/start-worker";
import { LOOPBACK_ALLOWLIST } from "@/server/network-policy";
import { startExecutionRequest, type StartRequest } from "@/server/execution/execution-service";
import { readExecutionReport, waitForExecution, type ExecutionReport } from "@/server/execution/execution-report";

/**
 * A real worker on this test file's database, started once per file. Its
 * `http.request` nodes may call this machine (the local test servers):
 * `allowPrivateNetworks` defaults to LOOPBACK_ALLOWLIST.
 */
export async function startTestWorker(
  concurrency = 8,
  options: { allowPrivateNetworks?: string; maxResponseKb?: number } = {},
): Promise<WorkerHandle> {
  return startWorker({
    databaseUrl: process.env.DATABASE_URL!,
    concurrency,
    heartbeatSeconds: 1,
    logLevel: "error",
    allowPrivateNetworks: options.allowPrivateNetworks ?? LOOPBACK_ALLOWLIST,
    maxResponseKb: options.maxResponseKb,
  });
}

/** Start an execution and wait for its terminal report (fails the test after `timeoutMs`). */
export async function runToEnd(pool: pg.Pool, request: StartRequest, timeoutMs = 20_000): Promise<ExecutionReport> {
  const { executionId } = await startExecutionRequest(pool, request);
  await waitForExecution(pool, executionId, { timeoutMs });
  return readExecutionReport(pool, executionId);
}

/** A minimal workflow document builder: nodes in order, edges as "a->b" or "a:handle->b". */
export function doc(nodes: Array<{ id: string; type: string; config?: object; [k: string]: unknown }>, edges: string[], settings?: object) {
  return {
    version: 1,
    name: "test",
    nodes: nodes.map((n) => ({ config: {}, ...n })),
    edges: edges.map((e) => {
      const [from, to] = e.split("->") as [string, string];
      const [source, sourceHandle = "out"] = from.split(":") as [string, string?];
      return { source, target: to, sourceHandle };
    }),
    ...(settings ? { settings } : {}),
  };
}

/** start → fetch (a GET of `url`, 3 attempts 10 ms apart) → out (`output`, an expression): the worker's http tests. */
export function httpCallWorkflow(url: string, output = "{{ input.body }}") {
  return doc(
    [
      { id: "start", type: "trigger.manual" },
      { id: "fetch", type: "http.request", config: { method: "GET", url }, retry: { maxAttempts: 3, backoff: "fixed", delayMs: 10 } },
      { id: "out", type: "output", config: { value: output } },
    ],
    ["start->fetch", "fetch->out"],
  );
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

/**
 * A local HTTP server for engine tests. It records every request — path,
 * Idempotency-Key, body, WHEN it started and ended, and whether the client
 * hung up before the answer (an aborted call) — so tests can prove retries'
 * keys, overlap and aborts. Routes:
 *   /echo           → 200 JSON `{ method, body, key }`
 *   /echo/MS        → the same, after MS milliseconds
 *   /status/CODE    → that status, body `{ status: CODE }`
 *   /slow/MS        → 200 `{ slow: true }` after MS milliseconds
 *   /flaky/N        → 503 for the first N requests of a path + key, then 200 `{ attempts }`
 *   /redirect?to=URL → 302 to URL
 */
export type TimedHit = { path: string; key: string | undefined; body: string; start: number; end?: number; aborted: boolean };

export async function startTestServer() {
  const hits: TimedHit[] = [];
  const perKey = new Map<string, number>();
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
      if (route === "flaky") {
        const count = (perKey.get(`${hit.path}|${hit.key}`) ?? 0) + 1;
        perKey.set(`${hit.path}|${hit.key}`, count);
        return count <= Number(arg) ? reply(503, { error: "try later" }) : reply(200, { attempts: count });
      }
      if (route === "slow") return void later(Number(arg), () => reply(200, { slow: true }));
      if (route === "bytes") return reply(200, "b".repeat(Number(arg))); // a JSON string: arg + 2 bytes
      const redirectTo = new URL(hit.path, "http://test").searchParams.get("to");
      if (route?.startsWith("redirect?") && redirectTo) return void res.writeHead(302, { location: redirectTo }).end();
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
