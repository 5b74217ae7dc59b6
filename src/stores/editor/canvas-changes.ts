import type { EdgeChange, NodeChange } from "@xyflow/react";
import { withoutHandleEstimate, type CanvasEdge, type CanvasNode } from "@/components/canvas/document-to-flow";

/**
 * Which of React Flow's change lists are edits of the document (undo steps,
 * dirty) and which are view state. Terms:
 * - structural: nodes or edges added, removed or replaced — revalidate.
 * - move: a node's position changes — an edit, but validation cannot change.
 * - select and dimensions changes are view state only.
 */
export function classifyNodeChanges(changes: readonly NodeChange<CanvasNode>[]): { structural: boolean; moves: boolean } {
  return {
    structural: changes.some((change) => change.type === "add" || change.type === "remove" || change.type === "replace"),
    moves: changes.some((change) => change.type === "position"),
  };
}

/** True when a position change puts some node somewhere else (an aborted drag reports the old spot). */
export function movesAnyNode(changes: readonly NodeChange<CanvasNode>[], nodes: readonly CanvasNode[]): boolean {
  const positions = new Map(nodes.map((node) => [node.id, node.position]));
  return changes.some((change) => {
    if (change.type !== "position" || change.position === undefined) return false;
    const before = positions.get(change.id);
    return before !== undefined && (before.x !== change.position.x || before.y !== change.position.y);
  });
}

/** True when the changes add, replace or remove an edge (removing one that is already gone is no edit). */
export function isEdgeEdit(changes: readonly EdgeChange<CanvasEdge>[], edges: readonly CanvasEdge[]): boolean {
  const ids = new Set(edges.map((edge) => edge.id));
  return changes.some((change) => change.type === "add" || (change.type !== "select" && ids.has(change.id)));
}

/**
 * `nodes` (after applying `changes`) without the estimated handles of the nodes
 * React Flow has just measured (see withoutHandleEstimate); `nodes` itself when
 * there are none.
 */
export function dropMeasuredEstimates(changes: readonly NodeChange<CanvasNode>[], nodes: CanvasNode[]): CanvasNode[] {
  const measured = new Set<string>();
  for (const change of changes) if (change.type === "dimensions" && change.dimensions !== undefined) measured.add(change.id);
  if (measured.size === 0) return nodes;
  return nodes.map((node) => (measured.has(node.id) ? withoutHandleEstimate(node) : node));
}

/**
 * A position change in whole canvas units, as the document stores positions:
 * the canvas then holds what is saved, and an undo never moves a node by a
 * fraction (drags at another zoom, React Flow's auto-pan near an edge).
 */
export function wholeUnits(change: NodeChange<CanvasNode>): NodeChange<CanvasNode> {
  if (change.type !== "position" || change.position === undefined) return change;
  const { x, y } = change.position;
  if (Number.isInteger(x) && Number.isInteger(y)) return change;
  return { ...change, position: { x: Math.round(x), y: Math.round(y) } };
}
