import { toCanvasNode, updatedCanvasNode, type CanvasEdge, type WorkflowNode } from "@/components/canvas/document-to-flow";
import { nodeMeta, type NodeType } from "@/engine/nodes/node-meta";
import { connectionEdge, isValidConnection, outputHandlesOf } from "./connections";
import { sameJson, type CanvasGraph } from "./history";
import { idStem, takenIdentities, uniqueNodeId, uniqueNodeName } from "./node-identity";
import { freeSpotFrom, NEXT_NODE_OFFSET, spotAfterEverything, type Point } from "./placement";
import { selectOnly } from "./selection";

/**
 * Edits of the graph, as pure functions from one canvas graph to the next. They
 * return null when the edit would change nothing, so the store records no empty
 * undo step.
 */

export type AddNodeOptions = {
  /** Where the new card's top-left corner goes. */
  position?: Point;
  /** Place the new node right of this node and connect it from this node's first free output. */
  after?: string;
};

/**
 * Fields of the document node `updateNode` merges, each replacing the node's
 * field as a whole (`config` is the complete new config). `undefined` removes a
 * field (e.g. `{ retry: undefined }`); an empty `name` removes the name;
 * `position` moves the card. `id` and `type` cannot be changed this way and are ignored.
 */
export type NodePatch = { name?: string; config?: unknown; [commonField: string]: unknown };

/**
 * A node of `type` with its default config, exactly as parsing it would return
 * it (the default config has every default written out; keys in the schema's
 * order): no schema needed, so the editor can add nodes before zod has loaded.
 * graph-edits.test.ts compares it with the parse.
 */
export function newDocumentNode(type: NodeType, id: string, name: string, position: Point): WorkflowNode {
  return { id, name, position: { x: position.x, y: position.y }, type, config: structuredClone(nodeMeta[type].defaultConfig) } as WorkflowNode;
}

/**
 * Adds a node of `type` with a readable unique id (`http_request`, `http_request_2`, …)
 * and name ("HTTP request", "HTTP request 2", …); it becomes the only selected node.
 * Placed at `position` when given; else with `after`: NEXT_NODE_OFFSET right of
 * that node (pushed down while the spot is taken); else right of the right-most
 * node. With `after` it is also
 * connected from that node's first output handle without an edge, else its first
 * output handle — unless the connection is not allowed (a trigger, a node
 * without outputs).
 */
export function addNodeEdit(graph: CanvasGraph, type: NodeType, options: AddNodeOptions = {}): { graph: CanvasGraph; id: string } {
  const { ids, names } = takenIdentities(graph.nodes);
  const id = uniqueNodeId(idStem(type), ids);
  const name = uniqueNodeName(nodeMeta[type].label, names);
  const anchor = options.after === undefined ? undefined : graph.nodes.find((node) => node.id === options.after);
  const position =
    options.position ??
    (anchor === undefined
      ? spotAfterEverything(graph.nodes)
      : freeSpotFrom(graph.nodes, { x: anchor.position.x + NEXT_NODE_OFFSET.x, y: anchor.position.y + NEXT_NODE_OFFSET.y }));
  const node = toCanvasNode(newDocumentNode(type, id, name, position), position);
  const added = selectOnly({ nodes: [...graph.nodes, node], edges: graph.edges }, new Set([id]));
  if (anchor === undefined) return { graph: added, id };

  const handles = outputHandlesOf(anchor.data.node);
  const used = new Set(graph.edges.filter((edge) => edge.source === anchor.id).map((edge) => edge.sourceHandle));
  const sourceHandle = handles.find((handle) => !used.has(handle)) ?? handles[0];
  const connection = { source: anchor.id, target: id, sourceHandle: sourceHandle ?? null, targetHandle: null };
  if (sourceHandle === undefined || !isValidConnection(added, connection)) return { graph: added, id };
  return { graph: { nodes: added.nodes, edges: [...added.edges, connectionEdge(added, connection)] }, id };
}

/** Merges `patch` into node `id`'s document node (see NodePatch); null when nothing changes. */
export function updateNodeEdit(graph: CanvasGraph, id: string, patch: NodePatch): CanvasGraph | null {
  const index = graph.nodes.findIndex((node) => node.id === id);
  const current = graph.nodes[index];
  if (current === undefined) return null;
  const next: Record<string, unknown> = { ...current.data.node };
  for (const [field, value] of Object.entries(patch)) {
    if (field === "id" || field === "type") continue;
    if (value === undefined || (field === "name" && value === "")) delete next[field];
    else next[field] = value;
  }
  if (sameJson(next, current.data.node)) return null;
  // The canvas owns positions: a patch may move the node, otherwise it stays where it is drawn.
  const moved = patch.position as Point | undefined;
  const position = moved === undefined ? current.position : { x: moved.x, y: moved.y };
  const nodes = graph.nodes.slice();
  nodes[index] = updatedCanvasNode(current, toCanvasNode(next as WorkflowNode, position));
  return { nodes, edges: followRenamedHandles(graph.edges, id, outputHandlesOf(current.data.node), outputHandlesOf(next as WorkflowNode)) };
}

/**
 * A node whose output handles were renamed in place (a switch case's handle
 * edited: same number of handles, one at the same position has a new name)
 * keeps its edges: an edge leaving a renamed handle now leaves its new name.
 * Any other change (a case added or removed) leaves the edges as they are;
 * validation then names an edge whose handle is gone.
 */
function followRenamedHandles(edges: CanvasEdge[], nodeId: string, before: readonly string[], after: readonly string[]): CanvasEdge[] {
  if (before.length !== after.length) return edges;
  const renamed = new Map<string, string>();
  before.forEach((handle, i) => {
    if (handle !== after[i] && !after.includes(handle)) renamed.set(handle, after[i]!);
  });
  if (renamed.size === 0) return edges;
  return edges.map((edge) => {
    const to = edge.source === nodeId ? renamed.get(edge.sourceHandle ?? "") : undefined;
    return to === undefined ? edge : { ...edge, sourceHandle: to, data: { edge: { ...edge.data!.edge, sourceHandle: to } } };
  });
}

/** Removes the nodes, their edges and the edges in `edgeIds`; null when none of them exists. */
export function deleteEdit(graph: CanvasGraph, nodeIds: ReadonlySet<string>, edgeIds: ReadonlySet<string>): CanvasGraph | null {
  const nodes = graph.nodes.filter((node) => !nodeIds.has(node.id));
  const edges = graph.edges.filter(
    (edge) => !edgeIds.has(edge.id) && !nodeIds.has(edge.source) && !nodeIds.has(edge.target),
  );
  if (nodes.length === graph.nodes.length && edges.length === graph.edges.length) return null;
  return { nodes, edges };
}

/** Adds the edge a person drew, when it is allowed (see connections.ts); null otherwise. */
export function connectEdit(graph: CanvasGraph, connection: Parameters<typeof isValidConnection>[1]): CanvasGraph | null {
  if (!isValidConnection(graph, connection)) return null;
  const edge: CanvasEdge = connectionEdge(graph, connection);
  return { nodes: graph.nodes, edges: [...graph.edges, edge] };
}
