import { describe, expect, it } from "vitest";
import { WorkflowDocument } from "@/engine/workflow-schema";
import {
  canvasNodeSize,
  documentToFlow,
  flowToDocument,
  PLACEMENT_GRID,
  toCanvasEdge,
  toCanvasNode,
} from "./document-to-flow";

/*
 *   start ──out→in── check (if) ──true→in── notify (http.request)
 *                         └────false→in── reject (fail)
 *                         └────false→in── reject   (a second, duplicate edge without id)
 */
const document = WorkflowDocument.parse({
  version: 1,
  name: "Order approval",
  description: "Checks an order",
  nodes: [
    { id: "start", type: "trigger.manual", name: "Start", position: { x: 0, y: 0 } },
    { id: "check", type: "if", config: { condition: "{{ input.ok }}" }, position: { x: 300, y: 0 }, retry: { maxAttempts: 3 } },
    {
      id: "notify",
      type: "http.request",
      name: "Notify",
      config: { method: "POST", url: "https://example.test/hook" },
      position: { x: 600, y: -80 },
    },
    { id: "reject", type: "fail", config: { message: "Rejected" }, position: { x: 600, y: 80 }, breakpoint: true },
  ],
  edges: [
    { id: "e-start", source: "start", target: "check" },
    { source: "check", target: "notify", sourceHandle: "true" },
    { source: "check", target: "reject", sourceHandle: "false" },
    { source: "check", target: "reject", sourceHandle: "false" },
  ],
  settings: { timeoutSeconds: 60 },
});

describe("documentToFlow", () => {
  it("makes one canvas node per document node, carrying the node unchanged", () => {
    const { nodes } = documentToFlow(document);
    expect(nodes.map((n) => [n.id, n.type, n.position, n.ariaLabel])).toEqual([
      ["start", "trigger.manual", { x: 0, y: 0 }, "Start"],
      ["check", "if", { x: 300, y: 0 }, "check"],
      ["notify", "http.request", { x: 600, y: -80 }, "Notify"],
      ["reject", "fail", { x: 600, y: 80 }, "reject"],
    ]);
    expect(nodes[1]?.data.node).toBe(document.nodes[1]);
  });

  it("connects edges to the named handles and gives every edge a distinct id", () => {
    const { edges } = documentToFlow(document);
    expect(edges.map((e) => [e.id, e.source, e.sourceHandle, e.target, e.targetHandle])).toEqual([
      ["e-start", "start", "out", "check", "in"],
      ["check.true->notify.in", "check", "true", "notify", "in"],
      ["check.false->reject.in", "check", "false", "reject", "in"],
      ["check.false->reject.in#2", "check", "false", "reject", "in"],
    ]);
  });

  it("does not let a generated id take a document edge's id", () => {
    const clash = WorkflowDocument.parse({
      ...document,
      edges: [
        { source: "start", target: "check" },
        { id: "start.out->check.in", source: "check", target: "reject", sourceHandle: "false" },
      ],
    });
    const { nodes, edges } = documentToFlow(clash);
    expect(edges.map((e) => e.id)).toEqual(["start.out->check.in", "start.out->check.in#2"]);
    expect(flowToDocument(clash, nodes, edges).edges).toEqual(clash.edges);
  });

  it("places nodes without a stored position on a grid instead of stacking them", () => {
    const unplaced = WorkflowDocument.parse({
      ...document,
      nodes: document.nodes.map(({ position: _position, ...node }) => node),
    });
    const positions = documentToFlow(unplaced).nodes.map((n) => n.position);
    expect(positions).toEqual([
      { x: 0, y: 0 },
      { x: PLACEMENT_GRID.columnWidth, y: 0 },
      { x: 2 * PLACEMENT_GRID.columnWidth, y: 0 },
      { x: 3 * PLACEMENT_GRID.columnWidth, y: 0 },
    ]);
  });
});

describe("flowToDocument", () => {
  it("gives back exactly the loaded document when nothing moved", () => {
    const { nodes, edges } = documentToFlow(document);
    expect(flowToDocument(document, nodes, edges)).toEqual(document);
  });

  it("takes moved positions, rounded to whole pixels, and keeps every other field", () => {
    const { nodes, edges } = documentToFlow(document);
    const moved = nodes.map((n) => (n.id === "check" ? { ...n, position: { x: 512.4, y: -199.6 } } : n));

    const saved = flowToDocument(document, moved, edges);

    expect(saved.nodes[1]).toEqual({ ...document.nodes[1], position: { x: 512, y: -200 } });
    expect(saved.nodes.filter((n) => n.id !== "check")).toEqual(document.nodes.filter((n) => n.id !== "check"));
    expect(saved.edges).toEqual(document.edges);
    expect({ ...saved, nodes: [] }).toEqual({ ...document, nodes: [] });
    expect(WorkflowDocument.parse(saved)).toEqual(saved);
  });
});

describe("round trip", () => {
  it("canvas → document → canvas keeps every node, edge id and handle", () => {
    const first = documentToFlow(document);
    const again = documentToFlow(flowToDocument(document, first.nodes, first.edges));
    expect(again.nodes.map((n) => [n.id, n.position, n.data.node])).toEqual(first.nodes.map((n) => [n.id, n.position, n.data.node]));
    expect(again.edges).toEqual(first.edges);
  });

  it("builds single canvas nodes and edges the way documentToFlow does", () => {
    const { nodes, edges } = documentToFlow(document);
    const notify = document.nodes[2];
    expect(notify && toCanvasNode(notify, { x: 600, y: -80 })).toEqual(nodes[2]);
    const taken = new Set(["e-start", "check.true->notify.in", "check.false->reject.in"]);
    expect(toCanvasEdge(document.edges[3]!, taken)).toEqual(edges[3]);
    expect(taken.has("check.false->reject.in#2")).toBe(true);
  });

  it("sizes a card as measured, else as estimated, else 240 × 120", () => {
    expect(canvasNodeSize({})).toEqual({ width: 240, height: 120 });
    expect(canvasNodeSize({ initialWidth: 240, initialHeight: 89 })).toEqual({ width: 240, height: 89 });
    expect(canvasNodeSize({ measured: { width: 250, height: 90 } })).toEqual({ width: 250, height: 90 });
  });
});
