import { describe, expect, it, vi } from "vitest";
import type { ExecutionState, NodeRunStatus, NodeRunUpdate } from "@/engine/execution-types";
import { LiveEvent, type StoredEvent } from "@/lib/live-events";
import { readLiveEvent } from "@/lib/live/read-live-event";
import { executionStatusEvent, nodeRunEvent } from "./step-events";

/*
 * Every event the server writes parses with the shared schema, and what does
 * not fit it is refused with a message naming the event and the field.
 */

// Records, so that a status added to the engine fails to compile here until it is listed.
const NODE_STATUSES = Object.keys({ running: 1, waiting: 1, succeeded: 1, failed: 1, skipped: 1, cancelled: 1 } satisfies Record<NodeRunStatus, 1>) as NodeRunStatus[];
const EXECUTION_STATUSES = Object.keys({ running: 1, waiting: 1, succeeded: 1, failed: 1, cancelled: 1, timed_out: 1 } satisfies Record<
  ExecutionState["status"],
  1
>) as ExecutionState["status"][];

const update = (status: NodeRunStatus, extra: Partial<NodeRunUpdate> = {}): NodeRunUpdate => ({
  runKey: "each#1/fetch",
  nodeId: "fetch",
  nodeType: "http.request",
  attempt: 2,
  status,
  input: { big: "not on events" },
  ...extra,
});
let seq = 0;
/** As read-events.ts sends a stored row. */
const onTheWire = (stored: StoredEvent) => ({ executionId: "x1", workflowId: "w1", seq: ++seq, at: "2026-11-27T15:00:00.000Z", ...stored });

describe("the events save-step writes", () => {
  it("parse, one node.<status> per engine NodeRunStatus and one execution.<status> per execution status", () => {
    const written = [
      ...NODE_STATUSES.map((status) => nodeRunEvent(update(status))),
      ...EXECUTION_STATUSES.map((status) => executionStatusEvent(status, undefined)),
    ];
    for (const stored of written) {
      const parsed = LiveEvent.safeParse(onTheWire(stored));
      expect(parsed.error).toBeUndefined();
      expect(parsed.data).toMatchObject(stored);
    }
    expect(written.map((e) => e.type)).toEqual([
      "node.running",
      "node.waiting",
      "node.succeeded",
      "node.failed",
      "node.skipped",
      "node.cancelled",
      "execution.running",
      "execution.waiting",
      "execution.succeeded",
      "execution.failed",
      "execution.cancelled",
      "execution.timed_out",
    ]);
  });

  it("carry the run's error, and a succeeded run's fired handles, and nothing else of the update", () => {
    const error = { type: "NodeError" as const, message: "HTTP 503", nodeId: "fetch", retryable: true, code: "HTTP_STATUS" };
    expect(nodeRunEvent(update("failed", { error }))).toEqual({
      type: "node.failed",
      payload: { runKey: "each#1/fetch", nodeId: "fetch", nodeType: "http.request", attempt: 2, error },
    });
    expect(nodeRunEvent(update("succeeded", { output: 1, handles: ["true"] }))).toEqual({
      type: "node.succeeded",
      payload: { runKey: "each#1/fetch", nodeId: "fetch", nodeType: "http.request", attempt: 2, error: null, handles: ["true"] },
    });
    expect(executionStatusEvent("timed_out", { type: "Timeout", message: "execution exceeded its timeout of 60 s" })).toEqual({
      type: "execution.timed_out",
      payload: { status: "timed_out", error: { type: "Timeout", message: "execution exceeded its timeout of 60 s" } },
    });
  });

  it("written before handles were recorded, still parse (without handles)", () => {
    const old = { type: "node.succeeded", payload: { runKey: "a", nodeId: "a", nodeType: "set", attempt: 1, error: null } };
    const parsed = LiveEvent.parse(onTheWire(old as StoredEvent));
    expect(parsed.type === "node.succeeded" && parsed.payload.handles).toBeUndefined();
  });
});

describe("an event that does not fit the schema", () => {
  it("is refused, naming the event type and the field", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const wrongField = { ...onTheWire(nodeRunEvent(update("running"))), payload: { runKey: "a", nodeId: "a", nodeType: "set", attempt: 0, error: null } };
    expect(LiveEvent.safeParse(wrongField).success).toBe(false);
    expect(readLiveEvent(wrongField)).toMatchObject({ type: "unreadable", payload: { type: "node.running", problem: expect.stringMatching(/^node\.running: payload\.attempt: /) } });
    expect(readLiveEvent({ ...onTheWire(executionStatusEvent("failed", undefined)), type: "execution.exploded" }).payload).toEqual({
      type: "execution.exploded",
      problem: 'unknown event type "execution.exploded"',
    });
    const missing = { ...onTheWire(executionStatusEvent("failed", undefined)), payload: { status: "failed" } };
    expect(readLiveEvent(missing).payload).toEqual({ type: "execution.failed", problem: expect.stringMatching(/^execution\.failed: payload\.error: /) });
    expect(warn).toHaveBeenCalledTimes(3);
    warn.mockRestore();
  });
});
