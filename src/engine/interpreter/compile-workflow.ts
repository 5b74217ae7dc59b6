import { buildGraph, enclosingRegions, listRegions, type GraphEdge, type Region, type WorkflowGraph } from "../graph";
import { getOutputHandles, getRegionHandles, isTriggerType } from "../nodes/registry";
import type { WorkflowDocument, WorkflowNode } from "../workflow-schema";

/**
 * The graph facts the interpreter asks for on every step, computed once per
 * workflow document (memoised by object identity in a WeakMap: invisible to
 * callers, so steps stay pure).
 *
 * Terminology
 * - flow edges of n: its outgoing edges except those leaving a region handle
 *   (a loop's `body`, a try's `try`/`catch`/`finally`); they fire when n
 *   completes or is skipped. Region edges fire when the owner opens the region.
 * - exclusive to join J: a node every one of whose paths (along flow edges)
 *   leads to J. When an any/n_of_m join fires, its unfinished exclusive nodes
 *   are cancelled: nothing else can use their work.
 */
export type CompiledWorkflow = {
  readonly document: WorkflowDocument;
  readonly graph: WorkflowGraph;
  readonly triggerId: string;
  node(nodeId: string): WorkflowNode;
  incoming(nodeId: string): readonly GraphEdge[];
  /** Distinct predecessor ids, in incoming-edge order. */
  predecessors(nodeId: string): readonly string[];
  flowEdges(nodeId: string): readonly GraphEdge[];
  regionEdges(ownerId: string, handle: string): readonly GraphEdge[];
  regionNodes(ownerId: string, handle: string): ReadonlySet<string>;
  /** Regions containing the node, innermost first. */
  enclosingRegions(nodeId: string): readonly Region[];
  /** The loop whose body is the node's frame, or null for the root frame. */
  innermostLoop(nodeId: string): string | null;
  /** The first output handle that is not a region handle (onError "continue" uses it), or null. */
  firstFlowHandle(nodeId: string): string | null;
  exclusiveToJoin(joinId: string): ReadonlySet<string>;
};

const cache = new WeakMap<WorkflowDocument, CompiledWorkflow>();

export function compileWorkflow(document: WorkflowDocument): CompiledWorkflow {
  const hit = cache.get(document);
  if (hit !== undefined) return hit;
  const compiled = buildCompiledWorkflow(document);
  cache.set(document, compiled);
  return compiled;
}

function buildCompiledWorkflow(document: WorkflowDocument): CompiledWorkflow {
  const nodes = new Map(document.nodes.map((node) => [node.id, node]));
  const graph = buildGraph(document.nodes, document.edges);
  const regions = listRegions(graph);
  const regionByKey = new Map(regions.map((region) => [`${region.owner}\u0000${region.handle}`, region.nodes]));
  const enclosing = new Map(document.nodes.map((node) => [node.id, enclosingRegions(graph, node.id, regions)]));
  const trigger = document.nodes.find((node) => isTriggerType(node.type));
  if (trigger === undefined) throw new Error("workflow has no trigger node; validate it with validateWorkflow first");

  const isRegionEdge = (edge: GraphEdge) => getRegionHandles(graph.nodeTypes.get(edge.source) ?? "").includes(edge.sourceHandle);
  const flow = new Map(document.nodes.map((node) => [node.id, (graph.outgoing.get(node.id) ?? []).filter((e) => !isRegionEdge(e))]));
  const exclusive = new Map<string, ReadonlySet<string>>();

  const compiled: CompiledWorkflow = {
    document,
    graph,
    triggerId: trigger.id,
    node(nodeId) {
      const node = nodes.get(nodeId);
      if (node === undefined) throw new Error(`unknown node ${nodeId}`);
      return node;
    },
    incoming: (nodeId) => graph.incoming.get(nodeId) ?? [],
    predecessors: (nodeId) => [...new Set((graph.incoming.get(nodeId) ?? []).map((edge) => edge.source))],
    flowEdges: (nodeId) => flow.get(nodeId) ?? [],
    regionEdges: (ownerId, handle) => (graph.outgoing.get(ownerId) ?? []).filter((edge) => edge.sourceHandle === handle),
    regionNodes: (ownerId, handle) => regionByKey.get(`${ownerId}\u0000${handle}`) ?? new Set(),
    enclosingRegions: (nodeId) => enclosing.get(nodeId) ?? [],
    innermostLoop: (nodeId) => (enclosing.get(nodeId) ?? []).find((r) => graph.nodeTypes.get(r.owner) === "loop")?.owner ?? null,
    firstFlowHandle(nodeId) {
      const node = compiled.node(nodeId);
      const regionHandles = getRegionHandles(node.type);
      return getOutputHandles(node).find((handle) => !regionHandles.includes(handle)) ?? null;
    },
    exclusiveToJoin(joinId) {
      let found = exclusive.get(joinId);
      if (found === undefined) {
        found = computeExclusive(joinId, document.nodes.map((n) => n.id), (id) => flow.get(id) ?? []);
        exclusive.set(joinId, found);
      }
      return found;
    },
  };
  return compiled;
}

/**
 * Nodes all of whose flow paths lead to `joinId`:
 * 1. order the nodes so every node comes after its flow successors (reverse topological);
 * 2. a node (not the join) is exclusive when it has flow successors and each is the
 *    join or already exclusive.
 */
function computeExclusive(joinId: string, ids: readonly string[], flowEdges: (id: string) => readonly GraphEdge[]) {
  const order: string[] = [];
  const visited = new Set<string>();
  const visit = (id: string) => {
    if (visited.has(id)) return;
    visited.add(id);
    for (const edge of flowEdges(id)) visit(edge.target);
    order.push(id);
  };
  for (const id of ids) visit(id);
  const result = new Set<string>();
  for (const id of order) {
    if (id === joinId) continue;
    const targets = flowEdges(id).map((edge) => edge.target);
    if (targets.length > 0 && targets.every((t) => t === joinId || result.has(t))) result.add(id);
  }
  return result;
}
