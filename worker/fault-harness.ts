import { fork, type ChildProcess } from "node:child_process";
import http from "node:http";
import path from "node:path";
import type { AddressInfo } from "node:net";
import type pg from "pg";
import { LOOPBACK_ALLOWLIST } from "@/server/network-policy";

/**
 * Helpers for the worker fault tests (worker/failover, shutdown and sharing
 * .int.test.ts): real worker PROCESSES on the test file's database, and an
 * HTTP server that deduplicates by Idempotency-Key.
 */
const ROOT = path.resolve(import.meta.dirname, "..");

export type WorkerProcess = {
  name: string;
  workerId: string;
  child: ChildProcess;
  /** stdout + stderr lines so far. */
  lines: string[];
  /** Resolves with the exit code (or the signal name) once the process ended. */
  exited: Promise<number | string>;
  alive(): boolean;
};

const spawned: WorkerProcess[] = [];

/** `node --import tsx worker/main.ts` as the supervisor would run it; resolves once it reported ready. */
export async function spawnWorker(name: string, env: Record<string, string> = {}, timeoutMs = 40_000): Promise<WorkerProcess> {
  const child = fork(path.join(ROOT, "worker/main.ts"), [], {
    cwd: ROOT,
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "pipe", "pipe", "ipc"],
    env: {
      ...process.env,
      DATABASE_URL: process.env.DATABASE_URL!,
      SWITCHYARD_SUPERVISED: "1",
      WORKER_HEARTBEAT_SECONDS: "1",
      WORKER_POLL_INTERVAL_MS: "100",
      LOG_LEVEL: "warn",
      HTTP_ALLOW_PRIVATE_NETWORKS: LOOPBACK_ALLOWLIST, // the dedup server runs on 127.0.0.1
      ...env,
    },
  });
  const lines: string[] = [];
  const collect = (stream: NodeJS.ReadableStream | null) => {
    let rest = "";
    stream?.on("data", (chunk: Buffer) => {
      const parts = (rest + chunk.toString()).split("\n");
      rest = parts.pop() ?? "";
      lines.push(...parts);
    });
  };
  collect(child.stdout);
  collect(child.stderr);
  let ended = false;
  const exited = new Promise<number | string>((resolve) =>
    child.once("exit", (code, signal) => {
      ended = true;
      resolve(code ?? signal ?? "unknown");
    }),
  );
  const workerId = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker ${name} not ready after ${timeoutMs} ms:\n${lines.join("\n")}`)), timeoutMs);
    child.on("message", (m: { type?: string; workerId?: string }) => {
      if (m.type === "ready" && m.workerId) (clearTimeout(timer), resolve(m.workerId));
    });
    void exited.then((code) => (clearTimeout(timer), reject(new Error(`worker ${name} exited (${code}) before ready:\n${lines.join("\n")}`))));
  });
  const proc: WorkerProcess = { name, workerId, child, lines, exited, alive: () => !ended };
  spawned.push(proc);
  return proc;
}

/** afterAll: SIGKILL whatever is still running and wait for it to be gone. */
export async function killAllWorkers(): Promise<void> {
  await Promise.all(
    spawned.splice(0).map(async (p) => {
      if (p.alive()) p.child.kill("SIGKILL");
      await p.exited;
    }),
  );
}

/** Jobs in graphile-worker's table with their lock holder, task and effect key. */
export async function jobsSnapshot(pool: pg.Pool) {
  const { rows } = await pool.query<{ id: string; lockedBy: string | null; task: string; key: string | null; attempts: number }>(
    `SELECT j.id::text, j.locked_by AS "lockedBy", t.identifier AS task, j.attempts,
            j.payload #>> '{command,idempotencyKey}' AS key
       FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
      ORDER BY j.id`,
  );
  return rows;
}

export async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 20_000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * An API that deduplicates by Idempotency-Key, as real payment/provisioning
 * APIs do: the first request with a key does the work (POST /work/MS takes MS
 * ms and answers `{ key, body, served }`), and every later request with that
 * key — even while the first is still working, even if the first client hung
 * up — gets the first response replayed. `work` counts real work per key.
 */
export async function startDedupServer() {
  const work = new Map<string, number>();
  const requests = new Map<string, number>();
  const results = new Map<string, Promise<{ status: number; body: string }>>();
  const inFlight = new Set<string>();
  let served = 0;
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      const key = String(req.headers["idempotency-key"] ?? "");
      const [, route, arg] = (req.url ?? "").split("/");
      if (route !== "work" || !key) return void res.writeHead(404).end();
      requests.set(key, (requests.get(key) ?? 0) + 1);
      let result = results.get(key);
      if (!result) {
        work.set(key, (work.get(key) ?? 0) + 1);
        inFlight.add(key);
        result = new Promise((resolve) =>
          setTimeout(() => {
            inFlight.delete(key);
            resolve({ status: 200, body: JSON.stringify({ key, body: raw ? JSON.parse(raw) : null, served: ++served }) });
          }, Number(arg ?? 0)),
        );
        results.set(key, result);
      }
      void result.then(({ status, body }) => {
        if (!res.destroyed) res.writeHead(status, { "content-type": "application/json" }).end(body);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    work,
    requests,
    inFlight,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}
