import { describe, expect, it } from "vitest";
import { EXECUTION_STATUSES } from "@/lib/live-events";
import { errorSummary, formatDuration, isActiveStatus, STATUS_LABELS, statusLabel, toggleStatus, triggerLabel } from "./execution-format";

describe("formatDuration", () => {
  it.each([
    [null, "—"],
    [-5, "—"],
    [0, "0 ms"],
    [420, "420 ms"],
    [999, "999 ms"],
    [1000, "1 s"],
    [4_240, "4.2 s"],
    [59_960, "1 min 0 s"],
    [60_000, "1 min 0 s"],
    [185_000, "3 min 5 s"],
    [3_600_000, "1 h 0 min"],
    [7_500_000, "2 h 5 min"],
    [90_000_000, "1 d 1 h"],
  ])("%s ms reads %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe("labels", () => {
  it("names every status the engine has", () => {
    expect(Object.keys(STATUS_LABELS).sort()).toEqual([...EXECUTION_STATUSES].sort());
    expect(statusLabel("timed_out")).toBe("Timed out");
  });

  it("shows unknown values as they are", () => {
    expect(statusLabel("paused")).toBe("paused");
    expect(triggerLabel("email")).toBe("email");
    expect(triggerLabel("cli")).toBe("Command line");
  });
});

describe("isActiveStatus", () => {
  it("is true only while a run can still change", () => {
    expect(EXECUTION_STATUSES.filter(isActiveStatus)).toEqual(["queued", "running", "waiting"]);
  });
});

describe("toggleStatus", () => {
  it("adds and removes a status, keeping the canonical order", () => {
    const one = toggleStatus([], "failed");
    expect(one).toEqual(["failed"]);
    const two = toggleStatus(one, "running");
    expect(two).toEqual(["running", "failed"]);
    expect(toggleStatus(two, "failed")).toEqual(["running"]);
    expect(one).toEqual(["failed"]); // the input is not changed
  });
});

describe("errorSummary", () => {
  it("names the node when there is one", () => {
    expect(errorSummary({ message: "HTTP 500 from https://api.example.com", nodeId: "charge" })).toBe(
      "node charge: HTTP 500 from https://api.example.com",
    );
    expect(errorSummary({ message: "Timed out after 3600 s", nodeId: null })).toBe("Timed out after 3600 s");
  });

  it("is null without an error and never empty with one", () => {
    expect(errorSummary(null)).toBeNull();
    expect(errorSummary({ message: "  ", nodeId: "x" })).toBe("node x: failed without a message");
  });

  it("keeps one line and cuts long messages", () => {
    expect(errorSummary({ message: "line one\n  line two", nodeId: null })).toBe("line one line two");
    const long = errorSummary({ message: "x".repeat(500), nodeId: null }, 20);
    expect(long).toBe(`${"x".repeat(19)}…`);
  });
});
