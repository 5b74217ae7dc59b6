import { describe, expect, it } from "vitest";
import type { WireEvent } from "@/lib/live-events";
import { createExecutionFeeds, type FeedPorts } from "./execution-feeds";

/**
 * The feed against an in-memory event log whose reads can be held open, so
 * tests can commit events and send notices in the middle of a read — the race
 * between catch-up and live delivery.
 */
function fakeLog() {
  const rows: WireEvent[] = [];
  const reads: Array<{ afterSeq: number; limit: number }> = [];
  let gate: Promise<void> | null = null;
  let failures = 0;
  const ev = (seq: number): WireEvent => ({ executionId: "x", workflowId: "w", seq, type: "node.running", payload: { seq }, at: "2026-01-01T00:00:00.000Z" });
  const ports: FeedPorts = {
    pageSize: 3,
    retryMs: 5,
    onError: () => {},
    async readEvents(_id, afterSeq, limit) {
      reads.push({ afterSeq, limit });
      const snapshot = rows.filter((r) => r.seq > afterSeq).slice(0, limit); // what the query sees when it starts
      if (failures > 0) {
        failures--;
        throw new Error("connection lost");
      }
      if (gate) await gate;
      return snapshot;
    },
  };
  return {
    ports,
    reads,
    commit: (count: number) => {
      const from = rows.length + 1;
      for (let seq = from; seq < from + count; seq++) rows.push(ev(seq));
      return rows.length;
    },
    hold() {
      let open!: () => void;
      gate = new Promise<void>((resolve) => (open = resolve));
      return () => ((gate = null), open());
    },
    failNext: (n: number) => (failures = n),
  };
}

function recorder(id: string) {
  const batches: number[][] = [];
  return { subscriber: { id, send: (events: WireEvent[]) => batches.push(events.map((e) => e.seq)) }, batches, seqs: () => batches.flat() };
}

const settle = async (until: () => boolean) => {
  for (let i = 0; i < 200 && !until(); i++) await new Promise((r) => setTimeout(r, 2));
};
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe("execution feeds", () => {
  it("catches up from afterSeq in pages, then delivers new events exactly once", async () => {
    const log = fakeLog();
    const feeds = createExecutionFeeds(log.ports);
    log.commit(7);
    const a = recorder("a");
    feeds.subscribe("x", a.subscriber, 2);
    await settle(() => a.seqs().length === 5);
    expect(a.batches).toEqual([[3, 4, 5], [6, 7]]); // page size 3
    const last = log.commit(2);
    feeds.notify("x", last);
    await settle(() => a.seqs().length === 7);
    expect(a.seqs()).toEqual(range(3, 9));
    feeds.stop();
  });

  it("a notice that arrives during the catch-up read is neither lost nor doubled", async () => {
    const log = fakeLog();
    const feeds = createExecutionFeeds({ ...log.ports, pageSize: 100 });
    log.commit(2);
    const release = log.hold();
    const a = recorder("a");
    feeds.subscribe("x", a.subscriber, 0);
    await settle(() => log.reads.length === 1); // the catch-up query has taken its snapshot (seq 1..2)
    feeds.notify("x", log.commit(3)); // 3..5 commit and are announced while it runs
    release();
    await settle(() => a.seqs().length === 5);
    expect(a.seqs()).toEqual(range(1, 5));
    expect(log.reads.map((r) => r.afterSeq)).toEqual([0, 2]);
    feeds.stop();
  });

  it("coalesces a burst of notices into one read, and skips notices everyone already has", async () => {
    const log = fakeLog();
    const feeds = createExecutionFeeds({ ...log.ports, pageSize: 100 });
    const a = recorder("a");
    feeds.subscribe("x", a.subscriber, 0);
    await settle(() => log.reads.length === 1);
    for (let i = 0; i < 10; i++) feeds.notify("x", log.commit(1));
    await settle(() => a.seqs().length === 10);
    expect(log.reads).toHaveLength(2);
    feeds.notify("x", 10); // a late duplicate notice
    feeds.notify("other", 99); // nobody here follows it
    await new Promise((r) => setTimeout(r, 20));
    expect(log.reads).toHaveLength(2);
    expect(a.seqs()).toEqual(range(1, 10));
    feeds.stop();
  });

  it("keeps each subscriber at its own position", async () => {
    const log = fakeLog();
    const feeds = createExecutionFeeds({ ...log.ports, pageSize: 100 });
    log.commit(6);
    const a = recorder("a");
    const b = recorder("b");
    feeds.subscribe("x", a.subscriber, 0);
    feeds.subscribe("x", b.subscriber, 4);
    await settle(() => a.seqs().length === 6 && b.seqs().length === 2);
    feeds.notify("x", log.commit(1));
    await settle(() => a.seqs().length === 7 && b.seqs().length === 3);
    expect(a.seqs()).toEqual(range(1, 7));
    expect(b.seqs()).toEqual(range(5, 7));
    feeds.unsubscribe("x", "a");
    feeds.notify("x", log.commit(1));
    await settle(() => b.seqs().length === 4);
    expect(a.seqs()).toEqual(range(1, 7));
    expect(feeds.positions()).toEqual({ x: { b: 8 } });
    feeds.stop();
  });

  it("retries a failed read and then delivers everything", async () => {
    const log = fakeLog();
    const feeds = createExecutionFeeds({ ...log.ports, pageSize: 100 });
    log.commit(3);
    log.failNext(2);
    const a = recorder("a");
    feeds.subscribe("x", a.subscriber, 0);
    await settle(() => a.seqs().length === 3);
    expect(a.seqs()).toEqual([1, 2, 3]);
    expect(log.reads).toHaveLength(3);
    feeds.stop();
  });
});
