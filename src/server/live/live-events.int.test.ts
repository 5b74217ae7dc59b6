import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, type SignedInClient } from "../../../test/api-client";
import { openTestDatabase } from "../../../test/database";
import { startTestWorker, waitFor } from "../../../test/engine-harness";
import { createTwoPausesWorkflow, startLiveWeb, storedEvents as storedLog, type LiveWeb } from "../../../test/live-harness";
import type { WorkerHandle } from "../../../worker/start-worker";
import type { Database } from "@/server/db/prisma";
import { waitForExecution } from "@/server/execution/execution-report";
import { SESSION_COOKIE } from "@/server/auth/session-cookie";
import { readLiveEvent } from "@/lib/live/read-live-event";
import { EVENTS_CHANNEL, LiveEvent, type ClientToServerEvents, type LiveExecutionUpdate, type WireEvent, type ServerToClientEvents, type SubscribeAck } from "@/lib/live-events";

/**
 * The live execution view's backend end to end: a real worker runs
 *
 *   start → first(delay 0.3 s) → second(delay 0.3 s) → done(output)
 *
 * (three transitions, 300 ms apart), two web "processes" (createWebServer +
 * startLiveEvents, each with its own pool and LISTEN connection) deliver its
 * events to real socket.io clients signed in with session cookies.
 */
type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

let db: Database;
let worker: WorkerHandle;
let builder: SignedInClient;
let viewer: SignedInClient;
let workflowId: string;
const webs: LiveWeb[] = [];
const clients: Client[] = [];

async function startWeb() {
  const web = await startLiveWeb();
  webs.push(web);
  return web;
}

function open(url: string, headers: Record<string, string> = { cookie: `${SESSION_COOKIE}=${viewer.credentials.session}` }): Client {
  const socket: Client = connect(url, { transports: ["websocket"], extraHeaders: headers, reconnection: false, forceNew: true });
  clients.push(socket);
  return socket;
}

const connected = (socket: Client) =>
  new Promise<void>((resolve, reject) => (socket.once("connect", resolve), socket.once("connect_error", reject)));
const subscribe = (socket: Client, room: string, afterSeq?: number) =>
  new Promise<SubscribeAck>((resolve) => socket.emit("subscribe", { room, afterSeq }, resolve));

/** Every batch a socket receives; `done` resolves once the execution's terminal event arrived. */
function collect(socket: Client) {
  const batches: WireEvent[][] = [];
  let finish: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  socket.on("execution.events", (events) => {
    batches.push(events);
    if (events.some((e) => /^execution\.(succeeded|failed|cancelled|timed_out)$/.test(e.type))) finish();
  });
  return { batches, events: () => batches.flat(), done };
}

const storedEvents = (executionId: string) => storedLog(db, executionId, workflowId);

async function start(): Promise<string> {
  const started = await builder.mutation<{ executionId: string }>("execution.start", { workflowId });
  if (!started.ok) throw new Error(started.error.message);
  return started.data.executionId;
}

beforeAll(async () => {
  db = openTestDatabase();
  builder = await apiClient(db).as("builder");
  viewer = await apiClient(db).as("viewer");
  workflowId = await createTwoPausesWorkflow(builder);
  worker = await startTestWorker(4);
});

afterAll(async () => {
  for (const socket of clients) socket.close();
  for (const web of webs) await web.close();
  await worker.stop();
});

