import { describe, expect, it } from "vitest";
import { formatDuration, runDetailText, runStatusStyles } from "./run-status";

describe("formatDuration", () => {
  it.each([
    [0, "0 ms"],
    [38, "38 ms"],
    [999.4, "999 ms"],
    [1000, "1.0 s"],
    [1234, "1.2 s"],
    [9_960, "10 s"],
    [14_200, "14 s"],
    [60_000, "1 min"],
    [125_000, "2 min 5 s"],
    [3_600_000, "1 h"],
    [3_780_000, "1 h 3 min"],
  ])("%d ms reads %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it("has nothing to say about impossible durations", () => {
    expect(formatDuration(-1)).toBeUndefined();
    expect(formatDuration(Number.NaN)).toBeUndefined();
  });
});

describe("runDetailText", () => {
  it("shows a finished node's duration", () => {
    expect(runDetailText("http.request", { status: "succeeded", runs: 1, iterations: 0, durationMs: 38 })).toBe("38 ms");
    expect(runDetailText("http.request", { status: "failed", runs: 1, iterations: 0, durationMs: 1200 })).toBe("1.2 s");
  });

  it("shows no duration while a node is still going", () => {
    expect(runDetailText("delay", { status: "waiting", runs: 1, iterations: 0, durationMs: 500 })).toBeUndefined();
    expect(runDetailText("code", { status: "running", runs: 1, iterations: 0, durationMs: null })).toBeUndefined();
  });

  it("counts a loop's iterations and a body node's runs", () => {
    // A loop node runs once; its iterations are counted from its body's run keys (run-view-reducer.ts).
    expect(runDetailText("loop", { status: "succeeded", runs: 1, iterations: 3, durationMs: 2500 })).toBe("× 3 iterations · 2.5 s");
    expect(runDetailText("loop", { status: "running", runs: 1, iterations: 1, durationMs: null })).toBe("× 1 iteration");
    expect(runDetailText("set", { status: "succeeded", runs: 4, iterations: 0, durationMs: 12 })).toBe("× 4 runs · 12 ms");
  });
});

describe("runStatusStyles", () => {
  it("tells the statuses apart by word, glyph and colour", () => {
    const styles = Object.values(runStatusStyles);
    expect(new Set(styles.map((s) => s.label)).size).toBe(styles.length);
    expect(new Set(styles.map((s) => s.icon)).size).toBe(styles.length);
    expect(runStatusStyles.running.badge).toContain("indigo");
    expect(runStatusStyles.waiting.badge).toContain("amber");
    expect(runStatusStyles.succeeded.badge).toContain("emerald");
    expect(runStatusStyles.failed.badge).toContain("red");
    expect(runStatusStyles.skipped.card).toContain("border-dashed");
    expect(runStatusStyles.cancelled.badge).toContain("line-through");
  });
});
