import { getRegionHandles } from "./nodes/node-meta";

/**
 * Pure helpers over a workflow's nodes and edges, shared by the validator and the
 * interpreter.
 *
 * Terminology
 * - edge: `source` → `target`, leaving one of the source's output handles
 *   (`sourceHandle`) and entering the target's input handle (`in`).
 * - successors(n, h): the targets of the edges leaving handle `h` of node `n`.
 * - reachable from (n, h): every node at the end of a path that starts with an
 *   edge leaving handle `h` of `n` (any handle when `h` is omitted). `n` itself
 *   is only included when it lies on a cycle.
 * - region (owner, handle): the nodes reachable from a region handle of its owner:
 *   a loop's `body`; a try's `try`, `catch` and `finally`. The owner is not in its
 *   own regions. In a valid workflow no edge enters a region from outside, so
 *   regions nest: a region that contains a loop contains that loop's body.
 * - enclosing regions of n: the regions containing n, innermost (smallest) first.
 *
 * Graphs MUST be built from nodes with unique ids; edges whose source or target
 * is not a node (dangling edges) are left out.
 */

export interface GraphEdge {
  /** Position of the edge in the document's `edges`. */
  readonly index: number;
  readonly source: string;
  readonly target: string;
  readonly sourceHandle: string;
  readonly targetHandle: string;
}

export interface WorkflowGraph {
  /** Node ids in document order, each with its type (unknown types are ordinary nodes). */
  readonly nodeTypes: ReadonlyMap<string, string>;
  readonly outgoing: ReadonlyMap<string, readonly GraphEdge[]>;
  readonly incoming: ReadonlyMap<string, readonly GraphEdge[]>;
}

export interface Region {
  readonly owner: string;
  readonly handle: string;
  readonly nodes: ReadonlySet<string>;
}

export function buildGraph(
  nodes: readonly { readonly id: string; readonly type: string }[],
  edges: readonly {
    /** Defaults to the edge's position in `edges`; pass it when `edges` is a filtered list. */
    readonly index?: number;
    readonly source: string;
    readonly target: string;
    readonly sourceHandle?: string;
    readonly targetHandle?: string;
  }[],
): WorkflowGraph {
  const nodeTypes = new Map(nodes.map((node) => [node.id, node.type]));
  const outgoing = new Map<string, GraphEdge[]>(nodes.map((node) => [node.id, []]));
  const incoming = new Map<string, GraphEdge[]>(nodes.map((node) => [node.id, []]));
  for (const [position, edge] of edges.entries()) {
    const from = outgoing.get(edge.source);
    const into = incoming.get(edge.target);
    if (from === undefined || into === undefined) continue;
    const graphEdge: GraphEdge = {
      index: edge.index ?? position,
      source: edge.source,
      target: edge.target,
      sourceHandle: edge.sourceHandle ?? "out",
      targetHandle: edge.targetHandle ?? "in",
    };
    from.push(graphEdge);
    into.push(graphEdge);
  }
  return { nodeTypes, outgoing, incoming };
}

/** Targets of the edges leaving `nodeId` (only through `handle` when given), without repeats. */
export function successors(graph: WorkflowGraph, nodeId: string, handle?: string): string[] {
  const edges = graph.outgoing.get(nodeId) ?? [];
  return [...new Set(edges.filter((e) => handle === undefined || e.sourceHandle === handle).map((e) => e.target))];
}

/** Sources of the edges entering `nodeId`, without repeats. */
export function predecessors(graph: WorkflowGraph, nodeId: string): string[] {
  return [...new Set((graph.incoming.get(nodeId) ?? []).map((edge) => edge.source))];
}

/** Nodes reachable from `nodeId`, the first step restricted to `handle` when given; in breadth-first order. */
export function reachableFrom(graph: WorkflowGraph, nodeId: string, handle?: string): Set<string> {
  const reached = new Set<string>();
  const queue = successors(graph, nodeId, handle);
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    if (reached.has(next)) continue;
    reached.add(next);
    queue.push(...successors(graph, next));
  }
  return reached;
}

export function regionOf(graph: WorkflowGraph, ownerId: string, handle: string): Set<string> {
  return reachableFrom(graph, ownerId, handle);
}

