import type { WireEvent } from "@/lib/live-events";

/**
 * Per-execution delivery of the event log to subscribers (sockets of this
 * process), each at its own position.
 *
 * Terminology:
 * - subscriber — one socket's subscription to one execution.
 * - delivered  — the highest seq that subscriber has been sent. It only moves
 *                by exactly +1 per event sent, so a subscriber never sees a
 *                gap or a duplicate, whatever order reads and notices arrive in.
 * - feed       — the subscribers of one execution and its read loop.
 *
 * A subscribe and a notice are the same thing to a feed: "there may be events
 * after someone's position". One read loop per feed serialises the reads;
 * requests arriving while it is scheduled or reading coalesce into one more
 * read, so a burst of notices costs one query. A catch-up is an ordinary
 * read from the lowest position, so it cannot race with live delivery.
 */
export type Subscriber = { id: string; send(events: WireEvent[]): void };

export type FeedPorts = {
  /** Events with seq > afterSeq, ascending, at most `limit`. */
  readEvents(executionId: string, afterSeq: number, limit: number): Promise<WireEvent[]>;
  /** Events per read (default 500). */
  pageSize?: number;
  /** A failed read is retried after this many ms (default 1000). */
  retryMs?: number;
  onError?(error: unknown): void;
};

type Position = { subscriber: Subscriber; delivered: number };
type Feed = { executionId: string; positions: Map<string, Position>; dirty: boolean; running: boolean };

export type ExecutionFeeds = ReturnType<typeof createExecutionFeeds>;

export function createExecutionFeeds(ports: FeedPorts) {
  const pageSize = ports.pageSize ?? 500;
  const feeds = new Map<string, Feed>();
  const retries = new Set<NodeJS.Timeout>();
  let stopped = false;

  const lowest = (feed: Feed) => Math.min(...[...feed.positions.values()].map((p) => p.delivered));

  /** Someone in this feed may be behind `toSeq` (Infinity: unknown, read anyway). */
  function request(feed: Feed, toSeq: number): void {
    if (feed.positions.size === 0 || toSeq <= lowest(feed)) return; // everyone has it already
    feed.dirty = true;
    if (feed.running) return;
    feed.running = true;
    setImmediate(() => void drain(feed)); // let the rest of a burst of notices arrive first
  }

  async function drain(feed: Feed): Promise<void> {
    try {
      while (feed.dirty && feed.positions.size > 0 && !stopped) {
        feed.dirty = false;
        let from = lowest(feed);
        for (;;) {
          const page = await ports.readEvents(feed.executionId, from, pageSize);
          deliver(feed, page);
          if (page.length < pageSize) break;
          from = page.at(-1)!.seq;
        }
      }
      feed.running = false;
    } catch (error) {
      ports.onError?.(error);
      const retry = setTimeout(() => (retries.delete(retry), void drain(feed)), ports.retryMs ?? 1000);
      retries.add(retry);
      feed.dirty = true; // still running: requests meanwhile just wait for the retry
    }
  }

  function deliver(feed: Feed, page: WireEvent[]): void {
    for (const position of feed.positions.values()) {
      const batch: WireEvent[] = [];
      for (const event of page) {
        if (event.seq <= position.delivered) continue;
        if (event.seq !== position.delivered + 1) break; // a hole (never expected): wait for a read from here
        batch.push(event);
        position.delivered = event.seq;
      }
      if (batch.length > 0) position.subscriber.send(batch);
    }
  }

  return {
    /** Send `subscriber` every event after `afterSeq`, then each new one, in order. Replaces an earlier subscription of the same id. */
    subscribe(executionId: string, subscriber: Subscriber, afterSeq: number): void {
      let feed = feeds.get(executionId);
      if (!feed) feeds.set(executionId, (feed = { executionId, positions: new Map(), dirty: false, running: false }));
      feed.positions.set(subscriber.id, { subscriber, delivered: afterSeq });
      request(feed, Infinity);
    },
    unsubscribe(executionId: string, subscriberId: string): void {
      const feed = feeds.get(executionId);
      if (!feed) return;
      feed.positions.delete(subscriberId);
      if (feed.positions.size === 0) feeds.delete(executionId); // a read in flight finds no one to deliver to
    },
    /** A transition committed events up to `toSeq` (a NOTIFY). Ignored when no one here follows the execution. */
    notify(executionId: string, toSeq: number): void {
      const feed = feeds.get(executionId);
      if (feed) request(feed, toSeq);
    },
    /** After notices may have been lost (the LISTEN connection broke): read every feed again. */
    resyncAll(): void {
      for (const feed of feeds.values()) request(feed, Infinity);
    },
    /** Positions by execution, for tests and diagnostics. */
    positions(): Record<string, Record<string, number>> {
      return Object.fromEntries([...feeds].map(([id, feed]) => [id, Object.fromEntries([...feed.positions].map(([s, p]) => [s, p.delivered]))]));
    },
    stop(): void {
      stopped = true;
      for (const retry of retries) clearTimeout(retry);
      feeds.clear();
    },
  };
}
