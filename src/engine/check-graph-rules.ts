import type { CheckedEdge } from "./check-edges";
import type { CheckedNode } from "./check-nodes";
import {
  buildGraph,
  enclosingLoops,
  findCycles,
  listRegions,
  reachableFrom,
  type GraphEdge,
  type Region,
  type WorkflowGraph,
} from "./graph";
import { isTriggerType, type NodeConfig } from "./nodes/registry";
import { edgeProblem, nodeProblem, workflowProblem, type Problem } from "./problem";

const REGION_RULE = "a region's nodes may not have edges leaving or entering the region";

function nodeLabel(node: CheckedNode): string {
  return node.id ?? `nodes[${node.index}]`;
}

/** Rule 1: exactly one trigger. */
function checkTriggerCount(nodes: readonly CheckedNode[]): Problem[] {
  const triggers = nodes.filter((node) => isTriggerType(node.nodeType));
  if (triggers.length === 1) return [];
  const rule = "a workflow needs exactly one trigger node";
  if (triggers.length === 0) return [workflowProblem(rule)];
  return [workflowProblem(`${rule}, but it has ${triggers.length}: ${triggers.map(nodeLabel).join(", ")}`)];
}

/** Rule 2: no directed cycle; each is reported on the edge that closes it. */
function checkCycles(graph: WorkflowGraph): Problem[] {
  return findCycles(graph).flatMap((cycle) => {
    const first = cycle[0];
    const last = cycle[cycle.length - 1];
    const closing = (graph.outgoing.get(last ?? "") ?? []).find((edge) => edge.target === first);
    if (first === undefined || closing === undefined) return [];
    const path = [...cycle, first].join(" → ");
    return [
      edgeProblem(
        closing,
        `this edge closes a cycle (${path}); a workflow cannot flow back to an earlier node, use a loop node to repeat steps`,
      ),
    ];
  });
}

function describeRegion(region: Region, graph: WorkflowGraph): string {
  const ownerType = graph.nodeTypes.get(region.owner);
  if (ownerType === "loop") return `the body of loop "${region.owner}"`;
  return `the ${region.handle} region of ${ownerType} "${region.owner}"`;
}

function entersFromOwnHandle(edge: GraphEdge, region: Region): boolean {
  return edge.source === region.owner && edge.sourceHandle === region.handle;
}

/**
 * The message for `edge`, which comes from outside `region` into one of its nodes,
 * or undefined when another report already explains it. Overlapping regions of one
 * owner are reported once: on the edge that crosses from one region into the other,
 * or, when a node is wired straight to two region handles, on the later of the two.
 */
function describeRegionEntry(
  edge: GraphEdge,
  region: Region,
  regions: readonly Region[],
  graph: WorkflowGraph,
): string | undefined {
  const ownerType = graph.nodeTypes.get(region.owner);
  const siblings = regions.filter((other) => other.owner === region.owner && other !== region);
  if (edge.source === region.owner && siblings.some((other) => other.handle === edge.sourceHandle)) {
    const direct = (graph.outgoing.get(region.owner) ?? []).find(
      (other) => other.target === edge.target && other.sourceHandle === region.handle,
    );
    if (direct === undefined || direct.index > edge.index) return undefined;
    return (
      `${edge.target} is connected to both the ${region.handle} and ${edge.sourceHandle} handles of ` +
      `${ownerType} "${region.owner}"; the regions of one ${ownerType} must stay separate`
    );
  }
  const sibling = siblings.find((other) => other.nodes.has(edge.source));
  if (sibling !== undefined) {
    return (
      `this edge connects ${describeRegion(sibling, graph)} to its ${region.handle} region; ` +
      `the regions of one ${ownerType} must stay separate`
    );
  }
  // Name the edges that pulled the target into the region: one of them may be the one that leaves it.
  const inside = (graph.incoming.get(edge.target) ?? []).filter(
    (other) => region.nodes.has(other.source) || entersFromOwnHandle(other, region),
  );
  const via = inside.some((other) => entersFromOwnHandle(other, region))
    ? ""
    : ` (through ${inside.map((other) => `${other.source}→${other.target}`).join(", ")})`;
  return `${edge.target} is inside ${describeRegion(region, graph)}${via} but this edge comes from outside it; ${REGION_RULE}`;
}

/**
 * Rule 3: no edge from outside a region into it, except the owner's own
 * region-handle edges. An edge entering nested regions at once is reported once,
 * for the innermost.
 */