/** Every region in the graph: owners in document order, handles in their declared order. */
export function listRegions(graph: WorkflowGraph): Region[] {
  return [...graph.nodeTypes].flatMap(([owner, type]) =>
    getRegionHandles(type).map((handle) => ({ owner, handle, nodes: regionOf(graph, owner, handle) })),
  );
}

/** The regions containing `nodeId`, innermost first. Pass `regions` to reuse `listRegions(graph)`. */
export function enclosingRegions(
  graph: WorkflowGraph,
  nodeId: string,
  regions: readonly Region[] = listRegions(graph),
): Region[] {
  return regions.filter((region) => region.nodes.has(nodeId)).sort((a, b) => a.nodes.size - b.nodes.size);
}

/** The loops whose body contains `nodeId`, innermost first. */
export function enclosingLoops(
  graph: WorkflowGraph,
  nodeId: string,
  regions: readonly Region[] = listRegions(graph),
): string[] {
  return enclosingRegions(graph, nodeId, regions)
    .filter((region) => graph.nodeTypes.get(region.owner) === "loop")
    .map((region) => region.owner);
}

/** Strongly connected components (Tarjan), each in discovery order. */
function stronglyConnectedComponents(graph: WorkflowGraph): string[][] {
  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (nodeId: string) => {
    index.set(nodeId, index.size);
    lowLink.set(nodeId, index.size - 1);
    stack.push(nodeId);
    onStack.add(nodeId);
    for (const next of successors(graph, nodeId)) {
      if (!index.has(next)) {
        visit(next);
        lowLink.set(nodeId, Math.min(lowLink.get(nodeId) ?? 0, lowLink.get(next) ?? 0));
      } else if (onStack.has(next)) {
        lowLink.set(nodeId, Math.min(lowLink.get(nodeId) ?? 0, index.get(next) ?? 0));
      }
    }
    if (lowLink.get(nodeId) !== index.get(nodeId)) return;
    const component: string[] = [];
    for (let member = stack.pop(); member !== undefined; member = stack.pop()) {
      onStack.delete(member);
      component.push(member);
      if (member === nodeId) break;
    }
    components.push(component);
  };
  for (const nodeId of graph.nodeTypes.keys()) if (!index.has(nodeId)) visit(nodeId);
  return components;
}

/** Shortest path `start → … → start` inside `members` (breadth first), without the repeated start. */
function shortestCycleThrough(graph: WorkflowGraph, start: string, members: ReadonlySet<string>): string[] {
  const cameFrom = new Map<string, string>();
  const queue = [start];
  for (let current = queue.shift(); current !== undefined; current = queue.shift()) {
    for (const next of successors(graph, current)) {
      if (!members.has(next)) continue;
      if (next === start) {
        const cycle = [current];
        for (let step = cameFrom.get(current); step !== undefined; step = cameFrom.get(step)) cycle.unshift(step);
        return cycle;
      }
      if (!cameFrom.has(next) && next !== start) {
        cameFrom.set(next, current);
        queue.push(next);
      }
    }
  }
  return [start];
}

/**
 * One cycle per group of nodes that can reach each other, as `[a, b, c]` for
 * a → b → c → a, starting at the group's first node in document order. Ordered
 * by that node. Empty when the graph is acyclic.
 */
export function findCycles(graph: WorkflowGraph): string[][] {
  const order = new Map([...graph.nodeTypes.keys()].map((id, position) => [id, position]));
  const cycles: string[][] = [];
  for (const component of stronglyConnectedComponents(graph)) {
    const members = new Set(component);
    const [start] = [...component].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    if (start === undefined) continue;
    const isCycle = component.length > 1 || successors(graph, start).includes(start);
    if (isCycle) cycles.push(shortestCycleThrough(graph, start, members));
  }
  return cycles.sort((a, b) => (order.get(a[0] ?? "") ?? 0) - (order.get(b[0] ?? "") ?? 0));
}

/** Some cycle of the graph, or undefined when it has none. */
export function findCycle(graph: WorkflowGraph): string[] | undefined {
  return findCycles(graph)[0];
}
