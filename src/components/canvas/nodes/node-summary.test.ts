import { describe, expect, it } from "vitest";
import { nodeDefinitions } from "@/engine/nodes/registry";
import type { WorkflowNode } from "../document-to-flow";
import { nodeSummary } from "./node-summary";

const node = (type: WorkflowNode["type"], config: unknown = nodeDefinitions[type].defaultConfig): WorkflowNode =>
  ({ id: "n", type, config }) as WorkflowNode;

describe("nodeSummary", () => {
  it("says what a new node of each type does, from its default config", () => {
    expect(nodeSummary(node("http.request"))).toBe("GET https://example.com");
    expect(nodeSummary(node("if"))).toBe("{{ input.ok === true }}");
    expect(nodeSummary(node("trigger.schedule"))).toBe("0 9 * * 1-5");
    expect(nodeSummary(node("loop"))).toBe("for each {{ input.items }}");
    expect(nodeSummary(node("join"))).toBe("wait for all · as object");
    expect(nodeSummary(node("delay"))).toBe("60 s");
    expect(nodeSummary(node("wait"))).toBe("until {{ input.resumeAt }}");
    expect(nodeSummary(node("variable.set"))).toBe("counter = 0 (workflow)");
    expect(nodeSummary(node("approval"))).toBe("Please review");
    expect(nodeSummary(node("fail"))).toBe("Something went wrong");
    expect(nodeSummary(node("transform"))).toBe("map: {{ item }}");
    expect(nodeSummary(node("trigger.manual"))).toBeUndefined();
    expect(nodeSummary(node("try"))).toBeUndefined();
  });

  it("reads each mode of a loop and a join", () => {
    expect(nodeSummary(node("loop", { mode: "repeat", times: 3 }))).toBe("repeat 3×");
    expect(nodeSummary(node("loop", { mode: "while", condition: "{{ vars.more }}" }))).toBe("while {{ vars.more }}");
    expect(nodeSummary(node("join", { mode: "n_of_m", n: 2, aggregate: "array" }))).toBe("first 2 · as array");
    expect(nodeSummary(node("join", { mode: "any", aggregate: "first" }))).toBe("first to arrive · as first");
  });

  it("names who approves, as a list of emails or a role", () => {
    expect(nodeSummary(node("approval", { title: "Refund", assignees: ["a@x.test", "b@x.test"] }))).toBe("Refund → a@x.test, b@x.test");
    expect(nodeSummary(node("approval", { title: "Refund", assignees: "managers" }))).toBe("Refund → managers");
  });

  it("copes with a config mid-edit", () => {
    expect(nodeSummary(node("http.request", { method: "POST" }))).toBe("POST");
    expect(nodeSummary(node("set", { values: {} }))).toBeUndefined();
    expect(nodeSummary(node("set", { values: { a: 1, b: 2 } }))).toBe("a, b");
    expect(nodeSummary(node("code", null))).toBeUndefined();
  });
});
