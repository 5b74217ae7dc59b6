import { LIVE, type ExecutionEvent, type SubscribeAck, type WireEvent } from "@/lib/live-events";
import { emptyEventLog, findGap, receiveEvents, type EventLog } from "./event-log";
import type { LiveSocket } from "./live-socket";
import { readLiveEvent } from "./read-live-event";

/**
 * One execution's event log in this tab, followed live: every component that
 * shows the execution (canvas, timeline, inspector) reads the same feed, so
 * the tab subscribes once per execution however many are mounted.
 *
 * - On start it reads the log over HTTP (`execution.events`: also the
 *   execution's status, which matters when no event will ever come — an
 *   execution cancelled while queued writes none), then subscribes to
 *   `execution:<id>` with afterSeq = the last seq it holds, and again after
 *   every reconnect: the server resends from there, duplicates are dropped.
 * - A hole in what arrives (never expected from the server, but cheap to
 *   survive) is filled by reading the missing range over HTTP.
 * - Each new event is read against the shared schema as it arrives
 *   (read-live-event.ts); the log holds typed events only.
 */
export type FeedSnapshot = {
  log: EventLog;
  /** The socket is connected and the subscription was accepted. */
  connected: boolean;
  /** The execution's status: the latest `execution.<status>` event, else what the HTTP read said. */
  status: string | null;
  /** Why following failed (unknown execution, signed out), in words for a person; null when fine. */
  error: string | null;
};

export type FeedPorts = {
  socket: Pick<LiveSocket, "connected" | "on" | "off" | "emit">;
  /** `execution.events({ id, afterSeq })`: events after afterSeq and the head (status, lastSeq). */
  fetchEvents(afterSeq: number): Promise<{ status: string; lastSeq: number; events: WireEvent[] }>;
};

export type ExecutionFeed = {
  getSnapshot(): FeedSnapshot;
  subscribe(listener: () => void): () => void;
  stop(): void;
};

export function startExecutionFeed(executionId: string, ports: FeedPorts): ExecutionFeed {
  const room = `execution:${executionId}`;
  const listeners = new Set<() => void>();
  let snapshot: FeedSnapshot = { log: emptyEventLog(), connected: false, status: null, error: null };
  let catchingUp: Promise<void> | null = null;
  let stopped = false;

  function update(patch: Partial<FeedSnapshot>): void {
    const next = { ...snapshot, ...patch };
    if (Object.keys(patch).every((key) => next[key as keyof FeedSnapshot] === snapshot[key as keyof FeedSnapshot])) return;
    snapshot = next;
    for (const listener of listeners) listener();
  }

  function receive(batch: readonly WireEvent[]): void {
    // Only events the log does not hold yet are read: a resubscribe resends what we have.
    const fresh = batch.filter((event) => event.seq > snapshot.log.lastSeq && !snapshot.log.pending.has(event.seq));
    if (fresh.length === 0) return;
    const log = receiveEvents(snapshot.log, fresh.map(readLiveEvent));
    if (log === snapshot.log) return;
    const lastExecutionEvent = log.events.slice(snapshot.log.events.length).findLast((e): e is ExecutionEvent => e.type.startsWith("execution."));
    update({ log, ...(lastExecutionEvent ? { status: lastExecutionEvent.payload.status } : {}) });
    if (findGap(log)) void catchUp();
  }

  /** Read over HTTP until we hold everything up to the head; one read loop at a time. */
  function catchUp(): Promise<void> {
    catchingUp ??= (async () => {
      let holeLeft = false;
      try {
        for (;;) {
          const head = await ports.fetchEvents(snapshot.log.lastSeq);
          if (stopped) return;
          receive(head.events);
          // Holding exactly what the head describes: its status is current (also when there are no events
          // at all); holding more, the newer events already set it.
          if (snapshot.log.lastSeq === head.lastSeq) update({ status: head.status });
          if (head.events.length === 0 || snapshot.log.lastSeq >= head.lastSeq) break;
        }
        update({ error: null });
        // Events beyond a new hole may have arrived over the socket while this read was out.
        holeLeft = findGap(snapshot.log) !== null;
      } catch (error) {
        if (!stopped) update({ error: (error as Error).message || "Could not read this execution's events." });
      } finally {
        catchingUp = null;
      }
      if (holeLeft && !stopped) await catchUp();
    })();
    return catchingUp;
  }

  const onConnect = () => {
    ports.socket.emit(LIVE.subscribe, { room, afterSeq: snapshot.log.lastSeq }, (ack: SubscribeAck) => {
      if (stopped) return;
      update(ack.ok ? { connected: true, error: null } : { connected: false, error: ack.error });
    });
  };
  const onDisconnect = () => update({ connected: false });
  const onEvents = (batch: WireEvent[]) => {
    if (batch[0]?.executionId === executionId) receive(batch);
  };

  // Subscribe once the HTTP read is in: afterSeq is then where it ended, and the server sends only what is newer.
  void catchUp().then(() => {
    if (stopped) return;
    ports.socket.on("connect", onConnect);
    ports.socket.on("disconnect", onDisconnect);
    ports.socket.on(LIVE.events, onEvents);
    if (ports.socket.connected) onConnect();
  });

  return {
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop() {
      stopped = true;
      ports.socket.off("connect", onConnect);
      ports.socket.off("disconnect", onDisconnect);
      ports.socket.off(LIVE.events, onEvents);
      if (ports.socket.connected) ports.socket.emit(LIVE.unsubscribe, { room });
    },
  };
}
