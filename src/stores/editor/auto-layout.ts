import type { ELK, ElkExtendedEdge, ElkNode, ElkPort } from "elkjs/lib/elk.bundled.js";
import { canvasNodeSize, DEFAULT_SOURCE_HANDLE, DEFAULT_TARGET_HANDLE } from "@/components/canvas/document-to-flow";
import { getInputHandles } from "@/engine/nodes/node-meta";
import { outputHandlesOf } from "./connections";
import type { CanvasGraph } from "./history";
import type { Point } from "./placement";

/**
 * "Tidy up": positions from ELK's layered algorithm, flowing left to right.
 * Each card is a node with one port per handle — inputs on the west side,
 * outputs on the east side in the card's order (FIXED_ORDER), so `true` stays
 * above `false` and their edges do not cross. Spacing fits 240 px cards with
 * room for edges between columns. The laid-out graph keeps the top-left corner
 * of the current one, so the view does not jump. ELK (about 1.5 MB) is loaded on
 * first use, not with the editor; it runs on the main thread, about 0.5 s for
 * 500 nodes (ELK's `considerModelOrder` would make that 2.5 s, so it is off).
 */
const LAYOUT_OPTIONS = {
  "elk.algorithm": "layered",
  "elk.direction": "RIGHT",
  "elk.layered.spacing.nodeNodeBetweenLayers": "90",
  "elk.spacing.nodeNode": "50",
  "elk.spacing.componentComponent": "90",
  "elk.padding": "[top=0,left=0,bottom=0,right=0]",
} as const;

const PORT_SIZE = 8;

let elk: Promise<ELK> | undefined;

function loadElk(): Promise<ELK> {
  elk ??= import("elkjs/lib/elk.bundled.js").then(
    ({ default: Elk }) => new Elk(),
    (error: unknown) => {
      elk = undefined; // a failed download may succeed next time
      throw error;
    },
  );
  return elk;
}

function portId(nodeId: string, side: "in" | "out", handle: string): string {
  return JSON.stringify([nodeId, side, handle]);
}

function elkNodes(graph: CanvasGraph): ElkNode[] {
  return graph.nodes.map((node) => {
    const outputs = outputHandlesOf(node.data.node);
    const inputs = getInputHandles(node.data.node.type);
    // Port indexes run clockwise from the top-left: east side top to bottom, then west side bottom to top.
    const ports: ElkPort[] = [
      ...outputs.map((handle, index) => ({
        id: portId(node.id, "out", handle),
        width: PORT_SIZE,
        height: PORT_SIZE,
        layoutOptions: { "elk.port.side": "EAST", "elk.port.index": String(index) },
      })),
      ...inputs.map((handle, index) => ({
        id: portId(node.id, "in", handle),
        width: PORT_SIZE,
        height: PORT_SIZE,
        layoutOptions: { "elk.port.side": "WEST", "elk.port.index": String(outputs.length + inputs.length - 1 - index) },
      })),
    ];
    return { id: node.id, ...canvasNodeSize(node), ports, layoutOptions: { "elk.portConstraints": "FIXED_ORDER" } };
  });
}

function elkEdges(graph: CanvasGraph, children: readonly ElkNode[]): ElkExtendedEdge[] {
  const ports = new Set(children.flatMap((child) => (child.ports ?? []).map((port) => port.id)));
  const nodes = new Set(children.map((child) => child.id));
  // An edge to a missing node or handle (an invalid graph) is laid out to the node itself, or left out.
  const end = (nodeId: string, side: "in" | "out", handle: string) => {
    const port = portId(nodeId, side, handle);
    return ports.has(port) ? port : nodeId;
  };
  return graph.edges
    .filter((edge) => nodes.has(edge.source) && nodes.has(edge.target))
    .map((edge) => ({
      id: edge.id,
      sources: [end(edge.source, "out", edge.sourceHandle ?? DEFAULT_SOURCE_HANDLE)],
      targets: [end(edge.target, "in", edge.targetHandle ?? DEFAULT_TARGET_HANDLE)],
    }));
}

/** New top-left positions for every node of `graph`, rounded to whole pixels. */
export async function layoutPositions(graph: CanvasGraph): Promise<Map<string, Point>> {
  if (graph.nodes.length === 0) return new Map();
  const children = elkNodes(graph);
  const laidOut = await (await loadElk()).layout({
    id: "workflow",
    layoutOptions: LAYOUT_OPTIONS,
    children,
    edges: elkEdges(graph, children),
  });
  const left = Math.min(...graph.nodes.map((node) => node.position.x));
  const top = Math.min(...graph.nodes.map((node) => node.position.y));
  return new Map(
    (laidOut.children ?? []).map((child) => [
      child.id,
      { x: Math.round(left + (child.x ?? 0)), y: Math.round(top + (child.y ?? 0)) },
    ]),
  );
}
