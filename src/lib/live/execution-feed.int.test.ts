import { io as connect } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, type SignedInClient } from "../../../test/api-client";
import { openTestDatabase } from "../../../test/database";
import { startTestWorker, waitFor } from "../../../test/engine-harness";
import { createTwoPausesWorkflow, startLiveWeb, storedEvents as storedLog, type LiveWeb } from "../../../test/live-harness";
import type { WorkerHandle } from "../../../worker/start-worker";
import type { Database } from "@/server/db/prisma";
import { SESSION_COOKIE } from "@/server/auth/session-cookie";
import { emptyRunView, isEdgeTaken, reduceRunView } from "@/stores/run-view-reducer";
import { startExecutionFeed } from "./execution-feed";
import type { LiveSocket } from "./live-socket";

/**
 * The browser's live feed against the real backend: a real worker runs
 *
 *   start → first(delay 0.3 s) → second(delay 0.3 s) → done(output)
 *
 * while the feed follows it over a real socket.io connection (signed in by
 * session cookie) and its HTTP catch-up goes through the real API. The socket
 * drops mid-run and reconnects: the feed must end with exactly the stored log.
 */
let db: Database;
let worker: WorkerHandle;
let builder: SignedInClient;
let viewer: SignedInClient;
let workflowId: string;
let web: LiveWeb;
const sockets: LiveSocket[] = [];

beforeAll(async () => {
  db = openTestDatabase();
  builder = await apiClient(db).as("builder");
  viewer = await apiClient(db).as("viewer");
  workflowId = await createTwoPausesWorkflow(builder);
  worker = await startTestWorker(2);

  web = await startLiveWeb();
});

afterAll(async () => {
  for (const socket of sockets) socket.close();
  await web.close();
  await worker.stop();
});

const storedEvents = (executionId: string) => storedLog(db, executionId, workflowId);

describe("the live feed against the real server", () => {
  it("follows a run through a reconnect and ends with exactly the stored log", async () => {
    const socket: LiveSocket = connect(web.url, {
      path: "/socket.io",
      transports: ["websocket"],
      extraHeaders: { cookie: `${SESSION_COOKIE}=${viewer.credentials.session}` },
      forceNew: true,
    });
    sockets.push(socket);
    const started = await builder.mutation<{ executionId: string }>("execution.start", { workflowId });
    if (!started.ok) throw new Error(started.error.message);
    const executionId = started.data.executionId;

    const feed = startExecutionFeed(executionId, {
      socket,
      fetchEvents: async (afterSeq) => {
        const read = await viewer.query("execution.events", { id: executionId, afterSeq });
        if (!read.ok) throw new Error(read.error.message);
        return read.data;
      },
    });
    await waitFor(async () => (feed.getSnapshot().connected ? true : undefined));
    // Drop the connection once the run is under way, then come back.
    await waitFor(async () => (feed.getSnapshot().log.lastSeq >= 2 ? true : undefined));
    socket.disconnect();
    expect(feed.getSnapshot().connected).toBe(false);
    socket.connect();

    await waitFor(async () => (feed.getSnapshot().status === "succeeded" ? true : undefined));
    const stored = await storedEvents(executionId);
    expect(feed.getSnapshot().log.events).toEqual(stored);
    expect(feed.getSnapshot()).toMatchObject({ connected: true, error: null });

    const view = reduceRunView(emptyRunView(), feed.getSnapshot().log.events);
    expect(view.nodes.first!.view).toMatchObject({ status: "succeeded", runs: 1 });
    expect(view.nodes.first!.view.durationMs).toBeGreaterThanOrEqual(250);
    expect(view.nodes.done!.view).toMatchObject({ status: "succeeded", runs: 1, durationMs: 0 });
    // Every event read as its type, and each succeeded one names the handles it fired: the path is known, not guessed.
    expect(feed.getSnapshot().log.events.filter((e) => e.type === "unreadable")).toEqual([]);
    expect(view.nodes.first!.fired).toEqual(new Set(["out"]));
    expect(isEdgeTaken(view, { source: "first", target: "second", sourceHandle: "out" })).toBe(true);
    expect(isEdgeTaken(view, { source: "first", target: "second", sourceHandle: "elsewhere" })).toBe(false);
    feed.stop();
  });

  it("says so when the execution does not exist", async () => {
    const socket: LiveSocket = connect(web.url, { transports: ["websocket"], extraHeaders: { cookie: `${SESSION_COOKIE}=${viewer.credentials.session}` }, forceNew: true });
    sockets.push(socket);
    const feed = startExecutionFeed("no-such-execution", {
      socket,
      fetchEvents: async (afterSeq) => {
        const read = await viewer.query("execution.events", { id: "no-such-execution", afterSeq });
        if (!read.ok) throw new Error(read.error.message);
        return read.data;
      },
    });
    await waitFor(async () => (feed.getSnapshot().error ? true : undefined));
    expect(feed.getSnapshot().error).toBe("Execution no-such-execution does not exist");
    feed.stop();
  });
});
