import http from "node:http";
import type { AddressInfo } from "node:net";
import type pg from "pg";
import { startWorker, type WorkerHandle } from "../worker/start-worker";
import { startExecutionRequest, type StartRequest } from "@/server/execution/execution-service";
import { readExecutionReport, waitForExecution, type ExecutionReport } from "@/server/execution/execution-report";

/** A real worker on this test file's database, started once per file. */
export async function startTestWorker(concurrency = 8): Promise<WorkerHandle> {
  return startWorker({ databaseUrl: process.env.DATABASE_URL!, concurrency, heartbeatSeconds: 1, logLevel: "error" });
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

/**
 * A local HTTP server recording every request (path, Idempotency-Key, body). Routes:
 *   /echo           → 200 JSON of the request
 *   /flaky/N        → 503 for the first N requests of a key, then 200
 *   /status/CODE    → that status
 *   /slow/MS        → answers after MS milliseconds
 */
export async function startTestServer() {
  const hits: Array<{ path: string; key: string | undefined; body: string }> = [];
  const perKey = new Map<string, number>();
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const key = req.headers["idempotency-key"] as string | undefined;
      hits.push({ path: req.url ?? "", key, body });
      const count = (perKey.get(`${req.url}|${key}`) ?? 0) + 1;
      perKey.set(`${req.url}|${key}`, count);
      const [, route, arg] = (req.url ?? "").split("/");
      const reply = (status: number, payload: unknown) => {
        res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(payload));
      };
      if (route === "echo") return reply(200, { method: req.method, body: body ? JSON.parse(body) : null, key });
      if (route === "flaky") return count <= Number(arg) ? reply(503, { error: "try later" }) : reply(200, { attempts: count });
      if (route === "status") return reply(Number(arg), { status: Number(arg) });
      if (route === "slow") return void setTimeout(() => reply(200, { slow: true }), Number(arg));
      reply(404, { error: "no route" });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}