function checkRegions(graph: WorkflowGraph, regions: readonly Region[]): Problem[] {
  const found = new Map<GraphEdge, { region: Region; message: string }>();
  for (const region of regions) {
    // An owner inside its own region lies on a cycle, which is reported already.
    if (region.nodes.has(region.owner)) continue;
    for (const member of region.nodes) {
      for (const edge of graph.incoming.get(member) ?? []) {
        if (region.nodes.has(edge.source) || entersFromOwnHandle(edge, region)) continue;
        const message = describeRegionEntry(edge, region, regions, graph);
        const earlier = found.get(edge);
        if (message === undefined || (earlier !== undefined && earlier.region.nodes.size <= region.nodes.size)) continue;
        found.set(edge, { region, message });
      }
    }
  }
  return [...found]
    .sort(([a], [b]) => a.index - b.index)
    .map(([edge, { message }]) => edgeProblem(edge, message));
}

/** Rule 4: break and continue only inside a loop body. */
function checkLoopExits(nodes: readonly CheckedNode[], graph: WorkflowGraph, regions: readonly Region[]): Problem[] {
  return nodes.flatMap((node) => {
    if ((node.nodeType !== "break" && node.nodeType !== "continue") || node.id === undefined) return [];
    if (enclosingLoops(graph, node.id, regions).length > 0) return [];
    return [nodeProblem(node.id, `${node.nodeType} must be inside a loop body`)];
  });
}

/** Rule 5: an n_of_m join cannot wait for more arrivals than it has incoming edges. */
function checkJoinArrivals(nodes: readonly CheckedNode[], graph: WorkflowGraph): Problem[] {
  return nodes.flatMap((node) => {
    if (node.nodeType !== "join" || node.config === undefined || node.id === undefined) return [];
    const { mode, n } = node.config as NodeConfig<"join">;
    if (mode !== "n_of_m" || n === undefined) return [];
    const incoming = new Set((graph.incoming.get(node.id) ?? []).map((e) => `${e.source}\u0000${e.sourceHandle}`));
    if (n <= incoming.size) return [];
    const edges = incoming.size === 1 ? "1 edge leads" : `${incoming.size} edges lead`;
    return [nodeProblem(node.id, `waits for ${n} arrivals but only ${edges} into this join`, ["config", "n"])];
  });
}

/** Nodes downstream of an edge that carries no flow (its target included): what reaches them is unsure. */
function nodesAfterBrokenEdges(graph: WorkflowGraph, edges: readonly CheckedEdge[]): Set<string> {
  const unsure = new Set<string>();
  for (const edge of edges) {
    if (edge.carriesFlow || !graph.nodeTypes.has(edge.target)) continue;
    unsure.add(edge.target);
    for (const reached of reachableFrom(graph, edge.target)) unsure.add(reached);
  }
  return unsure;
}

/**
 * The rules about the workflow as a graph. The trigger count needs only the
 * nodes; the other rules need a graph whose node ids are unique, so they are
 * skipped (`graphIsUsable` false) when ids repeat or the edge list is unreadable.
 * Edges already known to be dangling or repeated are left out of the graph.
 *
 * Cycles are found over every edge. Regions, loop exits and joins are judged on
 * the edges that carry flow; a problem that involves a node downstream of an edge
 * with a wrong handle is not reported, since fixing that edge may change it.
 */
export function checkGraphRules(
  nodes: readonly CheckedNode[],
  edges: readonly CheckedEdge[],
  graphIsUsable: boolean,
): Problem[] {
  const problems = checkTriggerCount(nodes);
  if (!graphIsUsable) return problems;
  const graphNodes = nodes.flatMap((node) => (node.id === undefined ? [] : [{ id: node.id, type: node.type ?? "" }]));
  const graph = buildGraph(graphNodes, edges);
  const flowGraph = buildGraph(graphNodes, edges.filter((edge) => edge.carriesFlow));
  const unsure = nodesAfterBrokenEdges(graph, edges);
  const isSure = (nodeId: string | undefined) => nodeId !== undefined && !unsure.has(nodeId);
  const regions = listRegions(flowGraph);
  problems.push(
    ...checkCycles(graph),
    ...checkRegions(flowGraph, regions).filter(({ edge }) => isSure(edge?.source) && isSure(edge?.target)),
    ...checkLoopExits(nodes.filter((node) => isSure(node.id)), flowGraph, regions),
    ...checkJoinArrivals(nodes.filter((node) => isSure(node.id)), flowGraph),
  );
  return problems;
}
