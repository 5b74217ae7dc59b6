import { afterEach, describe, expect, it, vi } from "vitest";
import { LIVE, type LiveEvent, type SubscribeAck, type SubscribeRequest, type WireEvent } from "@/lib/live-events";
import { startExecutionFeed, type FeedPorts } from "./execution-feed";

const event = (seq: number, type = "node.succeeded"): WireEvent => ({
  executionId: "x1",
  workflowId: "w1",
  seq,
  type,
  payload: type.startsWith("execution.")
    ? { status: type.slice("execution.".length), error: null }
    : { runKey: `n${seq}`, nodeId: `n${seq}`, nodeType: "set", attempt: 1, error: null },
  at: new Date(Date.UTC(2026, 10, 26, 18, 0, seq)).toISOString(),
});
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => event(from + i));

/** A socket.io client stand-in: records what is emitted, lets the test play the server. */
function fakeSocket() {
  const handlers = new Map<string, Set<(...args: unknown[]) => void>>();
  const subscribes: SubscribeRequest[] = [];
  const socket = {
    connected: false,
    on(name: string, handler: (...args: unknown[]) => void) {
      if (!handlers.has(name)) handlers.set(name, new Set());
      handlers.get(name)!.add(handler);
      return socket;
    },
    off(name: string, handler: (...args: unknown[]) => void) {
      handlers.get(name)?.delete(handler);
      return socket;
    },
    emit(name: string, request: SubscribeRequest, ack?: (result: SubscribeAck) => void) {
      if (name === LIVE.subscribe) subscribes.push(request);
      ack?.({ ok: true });
      return socket;
    },
  };
  const fire = (name: string, ...args: unknown[]) => handlers.get(name)?.forEach((h) => h(...args));
  return {
    port: socket as unknown as FeedPorts["socket"],
    subscribes,
    connect() {
      socket.connected = true;
      fire("connect");
    },
    disconnect() {
      socket.connected = false;
      fire("disconnect");
    },
    send: (events: WireEvent[]) => fire(LIVE.events, events),
  };
}

/** The server's log, read over "HTTP". */
function fakeServer(events: WireEvent[], status = "running") {
  const reads: number[] = [];
  return {
    reads,
    log: events,
    fetchEvents: async (afterSeq: number) => {
      reads.push(afterSeq);
      const after = events.filter((e) => e.seq > afterSeq);
      return { status, lastSeq: events.at(-1)?.seq ?? 0, events: after.slice(0, 2) };
    },
  };
}
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const seqs = (feed: { getSnapshot(): { log: { events: readonly LiveEvent[] } } }) => feed.getSnapshot().log.events.map((e) => e.seq);

