import { describe, expect, it } from "vitest";
import { WorkflowDocument } from "@/engine/workflow-schema";
import { estimatedCard } from "./card-size";

const [start, step, check] = WorkflowDocument.parse({
  version: 1,
  name: "Cards",
  nodes: [
    { id: "start", type: "trigger.manual" },
    { id: "step", type: "set", config: { values: { total: "{{ input.total }}" } } },
    { id: "check", type: "if", config: { condition: "{{ input.ok }}" } },
  ],
  edges: [],
}).nodes as [WorkflowDocument["nodes"][number], WorkflowDocument["nodes"][number], WorkflowDocument["nodes"][number]];

describe("estimatedCard", () => {
  // The figures are what Chromium measures of node-card.tsx (React Flow's handle bounds, relative to the card).
  it("places a trigger's one output on the first row, right edge", () => {
    expect(estimatedCard(start)).toEqual({
      width: 240,
      height: 89,
      handles: [{ id: "out", type: "source", position: "right", x: 234, y: 67, width: 10, height: 10 }],
    });
  });

  it("moves the rows below the summary line", () => {
    const card = estimatedCard(step);
    expect(card.height).toBe(121);
    expect(card.handles.map(({ id, type, x, y }) => [id, type, x, y])).toEqual([
      ["in", "target", -4, 99],
      ["out", "source", 234, 99],
    ]);
  });

  it("gives each output its own row, inputs on the left of the first ones", () => {
    const card = estimatedCard(check);
    expect(card.height).toBe(145);
    expect(card.handles.map(({ id, type, y }) => [id, type, y])).toEqual([
      ["in", "target", 99],
      ["true", "source", 99],
      ["false", "source", 123],
    ]);
  });
});
