import { describe, expect, it } from "vitest";
import type { LiveEvent } from "@/lib/live-events";
import { collectLogEntries, finishedSeqs, type RunWithLogs } from "./log-entries";

const run = (over: Partial<RunWithLogs> & Pick<RunWithLogs, "key" | "seq">): RunWithLogs => ({
  runKey: "shout",
  nodeId: "shout",
  attempt: 1,
  finishedAt: "2026-01-01T10:00:00.000Z",
  logs: null,
  ...over,
});

describe("the execution's log entries", () => {
  it("lists every line in run order, then line order, naming node, loop iteration and retry", () => {
    const names = new Map([
      ["shout", "Shout"],
      ["tally", "Tally"],
    ]);
    const entries = collectLogEntries(
      [
        run({ key: "each#1/tally@1", runKey: "each#1/tally", nodeId: "tally", seq: 9, logs: [{ level: "log", message: "one" }] }),
        run({ key: "shout@2", attempt: 2, seq: 5, logs: [{ level: "warn", message: "again" }] }),
        run({ key: "shout@1", seq: 3, logs: [{ level: "log", message: "first" }, { level: "error", message: "second" }] }),
        run({ key: "quiet@1", runKey: "quiet", nodeId: "quiet", seq: 4, logs: [] }),
      ],
      names,
    );
    expect(entries.map((e) => [e.nodeName, e.runKey, e.attempt, e.level, e.message])).toEqual([
      ["Shout", null, 1, "log", "first"],
      ["Shout", null, 1, "error", "second"],
      ["Shout", null, 2, "warn", "again"],
      ["Tally", "each#1/tally", 1, "log", "one"],
    ]);
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
  });
});

describe("when a code node's attempts ended", () => {
  // Shaped as stored (step-events.ts); cast, as the feed hands over what it has read and checked.
  const event = (seq: number, type: LiveEvent["type"], nodeId?: string) =>
    ({
      executionId: "x",
      workflowId: "w",
      seq,
      type,
      payload: nodeId === undefined ? { status: "running", error: null } : { nodeId, runKey: nodeId, nodeType: "code", attempt: 1, error: null },
      at: "2026-01-01T10:00:00.000Z",
    }) as unknown as LiveEvent;

  it("is the seq of the newest succeeded, failed or cancelled event of each node asked about", () => {
    const events = [
      event(1, "execution.running"),
      event(2, "node.running", "shout"),
      event(3, "node.failed", "shout"),
      event(4, "node.succeeded", "other"),
      event(5, "node.running", "shout"),
      event(6, "node.succeeded", "shout"),
      event(7, "node.running", "tally"),
    ];
    expect(finishedSeqs(events, new Set(["shout", "tally"]))).toEqual(new Map([["shout", 6]]));
  });
});
