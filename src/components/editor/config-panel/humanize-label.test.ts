import { describe, expect, it } from "vitest";
import { humanizeLabel, singularLabel } from "./humanize-label";

describe("humanizeLabel", () => {
  it.each([
    ["timeoutMs", "Timeout (ms)"],
    ["timeoutSeconds", "Timeout (seconds)"],
    ["ttlSeconds", "TTL (seconds)"],
    ["delayMs", "Delay (ms)"],
    ["maxIterations", "Max iterations"],
    ["keepInput", "Keep input"],
    ["workflowId", "Workflow ID"],
    ["url", "URL"],
    ["method", "Method"],
    ["onError", "On error"],
    ["n", "N"],
    ["seconds", "Seconds"],
  ])("%s → %s", (key, label) => {
    expect(humanizeLabel(key)).toBe(label);
  });
});

describe("singularLabel", () => {
  it.each([
    ["Cases", "case"],
    ["Headers", "header"],
    ["Entries", "entry"],
    ["Address", "address"],
  ])("%s → %s", (label, noun) => {
    expect(singularLabel(label)).toBe(noun);
  });
});
