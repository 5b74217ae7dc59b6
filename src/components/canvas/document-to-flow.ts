import type { Edge, Node } from "@xyflow/react";
import type { NodeType } from "@/engine/nodes/registry";
import type { WorkflowDocument, WorkflowEdge, WorkflowNode } from "@/engine/workflow-schema";
import { estimatedCard } from "./nodes/card-size";

/**
 * Terminology
 * - document: a WORKFLOW_FORMAT v1 workflow, as stored by the API.
 * - canvas node / canvas edge: what React Flow renders. A canvas node carries
 *   its document node unchanged in `data.node`; only `position` is owned by the
 *   canvas. A canvas edge carries its document edge in `data.edge`.
 *
 * Invariant: for a parsed document whose nodes all have a position,
 * flowToDocument(doc, ...documentToFlow(doc)) deep-equals doc, so a save
 * without edits writes back exactly what was loaded. Nodes without a position
 * are laid out on a grid (PLACEMENT_GRID) and saved with that position.
 */
export type { WorkflowEdge, WorkflowNode };

export type CanvasNodeData = { node: WorkflowNode };
export type CanvasNode = Node<CanvasNodeData, NodeType>;
export type CanvasEdgeData = { edge: WorkflowEdge };
export type CanvasEdge = Edge<CanvasEdgeData>;

export const DEFAULT_SOURCE_HANDLE = "out";
export const DEFAULT_TARGET_HANDLE = "in";

/** What the canvas calls a node: its name, else its id. */
export function nodeDisplayName(node: WorkflowNode): string {
  return node.name?.trim() ? node.name : node.id;
}

export function documentToFlow(document: WorkflowDocument): { nodes: CanvasNode[]; edges: CanvasEdge[] } {
  const nodes = document.nodes.map((node, index) =>
    toCanvasNode(node, node.position ? { x: node.position.x, y: node.position.y } : gridPosition(index)),
  );
  const taken = new Set<string>();
  const edges = document.edges.map((edge) => toCanvasEdge(edge, taken));
  return { nodes, edges };
}

/**
 * The canvas node showing `node` at `position` (its accessible name is the
 * node's display name), not measured yet: it carries its card's estimated size
 * and handles (see estimatedCard) until React Flow has drawn and measured it.
 */
export function toCanvasNode(node: WorkflowNode, position: { x: number; y: number }): CanvasNode {
  const card = estimatedCard(node);
  return {
    id: node.id,
    type: node.type,
    position,
    data: { node },
    ariaLabel: nodeDisplayName(node),
    initialWidth: card.width,
    initialHeight: card.height,
    handles: card.handles,
  };
}

/**
 * `node` without its estimated handles. For a node React Flow has measured
 * (call it for every node that receives a `dimensions` change): React Flow
 * would otherwise put the estimate back in place of the measurement on every
 * update of the node. For a node it should measure again: without them, it does.
 */
export function withoutHandleEstimate(node: CanvasNode): CanvasNode {
  if (node.handles === undefined) return node;
  const { handles: _estimate, ...measured } = node;
  return measured;
}

/**
 * `next` (a fresh toCanvasNode) in place of `current`, the same node as the
 * canvas has it now: it keeps what the canvas knows (measured size, selection),
 * and no estimated handles once it has been measured.
 */
export function updatedCanvasNode(current: CanvasNode | undefined, next: CanvasNode): CanvasNode {
  if (current === undefined) return next;
  const merged = { ...current, ...next };
  return current.measured === undefined ? merged : withoutHandleEstimate(merged);
}

/**
 * The canvas edge for a document edge; its id is the edge's own id, else one
 * made from its ends, made unique against `taken` (which receives the new id).
 */
export function toCanvasEdge(edge: WorkflowEdge, taken: Set<string>): CanvasEdge {
  const sourceHandle = edge.sourceHandle ?? DEFAULT_SOURCE_HANDLE;
  const targetHandle = edge.targetHandle ?? DEFAULT_TARGET_HANDLE;
  const id = uniqueEdgeId(edge.id ?? `${edge.source}.${sourceHandle}->${edge.target}.${targetHandle}`, taken);
  return { id, source: edge.source, target: edge.target, sourceHandle, targetHandle, data: { edge } };
}

/**
 * The document the canvas shows: `base` supplies every field the canvas does
 * not edit (name, settings, …); nodes keep all their fields and take the
 * canvas position, rounded to whole pixels.
 */
export function flowToDocument(base: WorkflowDocument, nodes: readonly CanvasNode[], edges: readonly CanvasEdge[]): WorkflowDocument {
  return {
    ...base,
    nodes: nodes.map((canvasNode) => ({
      ...canvasNode.data.node,
      position: { x: Math.round(canvasNode.position.x), y: Math.round(canvasNode.position.y) },
    })),
    edges: edges.map((canvasEdge) => {
      const { edge } = canvasEdge.data ?? { edge: undefined };
      return {
        ...edge,
        source: canvasEdge.source,
        target: canvasEdge.target,
        sourceHandle: canvasEdge.sourceHandle ?? DEFAULT_SOURCE_HANDLE,
        targetHandle: canvasEdge.targetHandle ?? DEFAULT_TARGET_HANDLE,
      };
    }),
  };
}

/** Where a node without a stored position goes: rows of four, in document order. */
export const PLACEMENT_GRID = { columns: 4, columnWidth: 300, rowHeight: 180 } as const;

function gridPosition(index: number): { x: number; y: number } {
  const { columns, columnWidth, rowHeight } = PLACEMENT_GRID;
  return { x: (index % columns) * columnWidth, y: Math.floor(index / columns) * rowHeight };
}

/**
 * Edge ids MUST be unique on the canvas. A document id is used as is; edges
 * without one get an id from their endpoints; any repeat gets a `#n` suffix.
 */
function uniqueEdgeId(candidate: string, taken: Set<string>): string {
  let id = candidate;
  for (let n = 2; taken.has(id); n++) id = `${candidate}#${n}`;
  taken.add(id);
  return id;
}

/** A card's size when nothing better is known (cards are 240 px wide, `w-60`). */
export const DEFAULT_NODE_SIZE = { width: 240, height: 120 } as const;

/**
 * A canvas node's size: as measured by React Flow, else as estimated for its
 * card (`initialWidth/initialHeight`: a large graph's cards out of view are
 * never drawn, so never measured), else DEFAULT_NODE_SIZE.
 */
export function canvasNodeSize(node: Pick<CanvasNode, "measured" | "initialWidth" | "initialHeight">): { width: number; height: number } {
  return {
    width: node.measured?.width ?? node.initialWidth ?? DEFAULT_NODE_SIZE.width,
    height: node.measured?.height ?? node.initialHeight ?? DEFAULT_NODE_SIZE.height,
  };
}
