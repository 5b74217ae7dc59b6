import { fork, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import superjson from "superjson";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureDatabase, startEmbeddedPostgres, type RunningPostgres } from "@/server/db/embedded-postgres";
import { migrateDatabase } from "@/server/db/migrate";
import { createDatabase, type Database } from "@/server/db/prisma";
import { createUser } from "@/server/auth/users";
import { SESSION_COOKIE } from "@/server/auth/session-cookie";
import type { ClientToServerEvents, ServerToClientEvents, SubscribeAck, WireEvent } from "@/lib/live-events";
import { doc } from "../test/engine-harness";
import { storedEvents } from "../test/live-harness";
import { killAllWorkers, spawnWorker, until, type WorkerProcess } from "./fault-harness";

/**
 * Postgres restarts under a REAL web process and a real worker process, while
 * socket.io clients follow runs that span the restart:
 *
 *   start → first(delay 0.3 s) → long(delay 4 s) → after(delay 0.3 s) → done(output 1 + 1)
 *
 * The web process is worker/api-live-web-process.ts: server.ts's server, live
 * events and tRPC handler without Next.js (why: see that file). Like
 * pg-restart.int.test.ts this file runs its OWN embedded Postgres (stopped and
 * started on the same data dir and port), never the shared test server.
 *
 * Three clients follow the runs with the raw protocol (the app's feed,
 * src/lib/live/execution-feed.ts, would silently drop duplicates):
 * - "steady" keeps its socket through the restart: what comes after it is
 *   delivered only if the web process LISTENs again and re-reads (resync);
 * - "dropped" loses its connection while Postgres is down and reconnects by
 *   itself (socket.io-client's default), re-subscribing with the last seq it
 *   holds, as the app's feed does — its first attempts meet the outage in the
 *   handshake's session check;
 * - "late" is connected all along but starts following while Postgres is
 *   down: its subscriptions fail, and must be made again once it is back.
 * Each must end up with exactly the stored log: seq 1..N, none twice.
 */
type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

const ROOT = path.resolve(import.meta.dirname, "..");
const DATA_DIR = path.join(ROOT, `.data/pg-restart-web-${process.pid}`);
const PORT = 54480 + (process.pid % 100); // pg-restart.int.test.ts uses 54380–54479
const SETTINGS = { fsync: "off", synchronous_commit: "off", full_page_writes: "off" };
const COUNT = 3;

let pgServer: RunningPostgres | undefined;
let db: Database | undefined;
let worker: WorkerProcess;
let web: { child: ChildProcess; url: string; lines: string[]; alive(): boolean } | undefined;
let session: string;
const clients: Client[] = [];

