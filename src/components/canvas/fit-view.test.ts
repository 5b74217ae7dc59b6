import { describe, expect, it } from "vitest";
import { WorkflowDocument } from "@/engine/workflow-schema";
import { documentToFlow } from "./document-to-flow";
import { graphBounds } from "./fit-view";

describe("graphBounds", () => {
  it("spans every card: measured ones as measured, the others as estimated", () => {
    const { nodes } = documentToFlow(
      WorkflowDocument.parse({
        version: 1,
        name: "Bounds",
        nodes: [
          { id: "start", type: "trigger.manual", position: { x: -100, y: 50 } },
          { id: "far", type: "trigger.manual", position: { x: 900, y: 600 } },
        ],
        edges: [],
      }),
    );
    // "far" was never drawn (a large graph's card out of view): its estimate, 240 × 89, counts.
    expect(graphBounds(nodes)).toEqual({ x: -100, y: 50, width: 1240, height: 639 });
    const measured = nodes.map((node) => (node.id === "far" ? { ...node, measured: { width: 300, height: 100 } } : node));
    expect(graphBounds(measured)).toEqual({ x: -100, y: 50, width: 1300, height: 650 });
  });
});
