import type { CanvasNode } from "@/components/canvas/document-to-flow";
import type { CanvasGraph } from "./history";

/**
 * Selection lives on the canvas objects (`selected`, which React Flow reads and
 * writes); `selectedNodeIds` in the store mirrors it for panels that need the
 * list without walking every node.
 */

/** Ids of the selected nodes, in canvas order. */
export function selectedIdsOf(nodes: readonly CanvasNode[]): string[] {
  return nodes.filter((node) => node.selected).map((node) => node.id);
}

/** `next` when its ids differ from `previous`, else `previous` (so selectors do not re-render). */
export function sameOrNext(previous: string[], next: string[]): string[] {
  return previous.length === next.length && previous.every((id, index) => id === next[index]) ? previous : next;
}

/**
 * Exactly the nodes in `nodeIds` selected, and no edge. Objects whose flag does
 * not change are kept, so React Flow re-renders only what changed.
 */
export function selectOnly(graph: CanvasGraph, nodeIds: ReadonlySet<string>): CanvasGraph {
  const nodes = graph.nodes.map((node) => {
    const selected = nodeIds.has(node.id);
    return Boolean(node.selected) === selected ? node : { ...node, selected };
  });
  const edges = graph.edges.map((edge) => (edge.selected ? { ...edge, selected: false } : edge));
  return { nodes, edges };
}