const startPg = () => startEmbeddedPostgres({ dataDir: DATA_DIR, port: PORT, settings: SETTINGS });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `node --import tsx worker/api-live-web-process.ts`; resolves once it listens. */
async function spawnWeb(databaseUrl: string) {
  const child = fork(path.join(ROOT, "worker/api-live-web-process.ts"), [], {
    cwd: ROOT,
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "pipe", "pipe", "ipc"],
    env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: "production" },
  });
  const lines: string[] = [];
  for (const stream of [child.stdout, child.stderr]) stream?.on("data", (chunk: Buffer) => lines.push(...chunk.toString().split("\n").filter(Boolean)));
  let ended = false;
  child.once("exit", () => (ended = true));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web process not ready after 40 s:\n${lines.join("\n")}`)), 40_000);
    child.on("message", (m: { type?: string; url?: string }) => m.type === "ready" && m.url && (clearTimeout(timer), resolve(m.url)));
    child.once("exit", (code) => (clearTimeout(timer), reject(new Error(`web process exited (${code}) before ready:\n${lines.join("\n")}`))));
  });
  return { child, url, lines, alive: () => !ended };
}

/** tRPC over HTTP against the web process, signed in with the session cookie. */
async function api<T>(kind: "query" | "mutation", procedure: string, input?: unknown): Promise<T> {
  const url = new URL(`${web!.url}/api/trpc/${procedure}`);
  const init: RequestInit = { method: kind === "query" ? "GET" : "POST", headers: { "content-type": "application/json", cookie: `${SESSION_COOKIE}=${session}` } };
  if (kind === "query") url.searchParams.set("input", JSON.stringify(superjson.serialize(input)));
  else init.body = JSON.stringify(superjson.serialize(input));
  const response = await fetch(url, init);
  const text = await response.text();
  let body: { result?: { data: unknown }; error?: { json: { message: string } } };
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`${procedure}: HTTP ${response.status}, not JSON: ${text.slice(0, 200)}`);
  }
  if (body.error) throw new Error(`${procedure}: HTTP ${response.status}: ${body.error.json.message}`);
  return superjson.deserialize(body.result!.data as never) as T;
}

/**
 * Follow `executionIds` on a new socket; on every (re)connect, subscribe again after the last seq
 * held (as src/lib/live/execution-feed.ts does); `add` starts following more, at once if connected.
 */
function follow(name: string, executionIds: string[]) {
  const socket: Client = connect(web!.url, { transports: ["websocket"], extraHeaders: { cookie: `${SESSION_COOKIE}=${session}` }, forceNew: true });
  clients.push(socket);
  const received = new Map<string, WireEvent[]>(executionIds.map((id) => [id, []]));
  const acks: SubscribeAck[] = [];
  const connectErrors: string[] = [];
  let connects = 0;
  const subscribe = (id: string) => socket.emit("subscribe", { room: `execution:${id}`, afterSeq: received.get(id)!.at(-1)?.seq ?? 0 }, (ack) => acks.push(ack));
  socket.on("connect", () => {
    connects++;
    executionIds.forEach(subscribe);
  });
  const add = (ids: string[]) => {
    for (const id of ids) (executionIds.push(id), received.set(id, []));
    if (socket.connected) ids.forEach(subscribe);
  };
  socket.on("connect_error", (error) => connectErrors.push(error.message));
  const arrivals: number[] = [];
  socket.on("execution.events", (events) => {
    arrivals.push(Date.now());
    for (const event of events) received.get(event.executionId)?.push(event);
  });
  const terminal = (id: string) => received.get(id)!.some((e) => /^execution\.(succeeded|failed|cancelled|timed_out)$/.test(e.type));
  const firstArrivalAfter = (at: number) => arrivals.find((t) => t >= at);
  return { name, socket, received, acks, connectErrors, add, firstArrivalAfter, connects: () => connects, allDone: () => executionIds.every(terminal) };
}

beforeAll(async () => {
  rmSync(DATA_DIR, { recursive: true, force: true });
  pgServer = await startPg();
  // Never reuse a server someone else started on this port: we are about to stop it.
  if (!pgServer.startedHere) throw new Error(`port ${PORT} is already in use by another Postgres; refusing to restart it`);
  await ensureDatabase(pgServer.adminUrl, "switchyard");
  const dbUrl = pgServer.urlFor("switchyard");
  await migrateDatabase(dbUrl);
  db = createDatabase(dbUrl, { max: 2, name: "pg-restart-web-test" });
  const email = `builder-${process.pid}@test.example`;
  const password = `password-of-${email}`;
  await createUser(db.prisma, { user: null, ip: null }, { email, role: "builder", password });
  [worker, web] = await Promise.all([spawnWorker("pg-restart-web", { DATABASE_URL: dbUrl, WORKER_CONCURRENCY: "4" }), spawnWeb(dbUrl)]);
  // Sign in through the web process, as a browser does.
  const login = await fetch(`${web.url}/api/trpc/auth.login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(superjson.serialize({ email, password })),
  });
  const cookie = login.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!login.ok || !cookie) throw new Error(`auth.login through the web process failed: HTTP ${login.status} ${await login.text()}`);
  session = cookie.slice(SESSION_COOKIE.length + 1).split(";")[0]!;
}, 90_000);

afterAll(async () => {
  for (const socket of clients) socket.close();
  if (web?.alive()) {
    const exited = new Promise((resolve) => web!.child.once("exit", resolve));
    web.child.kill("SIGTERM");
    await Promise.race([exited, sleep(10_000).then(() => web!.child.kill("SIGKILL"))]);
  }
  await killAllWorkers();
  await db?.prisma.$disconnect();
  await db?.pool.end().catch(() => {});
  await pgServer?.stop();
  rmSync(DATA_DIR, { recursive: true, force: true });
  rmSync(`${DATA_DIR}.log`, { force: true });
}, 60_000);

