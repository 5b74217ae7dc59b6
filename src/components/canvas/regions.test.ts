import { describe, expect, it } from "vitest";
import { WorkflowDocument } from "@/engine/workflow-schema";
import { canvasNodeSize, documentToFlow, type CanvasNode } from "./document-to-flow";
import { computeRegions, REGION_HEADER, REGION_PADDING, type CanvasRegion } from "./regions";

/*
 *   start → guard (try, "Guard") ─try→ each (loop, "Each order") ─body→ charge → mark
 *                                 │                              └─done→ sum
 *                                 ├─catch→ alert
 *                                 ├─finally→ (nothing: no region)
 *                                 └─out→ done
 */
const document = WorkflowDocument.parse({
  version: 1,
  name: "Regions",
  nodes: [
    { id: "start", type: "trigger.manual", position: { x: 0, y: 0 } },
    { id: "guard", type: "try", name: "Guard", position: { x: 300, y: 0 } },
    { id: "each", type: "loop", name: "Each order", config: { mode: "for", items: "{{ input }}" }, position: { x: 600, y: 0 } },
    { id: "charge", type: "set", config: { values: {} }, position: { x: 900, y: 0 } },
    { id: "mark", type: "set", config: { values: {} }, position: { x: 1200, y: 40 } },
    { id: "sum", type: "set", config: { values: {} }, position: { x: 900, y: 200 } },
    { id: "alert", type: "set", config: { values: {} }, position: { x: 600, y: 400 } },
    { id: "done", type: "set", config: { values: {} }, position: { x: 600, y: 700 } },
  ],
  edges: [
    { source: "start", target: "guard" },
    { source: "guard", target: "each", sourceHandle: "try" },
    { source: "each", target: "charge", sourceHandle: "body" },
    { source: "charge", target: "mark" },
    { source: "each", target: "sum", sourceHandle: "done" },
    { source: "guard", target: "alert", sourceHandle: "catch" },
    { source: "guard", target: "done", sourceHandle: "out" },
  ],
});

const { nodes, edges } = documentToFlow(document);
const regions = computeRegions(nodes, edges);
const region = (id: string) => regions.find((candidate) => candidate.id === id) as CanvasRegion;

function contains(outer: CanvasRegion["bounds"], inner: { x: number; y: number; width: number; height: number }) {
  return (
    outer.x <= inner.x &&
    outer.y <= inner.y &&
    outer.x + outer.width >= inner.x + inner.width &&
    outer.y + outer.height >= inner.y + inner.height
  );
}

describe("computeRegions", () => {
  it("lists the non-empty regions, labelled with their owner's name", () => {
    expect(regions.map((r) => [r.id, r.kind, r.label, r.nodeIds, r.depth])).toEqual([
      ["region:guard:try", "try", "Try: Guard", ["each", "charge", "sum", "mark"], 0],
      ["region:guard:catch", "try", "Catch: Guard", ["alert"], 0],
      ["region:each:body", "loop", "Loop body: Each order", ["charge", "mark"], 1],
    ]);
  });

  it("bounds a loop body by its cards, padded, with room for the label on top", () => {
    // charge at (900, 0) and mark at (1200, 40), both 240 × 89 before measuring (their cards' estimate).
    expect(region("region:each:body").bounds).toEqual({
      x: 900 - REGION_PADDING,
      y: 0 - REGION_PADDING - REGION_HEADER,
      width: 1200 + 240 - 900 + 2 * REGION_PADDING,
      height: 40 + 89 + REGION_PADDING * 2 + REGION_HEADER,
    });
  });

  it("uses measured sizes and contains every member card", () => {
    const measured = nodes.map((node): CanvasNode => (node.id === "alert" ? { ...node, measured: { width: 300, height: 200 } } : node));
    const catchRegion = computeRegions(measured, edges).find((r) => r.id === "region:guard:catch");
    expect(catchRegion?.bounds).toEqual({ x: 576, y: 348, width: 348, height: 276 });
    for (const r of regions) {
      for (const id of r.nodeIds) {
        const node = nodes.find((candidate) => candidate.id === id);
        expect(node && contains(r.bounds, { ...node.position, ...canvasNodeSize(node) })).toBe(true);
      }
    }
  });

  it("makes a nested loop's area lie inside its try area", () => {
    expect(contains(region("region:guard:try").bounds, region("region:each:body").bounds)).toBe(true);
  });

  it("has no regions for a graph without loops or tries", () => {
    const plain = documentToFlow(WorkflowDocument.parse({ ...document, nodes: [document.nodes[0]], edges: [] }));
    expect(computeRegions(plain.nodes, plain.edges)).toEqual([]);
  });
});
