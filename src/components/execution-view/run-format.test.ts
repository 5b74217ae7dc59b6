import { describe, expect, it } from "vitest";
import { describeEvent, formatJson, runStatusLabel } from "./run-format";

describe("describeEvent", () => {
  it("names a loop iteration's node, its instance, attempt and error", () => {
    const entry = describeEvent({
      seq: 7,
      at: "2026-11-26T18:00:00.000Z",
      type: "node.failed",
      payload: { runKey: "each#2/fetch", nodeId: "fetch", nodeType: "http.request", attempt: 2, error: { type: "NodeError", message: "HTTP 503" } },
    });
    expect(entry).toEqual({
      seq: 7,
      at: "2026-11-26T18:00:00.000Z",
      scope: "node",
      status: "Failed",
      statusKey: "failed",
      nodeId: "fetch",
      runKey: "each#2/fetch",
      attempt: 2,
      error: "HTTP 503",
    });
  });

  it("describes execution events and leaves a plain run key out", () => {
    expect(describeEvent({ seq: 1, at: "x", type: "execution.timed_out", payload: { status: "timed_out", error: null } })).toMatchObject({
      scope: "execution",
      status: "Timed out",
      nodeId: null,
      runKey: null,
      error: null,
    });
    expect(describeEvent({ seq: 2, at: "x", type: "node.skipped", payload: { runKey: "no", nodeId: "no", attempt: 1, error: null } })).toMatchObject({
      status: "Skipped",
      runKey: null,
    });
  });
});

describe("labels", () => {
  it("names run statuses, and falls back to the raw word", () => {
    expect(runStatusLabel("skipped")).toBe("Skipped");
    expect(runStatusLabel("timed_out")).toBe("Timed out");
    expect(runStatusLabel("exploded")).toBe("exploded");
    expect(formatJson({ a: [1] })).toBe('{\n  "a": [\n    1\n  ]\n}');
    expect(formatJson(null)).toBe("null");
  });
});