describe("Postgres restart under the web process and a worker", () => {
  it("the API answers again, the live feed delivers every event of the runs once, and the runs finish", async () => {
    const { id: workflowId } = await api<{ id: string }>("mutation", "workflow.create", {
      name: "Across a restart",
      document: doc(
        [
          { id: "start", type: "trigger.manual" },
          { id: "first", type: "delay", config: { seconds: 0.3 } },
          { id: "long", type: "delay", config: { seconds: 4 } },
          { id: "after", type: "delay", config: { seconds: 0.3 } },
          { id: "done", type: "output", config: { value: "{{ 1 + 1 }}" } },
        ],
        ["start->first", "first->long", "long->after", "after->done"],
      ),
    });
    const ids: string[] = [];
    for (let n = 0; n < COUNT; n++) ids.push((await api<{ executionId: string }>("mutation", "execution.start", { workflowId })).executionId);
    const steady = follow("steady", [...ids]);
    const dropped = follow("dropped", [...ids]);
    const late = follow("late", []);

    // Before the restart: every run waits in `long`, and "steady" and "dropped" hold its whole log so far.
    const holdsStoredLog = async (client: ReturnType<typeof follow>) => {
      for (const id of ids) {
        const stored = await storedEvents(db!, id, workflowId);
        if (client.received.get(id)!.length !== stored.length) return false;
      }
      return true;
    };
    await until("every run to wait in `long`, delivered to both clients", async () => {
      const { rows } = await db!.pool.query<{ n: number }>(
        `SELECT count(DISTINCT "executionId")::int AS n FROM "NodeRun" WHERE "executionId" = ANY($1) AND "nodeId" = 'long' AND status = 'waiting'`,
        [ids],
      );
      return rows[0]!.n === COUNT && (await holdsStoredLog(steady)) && (await holdsStoredLog(dropped)) && late.socket.connected;
    });
    expect(steady.connects()).toBe(1);

    // Stop Postgres (fast shutdown: every connection of the web process and the worker is terminated);
    // meanwhile the "dropped" client loses its connection and starts reconnecting on its own, and the
    // "late" one (connected all along) starts following the runs: its subscriptions hit the outage.
    const stoppedAt = Date.now();
    await pgServer!.stop();
    dropped.socket.io.engine.close();
    late.add(ids);
    await until("the late client's first subscription to be answered", async () => late.acks.length > 0, 2_000);
    await sleep(Math.max(0, 2_000 - (Date.now() - stoppedAt)));
    pgServer = await startPg();
    expect(pgServer.startedHere).toBe(true);
    const restartedAt = Date.now();
    console.log(`pg-restart-web: Postgres down for ${restartedAt - stoppedAt} ms`);
    expect(web!.alive(), web!.lines.join("\n")).toBe(true);

    // (a) The API answers again: a new run started and read back through tRPC over HTTP.
    let failures = 0;
    const started = await until(
      "execution.start through the web process to succeed",
      () => api<{ executionId: string }>("mutation", "execution.start", { workflowId }).catch(() => (failures++, undefined)),
      10_000,
      100,
    );
    console.log(`pg-restart-web: the API answered ${Date.now() - restartedAt} ms after the restart (${failures} failed attempt(s))`);
    expect(failures, web!.lines.join("\n")).toBe(0);
    ids.push(started.executionId);

    // (c) Every run finishes, the new one included, read back through the API.
    const reports = await until(
      "every run to finish",
      async () => {
        const all = await Promise.all(ids.map((id) => api<{ status: string; output: unknown }>("query", "execution.get", { id })));
        return all.every((r) => r.status !== "running" && r.status !== "waiting" && r.status !== "queued") && all;
      },
      30_000,
      100,
    );
    for (const report of reports) expect(report).toMatchObject({ status: "succeeded", output: 2 });

    // (b) Every client receives the rest of the runs that spanned the restart: the stored log, each event once.
    const spanned = ids.slice(0, COUNT);
    const clientsAll = [steady, dropped, late];
    await until("every client to receive every run's terminal event", async () => clientsAll.every((c) => c.allDone()), 15_000).catch((error: Error) => {
      const state = clientsAll.map(
        (c) =>
          `${c.name} got ${spanned.map((id) => c.received.get(id)!.length)} (connects ${c.connects()}, connect errors ${JSON.stringify(c.connectErrors)}, acks ${JSON.stringify(c.acks)})`,
      );
      throw new Error(`${error.message}; ${state.join("; ")}\n${web!.lines.join("\n")}`);
    });
    await sleep(500); // a duplicate would come right after the last event
    for (const client of clientsAll) {
      for (const id of spanned) {
        const stored = await storedEvents(db!, id, workflowId);
        expect(stored.at(-1)!.type).toBe("execution.succeeded");
        expect(client.received.get(id)!.map((e) => e.seq), `${client.name} ${id}`).toEqual(stored.map((e) => e.seq));
        expect(client.received.get(id), `${client.name} ${id}`).toEqual(stored);
      }
    }
    expect(steady.connects()).toBe(1); // it really kept its socket: what came after came over the new LISTEN
    expect(dropped.connects()).toBeGreaterThan(1);
    expect(dropped.acks.every((ack) => ack.ok)).toBe(true);
    // "late" subscribed while the database was down (refused), then again once reconnected (accepted).
    expect(late.acks[0]).toMatchObject({ ok: false });
    expect(late.acks.slice(-COUNT).every((ack) => ack.ok)).toBe(true);
    expect(late.connects()).toBeGreaterThan(1);
    console.log(
      `pg-restart-web: first live events after the restart: steady ${steady.firstArrivalAfter(restartedAt)! - restartedAt} ms, dropped ${dropped.firstArrivalAfter(restartedAt)! - restartedAt} ms; ` +
        `late ${late.firstArrivalAfter(restartedAt)! - restartedAt} ms; "dropped" reconnected ${dropped.connects() - 1} time(s) after ${dropped.connectErrors.length} refused attempt(s) ${JSON.stringify(dropped.connectErrors)}; web output:\n${web!.lines.join("\n")}`,
    );
    expect(worker.alive()).toBe(true);
  }, 90_000);
});