describe("startExecutionFeed", () => {
  it("reads the log over HTTP page by page, then subscribes after what it holds", async () => {
    const socket = fakeSocket();
    socket.connect();
    const server = fakeServer(range(1, 5));
    const feed = startExecutionFeed("x1", { socket: socket.port, fetchEvents: server.fetchEvents });
    await settle();
    expect(seqs(feed)).toEqual([1, 2, 3, 4, 5]);
    expect(server.reads).toEqual([0, 2, 4]);
    expect(socket.subscribes).toEqual([{ room: "execution:x1", afterSeq: 5 }]);
    expect(feed.getSnapshot()).toMatchObject({ connected: true, status: "running" });
    feed.stop();
  });

  it("re-subscribes with the last seq after a reconnect, dropping what the server resends", async () => {
    const socket = fakeSocket();
    socket.connect();
    const feed = startExecutionFeed("x1", { socket: socket.port, fetchEvents: fakeServer([]).fetchEvents });
    await settle();
    socket.send(range(1, 3));
    socket.disconnect();
    expect(feed.getSnapshot().connected).toBe(false);
    socket.connect();
    expect(socket.subscribes.at(-1)).toEqual({ room: "execution:x1", afterSeq: 3 });
    socket.send([event(3), event(4), event(5, "execution.succeeded")]);
    expect(seqs(feed)).toEqual([1, 2, 3, 4, 5]);
    expect(feed.getSnapshot()).toMatchObject({ connected: true, status: "succeeded" });
    feed.stop();
  });

  it("fills a hole through HTTP", async () => {
    const socket = fakeSocket();
    socket.connect();
    const server = fakeServer([]);
    const feed = startExecutionFeed("x1", { socket: socket.port, fetchEvents: server.fetchEvents });
    await settle();
    server.log.push(...range(1, 6));
    socket.send(range(1, 2));
    socket.send(range(5, 6)); // 3 and 4 never came over the socket
    expect(seqs(feed)).toEqual([1, 2]);
    await settle();
    expect(seqs(feed)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(server.reads.at(-1)).toBe(2);
    feed.stop();
  });

  it("ignores another execution's batches and reports the status of an execution with no events", async () => {
    const socket = fakeSocket();
    const feed = startExecutionFeed("x1", { socket: socket.port, fetchEvents: fakeServer([], "cancelled").fetchEvents });
    await settle();
    expect(feed.getSnapshot()).toMatchObject({ status: "cancelled", connected: false });
    socket.connect();
    socket.send([{ ...event(1), executionId: "x2" }]);
    expect(seqs(feed)).toEqual([]);
    feed.stop();
  });
});

describe("startExecutionFeed, a hole that opens while a read is out", () => {
  it("reads again after the read that could not have seen it", async () => {
    const socket = fakeSocket();
    socket.connect();
    const server = fakeServer([]);
    const feed = startExecutionFeed("x1", { socket: socket.port, fetchEvents: server.fetchEvents });
    await settle();
    server.log.push(...range(1, 3));
    socket.send([event(1), event(3)]); // a hole at 2: a read from 1 starts, seeing the head at 3
    server.log.push(...range(4, 6));
    socket.send([event(6)]); // while it is out, another hole (4..5) opens
    const reads = server.reads.length;
    await settle();
    await settle();
    expect(seqs(feed)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(server.reads.slice(reads - 1)).toEqual([1, 3]);
    feed.stop();
  });
});

describe("startExecutionFeed, reading events", () => {
  afterEach(() => vi.restoreAllMocks());

  it("holds typed events, and one it cannot read as `unreadable` in its place, with a warning that says why", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const socket = fakeSocket();
    socket.connect();
    const feed = startExecutionFeed("x1", { socket: socket.port, fetchEvents: fakeServer([]).fetchEvents });
    await settle();
    socket.send([
      event(1),
      { ...event(2), type: "node.paused" },
      { ...event(3), payload: { runKey: "n3", nodeId: "n3", nodeType: "set", attempt: "first", error: null } },
      event(4, "execution.succeeded"),
    ]);
    const events: readonly LiveEvent[] = feed.getSnapshot().log.events;
    expect(events.map((e) => [e.seq, e.type])).toEqual([
      [1, "node.succeeded"],
      [2, "unreadable"],
      [3, "unreadable"],
      [4, "execution.succeeded"],
    ]);
    expect(events[1]!.payload).toEqual({ type: "node.paused", problem: 'unknown event type "node.paused"' });
    expect(events[2]!.payload).toEqual({ type: "node.succeeded", problem: expect.stringMatching(/^node\.succeeded: payload\.attempt: .*number/) });
    expect(warn.mock.calls.map(([message]) => message)).toEqual([
      'execution x1, event 2: ignored, unknown event type "node.paused"',
      expect.stringContaining("execution x1, event 3: ignored, node.succeeded: payload.attempt:"),
    ]);
    // No hole: the status comes from the typed execution event after them.
    expect(feed.getSnapshot()).toMatchObject({ status: "succeeded" });
    expect(feed.getSnapshot().log.lastSeq).toBe(4);
    feed.stop();
  });

  it("reads each event once: what a resubscribe resends is dropped before it is read", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const socket = fakeSocket();
    socket.connect();
    const feed = startExecutionFeed("x1", { socket: socket.port, fetchEvents: fakeServer([]).fetchEvents });
    await settle();
    const bad = { ...event(1), type: "node.paused" };
    socket.send([bad]);
    socket.send([bad, event(2)]);
    expect(seqs(feed)).toEqual([1, 2]);
    expect(warn).toHaveBeenCalledTimes(1);
    feed.stop();
  });
});
