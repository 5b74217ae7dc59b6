import {
  flowToDocument,
  toCanvasNode,
  updatedCanvasNode,
  type CanvasEdge,
  type CanvasNode,
} from "@/components/canvas/document-to-flow";
import type { WorkflowDocument } from "@/engine/workflow-schema";

/**
 * The editor's undo history.
 *
 * Terminology
 * - snapshot: what one undo step restores — the document as the canvas shows it
 *   (its own fields, the nodes with their positions, the edges) plus the canvas
 *   id of each edge. Selection and measured sizes are not part of it.
 * - past: snapshots of the states before the current one, newest last (at most
 *   HISTORY_LIMIT). future: the states undone since the last edit, next redo last.
 * - coalescing key: consecutive edits with the same key less than COALESCE_MS
 *   apart make one undo step (typing in a config field).
 */
export type CanvasGraph = { nodes: CanvasNode[]; edges: CanvasEdge[] };

/** The workflow's own fields (name, description, settings): what the canvas saves besides the graph. */
export type DocumentFields = Omit<WorkflowDocument, "nodes" | "edges">;

export type GraphSnapshot = { document: WorkflowDocument; edgeIds: string[] };

export type History = {
  past: GraphSnapshot[];
  future: GraphSnapshot[];
  lastEdit: { key: string; at: number } | null;
};

export const HISTORY_LIMIT = 100;
export const COALESCE_MS = 1000;

export function emptyHistory(): History {
  return { past: [], future: [], lastEdit: null };
}

/** The document the canvas shows: `fields` plus the graph (positions rounded, as saved). */
export function graphDocument(fields: DocumentFields, graph: CanvasGraph): WorkflowDocument {
  return flowToDocument({ ...fields, nodes: [], edges: [] }, graph.nodes, graph.edges);
}

export function takeSnapshot(fields: DocumentFields, graph: CanvasGraph): GraphSnapshot {
  return { document: graphDocument(fields, graph), edgeIds: graph.edges.map((edge) => edge.id) };
}

/**
 * The canvas for a snapshot. Nodes that are still on the canvas keep their
 * measured size and selection, so React Flow does not re-measure them and the
 * selection survives an undo.
 */
export function restoreSnapshot(snapshot: GraphSnapshot, current: CanvasGraph): { fields: DocumentFields; graph: CanvasGraph } {
  const { nodes: documentNodes, edges: documentEdges, ...fields } = snapshot.document;
  const previousNodes = new Map(current.nodes.map((node) => [node.id, node]));
  const selectedEdges = new Set(current.edges.filter((edge) => edge.selected).map((edge) => edge.id));
  const nodes = documentNodes.map((node) => {
    const restored = toCanvasNode(node, { x: node.position?.x ?? 0, y: node.position?.y ?? 0 });
    return updatedCanvasNode(previousNodes.get(node.id), restored);
  });
  const edges = documentEdges.map((edge, index): CanvasEdge => {
    const id = snapshot.edgeIds[index] ?? `${edge.source}.${edge.sourceHandle}->${edge.target}.${edge.targetHandle}`;
    const { source, target, sourceHandle, targetHandle } = edge;
    return { id, source, target, sourceHandle, targetHandle, data: { edge }, ...(selectedEdges.has(id) ? { selected: true } : {}) };
  });
  return { fields, graph: { nodes, edges } };
}

/**
 * Records `before` (the state an edit is about to change) as an undo step and
 * forgets the redo steps. With `coalesce`, an edit with the same key as the
 * previous one, less than COALESCE_MS later, joins that step instead.
 */
export function recordEdit(history: History, before: GraphSnapshot, coalesce?: { key: string; at: number }): History {
  const last = history.lastEdit;
  if (coalesce !== undefined && last !== null && last.key === coalesce.key && coalesce.at - last.at < COALESCE_MS) {
    return { past: history.past, future: [], lastEdit: coalesce };
  }
  const past = [...history.past, before].slice(-HISTORY_LIMIT);
  return { past, future: [], lastEdit: coalesce ?? null };
}

/** Steps back: the snapshot to show and the history after it, or null when there is nothing to undo. */
export function undoStep(history: History, current: GraphSnapshot): { history: History; snapshot: GraphSnapshot } | null {
  const snapshot = history.past.at(-1);
  if (snapshot === undefined) return null;
  return { snapshot, history: { past: history.past.slice(0, -1), future: [...history.future, current], lastEdit: null } };
}

/** Steps forward again, or null when nothing was undone since the last edit. */
export function redoStep(history: History, current: GraphSnapshot): { history: History; snapshot: GraphSnapshot } | null {
  const snapshot = history.future.at(-1);
  if (snapshot === undefined) return null;
  return { snapshot, history: { past: [...history.past, current], future: history.future.slice(0, -1), lastEdit: null } };
}

/** Deep equality of JSON values; object key order does not matter. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, index) => sameJson(item, b[index]));
  }
  const aEntries = Object.entries(a).filter(([, value]) => value !== undefined);
  const bRecord = b as Record<string, unknown>;
  const bSize = Object.values(bRecord).filter((value) => value !== undefined).length;
  return aEntries.length === bSize && aEntries.every(([key, value]) => sameJson(value, bRecord[key]));
}
