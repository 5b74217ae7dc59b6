import { describe, expect, expectTypeOf, it } from "vitest";
import { everyNodeTypeWorkflow } from "./fixtures/every-node-type";
import type { NodeConfig } from "./nodes/registry";
import { NODE_SCHEMAS, WorkflowDocument, WorkflowEdge, WorkflowNode, type WorkflowNodeOf } from "./workflow-schema";

describe("WorkflowDocument", () => {
  it("parses a valid document and fills defaults", () => {
    const workflow = WorkflowDocument.parse(everyNodeTypeWorkflow);
    expect(workflow.edges.every((edge) => edge.targetHandle === "in")).toBe(true);
    expect(workflow.nodes.find((node) => node.id === "stop")?.config).toEqual({});
  });

  it("is strict at every level", () => {
    expect(WorkflowDocument.safeParse({ ...everyNodeTypeWorkflow, extra: true }).success).toBe(false);
    expect(WorkflowEdge.safeParse({ source: "a", target: "b", label: "x" }).success).toBe(false);
    expect(WorkflowNode.safeParse({ id: "a", type: "set", config: { values: {} }, timeoutMS: 1 }).success).toBe(false);
  });

  it("refuses a node of unknown type", () => {
    expect(WorkflowNode.safeParse({ id: "a", type: "foo" }).success).toBe(false);
  });
});

describe("WorkflowNode", () => {
  it("parses each type with that type's config schema", () => {
    expect(NODE_SCHEMAS.delay.safeParse({ id: "d", type: "delay", config: { seconds: 5 } }).success).toBe(true);
    expect(NODE_SCHEMAS.delay.safeParse({ id: "d", type: "if", config: { seconds: 5 } }).success).toBe(false);
    expect(WorkflowNode.parse({ id: "l", type: "loop", config: { mode: "repeat", times: 3 } })).toEqual({
      id: "l",
      type: "loop",
      config: { mode: "repeat", times: 3, maxIterations: 10_000, concurrency: 1 },
    });
  });

  it("narrows its config by type", () => {
    const node = WorkflowNode.parse({ id: "l", type: "loop", config: { mode: "repeat", times: 3 } });
    if (node.type === "loop") {
      expectTypeOf(node.config).toEqualTypeOf<NodeConfig<"loop">>();
      expectTypeOf(node.config.mode).toEqualTypeOf<"for" | "while" | "repeat">();
      expectTypeOf(node.config.maxIterations).toEqualTypeOf<number>();
    }
    expectTypeOf<WorkflowNodeOf<"delay">["config"]["seconds"]>().toEqualTypeOf<number | `{{${string}}}`>();
    expectTypeOf<WorkflowDocument["nodes"][number]>().toEqualTypeOf<WorkflowNode>();
  });
});
