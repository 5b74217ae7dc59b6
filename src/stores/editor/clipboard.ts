import {
  DEFAULT_SOURCE_HANDLE,
  DEFAULT_TARGET_HANDLE,
  toCanvasEdge,
  toCanvasNode,
  type WorkflowEdge,
  type WorkflowNode,
} from "@/components/canvas/document-to-flow";
import { isNodeType } from "@/engine/nodes/node-meta";
import { graphDocument, type CanvasGraph, type DocumentFields } from "./history";
import { idStem, takenIdentities, uniqueNodeId, uniqueNodeName } from "./node-identity";
import type { Point } from "./placement";
import { selectOnly } from "./selection";

/**
 * Copy and paste of nodes as text, so it works through the system clipboard
 * and between browser tabs.
 *
 * Clipboard text: `{ "nodes": [...], "edges": [...] }` in the public workflow
 * format — the selected nodes and the edges between them. A whole exported
 * workflow document is accepted too (its nodes and edges are pasted).
 */

/** How far pasted nodes land from where they were copied (repeated while a spot is taken). */
export const PASTE_OFFSET = 40;

export const NOT_SWITCHYARD_NODES = "Clipboard does not contain Switchyard nodes";

type Clip = { nodes: WorkflowNode[]; edges: WorkflowEdge[] };

/** The clipboard text for the nodes in `nodeIds` and the edges among them (pretty, so it reads well when pasted elsewhere). */
export function copyText(fields: DocumentFields, graph: CanvasGraph, nodeIds: ReadonlySet<string>): string {
  const document = graphDocument(fields, graph);
  const nodes = document.nodes.filter((node) => nodeIds.has(node.id));
  const edges = document.edges
    .filter((edge) => nodeIds.has(edge.source) && nodeIds.has(edge.target))
    .map(({ id: _canvasOnly, ...edge }) => edge);
  return JSON.stringify({ nodes, edges }, null, 2);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The nodes and edges in clipboard text. Nodes need a string `id` and a known
 * `type`; other fields are kept as they are (the validator reports what is
 * wrong with them once they are on the canvas). Edges that are not objects with
 * a source and a target are dropped.
 * @throws Error(NOT_SWITCHYARD_NODES) for anything else, or no nodes at all.
 */
export function parseClip(text: string): Clip {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(NOT_SWITCHYARD_NODES);
  }
  if (!isRecord(value) || !Array.isArray(value.nodes) || value.nodes.length === 0) throw new Error(NOT_SWITCHYARD_NODES);
  const nodes = value.nodes.map((node) => {
    if (!isRecord(node) || typeof node.id !== "string" || !isNodeType(node.type)) throw new Error(NOT_SWITCHYARD_NODES);
    return { config: {}, ...node } as WorkflowNode;
  });
  const edges = (Array.isArray(value.edges) ? value.edges : []).filter(
    (edge): edge is WorkflowEdge => isRecord(edge) && typeof edge.source === "string" && typeof edge.target === "string",
  );
  return { nodes, edges };
}

/**
 * Puts `clip` on the canvas with fresh ids (`notify` → `notify_2`) and names
 * ("Notify" → "Notify 2"), edges among the pasted nodes rewritten to the new
 * ids (edges to nodes that were not copied are dropped), the pasted nodes the
 * only selection. Positions: moved so the group's top-left is at `at`, else
 * PASTE_OFFSET down-right of the originals — again while that lands a node
 * exactly on an existing one (pasting twice does not stack copies).
 */
export function pasteEdit(graph: CanvasGraph, clip: Clip, at?: Point): { graph: CanvasGraph; ids: string[] } {
  const { ids: takenIds, names: takenNames } = takenIdentities(graph.nodes);
  const origins = clip.nodes.map((node, index) => node.position ?? { x: index * PASTE_OFFSET, y: index * PASTE_OFFSET });
  const shift = at === undefined ? offsetClearOf(graph, origins) : topLeftTo(origins, at);

  const newIds = new Map<string, string>();
  const nodes = clip.nodes.map((node, index) => {
    const id = uniqueNodeId(idStem(node.id), takenIds);
    takenIds.add(id);
    newIds.set(node.id, id);
    const name = node.name?.trim() ? uniqueNodeName(node.name, takenNames) : undefined;
    if (name !== undefined) takenNames.add(name);
    const origin = origins[index] ?? { x: 0, y: 0 };
    const position = { x: origin.x + shift.x, y: origin.y + shift.y };
    const { name: _copiedName, ...rest } = node;
    return toCanvasNode({ ...rest, id, ...(name === undefined ? {} : { name }), position } as WorkflowNode, position);
  });

  const takenEdgeIds = new Set(graph.edges.map((edge) => edge.id));
  const edges = clip.edges.flatMap((edge) => {
    const source = newIds.get(edge.source);
    const target = newIds.get(edge.target);
    if (source === undefined || target === undefined) return [];
    const sourceHandle = edge.sourceHandle ?? DEFAULT_SOURCE_HANDLE;
    const targetHandle = edge.targetHandle ?? DEFAULT_TARGET_HANDLE;
    return [toCanvasEdge({ source, target, sourceHandle, targetHandle }, takenEdgeIds)];
  });

  const pasted = { nodes: [...graph.nodes, ...nodes], edges: [...graph.edges, ...edges] };
  const ids = nodes.map((node) => node.id);
  return { graph: selectOnly(pasted, new Set(ids)), ids };
}

function topLeftTo(origins: readonly Point[], at: Point): Point {
  const left = Math.min(...origins.map((point) => point.x));
  const top = Math.min(...origins.map((point) => point.y));
  return { x: at.x - left, y: at.y - top };
}

function offsetClearOf(graph: CanvasGraph, origins: readonly Point[]): Point {
  const occupied = new Set(graph.nodes.map((node) => `${Math.round(node.position.x)},${Math.round(node.position.y)}`));
  const lands = (offset: number) =>
    origins.some((point) => occupied.has(`${Math.round(point.x + offset)},${Math.round(point.y + offset)}`));
  let offset = PASTE_OFFSET;
  while (lands(offset)) offset += PASTE_OFFSET;
  return { x: offset, y: offset };
}
