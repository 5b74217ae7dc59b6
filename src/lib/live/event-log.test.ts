import { describe, expect, it } from "vitest";
import type { LiveEvent } from "@/lib/live-events";
import { emptyEventLog, findGap, receiveEvents } from "./event-log";

const event = (seq: number): LiveEvent => ({
  executionId: "x1",
  workflowId: "w1",
  seq,
  type: "node.succeeded",
  payload: { runKey: `n${seq}`, nodeId: `n${seq}`, nodeType: "set", attempt: 1, error: null },
  at: new Date(Date.UTC(2026, 10, 26, 18, 0, seq)).toISOString(),
});
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => event(from + i));
const seqs = (log: { events: readonly LiveEvent[] }) => log.events.map((e) => e.seq);

describe("receiveEvents", () => {
  it("appends batches in order", () => {
    const log = receiveEvents(receiveEvents(emptyEventLog(), range(1, 3)), range(4, 5));
    expect(seqs(log)).toEqual([1, 2, 3, 4, 5]);
    expect(log.lastSeq).toBe(5);
    expect(findGap(log)).toBeNull();
  });

  it("drops duplicates: a resubscribe after reconnecting resends what we have", () => {
    const before = receiveEvents(emptyEventLog(), range(1, 4));
    const resent = receiveEvents(before, range(3, 6));
    expect(seqs(resent)).toEqual([1, 2, 3, 4, 5, 6]);
    // Nothing new: the very same object, so subscribers are not woken.
    expect(receiveEvents(resent, range(1, 6))).toBe(resent);
  });

  it("holds events beyond a hole and reports the hole until it is filled", () => {
    const holed = receiveEvents(receiveEvents(emptyEventLog(), range(1, 2)), range(5, 6));
    expect(seqs(holed)).toEqual([1, 2]);
    expect(holed.lastSeq).toBe(2);
    expect(findGap(holed)).toEqual({ afterSeq: 2, beforeSeq: 5 });
    // The catch-up fetched over HTTP overlaps what is pending: still each event once.
    const filled = receiveEvents(holed, range(3, 6));
    expect(seqs(filled)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(findGap(filled)).toBeNull();
  });

  it("fills a hole partially and keeps reporting the rest", () => {
    const holed = receiveEvents(emptyEventLog(), [event(1), event(4), event(7)]);
    const partly = receiveEvents(holed, [event(2), event(3)]);
    expect(seqs(partly)).toEqual([1, 2, 3, 4]);
    expect(findGap(partly)).toEqual({ afterSeq: 4, beforeSeq: 7 });
  });

  it("accepts a batch that arrives out of order", () => {
    const log = receiveEvents(emptyEventLog(), [event(2), event(1), event(3)]);
    expect(seqs(log)).toEqual([1, 2, 3]);
  });
});
