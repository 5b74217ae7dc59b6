import { describe, expect, it } from "vitest";
import { DEFAULT_NODE_SIZE, documentToFlow, type CanvasNode } from "@/components/canvas/document-to-flow";
import { WorkflowDocument } from "@/engine/workflow-schema";
import { createEditorStore } from "../editor-store";
import { layoutPositions } from "./auto-layout";

/*
 *   start → check (if) ─true→ yes → join ; check ─false→ no → join ; join → each (loop) ─body→ step ; each ─done→ end
 *   Every node starts at (0, 0): stacked on top of each other.
 */
const document = WorkflowDocument.parse({
  version: 1,
  name: "Layout",
  nodes: [
    { id: "start", type: "trigger.manual" },
    { id: "check", type: "if", config: { condition: "{{ input.ok }}" } },
    // Listed false-branch first, so document order alone would put it on top.
    { id: "no", type: "set", config: { values: {} } },
    { id: "yes", type: "set", config: { values: {} } },
    { id: "join", type: "join", config: { mode: "all", aggregate: "merge" } },
    { id: "each", type: "loop", config: { mode: "for", items: "{{ input }}" } },
    { id: "step", type: "set", config: { values: {} } },
    { id: "end", type: "output", config: { value: "{{ input }}" } },
  ].map((node) => ({ ...node, position: { x: 0, y: 0 } })),
  edges: [
    { source: "start", target: "check" },
    { source: "check", target: "no", sourceHandle: "false" },
    { source: "check", target: "yes", sourceHandle: "true" },
    { source: "yes", target: "join" },
    { source: "no", target: "join" },
    { source: "join", target: "each" },
    { source: "each", target: "step", sourceHandle: "body" },
    { source: "each", target: "end", sourceHandle: "done" },
  ],
});

function overlaps(a: CanvasNode, b: CanvasNode): boolean {
  const { width, height } = DEFAULT_NODE_SIZE;
  return (
    a.position.x < b.position.x + width &&
    b.position.x < a.position.x + width &&
    a.position.y < b.position.y + height &&
    b.position.y < a.position.y + height
  );
}

describe("autoLayout", () => {
  it("places every card without overlap, left to right, true above false", async () => {
    const store = createEditorStore({ workflowId: "wf", version: 1, document });
    await store.getState().autoLayout();
    const nodes = store.getState().nodes;
    const at = (id: string) => nodes.find((node) => node.id === id)?.position ?? { x: NaN, y: NaN };

    for (const [index, a] of nodes.entries()) {
      for (const b of nodes.slice(index + 1)) expect(overlaps(a, b), `${a.id} overlaps ${b.id}`).toBe(false);
    }
    expect(at("start").x).toBeLessThan(at("check").x);
    expect(at("check").x).toBeLessThan(at("yes").x);
    expect(at("join").x).toBeLessThan(at("end").x);
    expect(at("yes").y).toBeLessThan(at("no").y);
    expect(at("step").y).toBeLessThan(at("end").y);
    expect(nodes.every((node) => Number.isInteger(node.position.x) && Number.isInteger(node.position.y))).toBe(true);
  });

  it("is one undo step, and a second layout of a tidy graph changes nothing", async () => {
    const store = createEditorStore({ workflowId: "wf", version: 1, document });
    await store.getState().autoLayout();
    const tidy = store.getState().nodes;
    await store.getState().autoLayout();
    expect(store.getState().nodes).toBe(tidy);
    store.getState().undo();
    expect(store.getState().nodes.every((node) => node.position.x === 0 && node.position.y === 0)).toBe(true);
    expect([store.getState().canUndo, store.getState().dirty]).toEqual([false, false]);
  });

  it("keeps the graph's top-left corner", async () => {
    const moved = documentToFlow(document);
    const shifted = { ...moved, nodes: moved.nodes.map((node) => ({ ...node, position: { x: 500, y: -200 } })) };
    const positions = [...(await layoutPositions(shifted)).values()];
    expect(Math.min(...positions.map((p) => p.x))).toBe(500);
    expect(Math.min(...positions.map((p) => p.y))).toBe(-200);
  });
});
