import { describe, expect, it } from "vitest";
import { NODE_TYPES, nodeDefinitions } from "@/engine/nodes/registry";
import type { WorkflowNode } from "../document-to-flow";
import { handleRows } from "./node-handles";

const node = (type: WorkflowNode["type"], config: unknown): WorkflowNode => ({ id: "n", type, config }) as WorkflowNode;

describe("handleRows", () => {
  it("labels every node type's branches", () => {
    const outputs = (type: WorkflowNode["type"]) =>
      handleRows(node(type, nodeDefinitions[type].defaultConfig)).flatMap((row) => (row.output ? [row.output] : []));
    expect(outputs("if")).toEqual(["true", "false"]);
    expect(outputs("loop")).toEqual(["body", "done"]);
    expect(outputs("try")).toEqual(["try", "catch", "finally", "out"]);
    expect(outputs("switch")).toEqual(["new", "default"]);
    expect(outputs("approval")).toEqual(["approved", "rejected"]);
    expect(outputs("fail")).toEqual([]);
    expect(outputs("trigger.manual")).toEqual(["out"]);
  });

  it("gives every non-trigger type one input and triggers none", () => {
    for (const type of NODE_TYPES) {
      const inputs = handleRows(node(type, nodeDefinitions[type].defaultConfig)).flatMap((row) => (row.input ? [row.input] : []));
      expect(inputs).toEqual(type.startsWith("trigger.") ? [] : ["in"]);
    }
  });

  it("draws a switch mid-edit: nameless and repeated cases once, default always", () => {
    const rows = handleRows(node("switch", { value: 1, cases: [{ handle: "a" }, {}, { handle: "a" }, { handle: "" }] }));
    expect(rows).toEqual([
      { input: "in", output: "a" },
      { input: undefined, output: "default" },
    ]);
    expect(handleRows(node("switch", { value: 1 }))).toEqual([{ input: "in", output: "default" }]);
  });
});