describe("live execution events over socket.io", () => {
  it("deliver a running execution's events in seq order, without gaps, from two web processes", async () => {
    const [a, b] = [await startWeb(), await startWeb()];
    const [onA, onB, watcher] = [open(a.url), open(b.url), open(b.url)];
    await Promise.all([connected(onA), connected(onB), connected(watcher)]);
    const updates: LiveExecutionUpdate[] = [];
    watcher.on("execution.update", (u) => updates.push(u));
    expect(await subscribe(watcher, `workflow:${workflowId}`)).toEqual({ ok: true });

    const executionId = await start();
    const [fromA, fromB] = [collect(onA), collect(onB)];
    expect(await subscribe(onA, `execution:${executionId}`, 0)).toEqual({ ok: true });
    expect(await subscribe(onB, `execution:${executionId}`)).toEqual({ ok: true });
    await Promise.all([fromA.done, fromB.done]);

    const stored = await storedEvents(executionId);
    expect(stored.map((e) => e.seq)).toEqual(stored.map((_, i) => i + 1));
    expect(stored.at(-1)!.type).toBe("execution.succeeded");
    expect(fromA.events()).toEqual(stored);
    expect(fromB.events()).toEqual(stored);
    // What the real worker wrote fits the shared schema: every event reads as its own type.
    expect(stored.map((e) => LiveEvent.safeParse(e).error?.message)).toEqual(stored.map(() => undefined));
    expect(fromA.events().map((e) => readLiveEvent(e).type)).toEqual(stored.map((e) => e.type));
    // Delivered live, not in one read after the end: the pauses split the log into several batches.
    expect(fromA.batches.length).toBeGreaterThanOrEqual(2);
    expect(fromB.batches.length).toBeGreaterThanOrEqual(2);

    await waitFor(async () => (updates.at(-1)?.status === "succeeded" ? true : undefined));
    expect(updates.every((u) => u.executionId === executionId && u.workflowId === workflowId)).toBe(true);
    expect(updates.map((u) => u.seq)).toEqual([...new Set(updates.map((u) => u.seq))].sort((x, y) => x - y));
    expect(updates.at(-1)!.seq).toBe(stored.length);
  });

  it("a client that reconnects with its last seq ends with the complete sequence, nothing doubled", async () => {
    const web = webs[0] ?? (await startWeb());
    const first = open(web.url);
    await connected(first);
    const executionId = await start();
    const before = collect(first);
    await subscribe(first, `execution:${executionId}`, 0);
    await waitFor(async () => (before.batches.length > 0 ? true : undefined));
    first.close();
    const lastSeq = before.events().at(-1)!.seq;
    // Events are written while it is away.
    await waitFor(async () => ((await db.prisma.execution.findUniqueOrThrow({ where: { id: executionId } })).eventSeq > lastSeq ? true : undefined));

    const second = open(web.url);
    await connected(second);
    const after = collect(second);
    await subscribe(second, `execution:${executionId}`, lastSeq);
    await after.done;
    expect([...before.events(), ...after.events()]).toEqual(await storedEvents(executionId));
    expect(after.events()[0]!.seq).toBe(lastSeq + 1);
  });

  it("refuses sockets that are not signed in or come from another site, and bad subscriptions", async () => {
    const web = webs[0] ?? (await startWeb());
    const refusal = (socket: Client) => connected(socket).then(() => "connected", (error: Error) => error.message);
    expect(await refusal(open(web.url, {}))).toBe("Sign in first.");
    expect(await refusal(open(web.url, { cookie: `${SESSION_COOKIE}=not-a-session` }))).toBe("Sign in first.");
    expect(await refusal(open(web.url, { authorization: "Bearer sy_nope" }))).toBe("Sign in first.");
    const neighbour = { cookie: `${SESSION_COOKIE}=${viewer.credentials.session}`, origin: "http://localhost:3001" };
    expect(await refusal(open(web.url, neighbour))).toBe("Refused a connection from another site (http://localhost:3001).");

    const socket = open(web.url);
    await connected(socket);
    expect(await subscribe(socket, "execution:no-such-execution")).toEqual({ ok: false, error: "Execution no-such-execution does not exist" });
    expect(await subscribe(socket, "everything")).toMatchObject({ ok: false });
    expect(await subscribe(socket, "execution:x", -1)).toMatchObject({ ok: false });
  });

  it("keeps delivering after its LISTEN connection is killed", async () => {
    const web = await startWeb();
    const socket = open(web.url);
    await connected(socket);
    const listeners = await db.pool.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query = $1`,
      [`LISTEN ${EVENTS_CHANNEL}`],
    );
    expect(listeners.rowCount).toBeGreaterThan(0);
    await db.pool.query(`SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid`, [listeners.rows.map((r) => r.pid)]);
    const executionId = await start();
    const received = collect(socket);
    await subscribe(socket, `execution:${executionId}`, 0);
    await received.done;
    expect(received.events()).toEqual(await storedEvents(executionId));
  });
});

describe("execution.events over tRPC", () => {
  it("pages through the same events for any signed-in role", async () => {
    const executionId = await start();
    await waitForExecution(db.pool, executionId, { timeoutMs: 10_000 });
    const stored = await storedEvents(executionId);
    const page = await viewer.query("execution.events", { id: executionId, afterSeq: 1, limit: 2 });
    expect(page).toMatchObject({ ok: true, data: { executionId, workflowId, status: "succeeded", lastSeq: stored.length, events: stored.slice(1, 3) } });
    const rest = await viewer.query("execution.events", { id: executionId, afterSeq: 3 });
    expect(rest.ok && rest.data.events).toEqual(stored.slice(3));
    expect(await apiClient(db).query("execution.events", { id: executionId })).toMatchObject({ ok: false, status: 401 });
    expect(await viewer.query("execution.events", { id: "nope" })).toMatchObject({ ok: false, status: 404 });
  });
});

describe("the NOTIFY of each transition", () => {
  it("announces every seq range once, in order, without payloads", async () => {
    const listener = await db.pool.connect();
    const notices: Array<Record<string, unknown>> = [];
    try {
      listener.on("notification", (m) => m.channel === EVENTS_CHANNEL && notices.push(JSON.parse(m.payload!)));
      await listener.query(`LISTEN ${EVENTS_CHANNEL}`);
      const executionId = await start();
      await waitForExecution(db.pool, executionId, { timeoutMs: 10_000 });
      const stored = await storedEvents(executionId);
      await waitFor(async () => (notices.some((n) => n.executionId === executionId && n.toSeq === stored.length) ? true : undefined));
      const mine = notices.filter((n) => n.executionId === executionId);
      expect(mine.length).toBeGreaterThanOrEqual(3);
      let next = 1;
      for (const notice of mine) {
        expect(Object.keys(notice).sort()).toEqual(["executionId", "fromSeq", "status", "toSeq", "workflowId"]);
        expect(notice).toMatchObject({ workflowId, fromSeq: next });
        next = (notice.toSeq as number) + 1;
      }
      expect(mine.at(-1)).toMatchObject({ status: "succeeded", toSeq: stored.length });
    } finally {
      await listener.query(`UNLISTEN ${EVENTS_CHANNEL}`);
      listener.release();
    }
  });
});
