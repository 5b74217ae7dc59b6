import type { CheckedNode } from "./check-nodes";
import { describeIssues, describeValue, type FieldPath } from "./issue-messages";
import { getInputHandles, isTriggerType } from "./nodes/registry";
import { edgeProblem, workflowProblem, type EdgeLocation, type Problem } from "./problem";
import { WorkflowEdge } from "./workflow-schema";

/** An edge whose ends are named, with default handles filled; the graph checks use these. */
export interface CheckedEdge {
  readonly index: number;
  readonly source: string;
  readonly target: string;
  readonly sourceHandle: string;
  readonly targetHandle: string;
  /**
   * False when a handle is known to be wrong (no such handle, an edge out of
   * break/continue/fail or into a trigger): no flow can pass along this edge.
   */
  readonly carriesFlow: boolean;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** A handle as written, its default when omitted, or undefined when it is not a usable string. */
function handleOrDefault(value: unknown, fallback: string): string | undefined {
  return value === undefined ? fallback : nonEmptyString(value);
}

/** Problems with where an edge leads: missing nodes, handles the nodes do not have, edges into triggers. */
function checkEdgeEnds(
  location: EdgeLocation,
  handles: { sourceHandle: string | undefined; targetHandle: string | undefined },
  nodesById: ReadonlyMap<string, CheckedNode>,
  duplicateIds: ReadonlySet<string>,
): Problem[] {
  const problems: Problem[] = [];
  const source = nodesById.get(location.source);
  const target = nodesById.get(location.target);
  if (source === undefined && !duplicateIds.has(location.source)) {
    problems.push(edgeProblem(location, `the source node "${location.source}" does not exist`));
  }
  if (target === undefined && !duplicateIds.has(location.target)) {
    problems.push(edgeProblem(location, `the target node "${location.target}" does not exist`));
  }
  const sourceHandles = source?.outputHandles;
  if (source?.nodeType !== undefined && sourceHandles !== undefined && handles.sourceHandle !== undefined) {
    if (sourceHandles.length === 0) {
      problems.push(edgeProblem(location, `${source.nodeType} has no output handles, so no edge can leave it`));
    } else if (!sourceHandles.includes(handles.sourceHandle)) {
      problems.push(
        edgeProblem(
          location,
          `${source.nodeType} has no handle "${handles.sourceHandle}" (handles: ${sourceHandles.join(", ")})`,
        ),
      );
    }
  }
  if (target?.nodeType !== undefined && handles.targetHandle !== undefined) {
    const inputHandles = getInputHandles(target.nodeType);
    if (isTriggerType(target.nodeType)) {
      problems.push(edgeProblem(location, `${location.target} is a trigger, and a trigger cannot have incoming edges`));
    } else if (!inputHandles.includes(handles.targetHandle)) {
      problems.push(
        edgeProblem(
          location,
          `${target.nodeType} has no input handle "${handles.targetHandle}" (input handles: ${inputHandles.join(", ")})`,
        ),
      );
    }
  }
  return problems;
}

/**
 * Checks each edge: its shape, that both ends exist, that the handles exist on
 * those nodes, and that it neither repeats an earlier edge nor reuses an edge id.
 * Edges touching a duplicated node id are not checked against nodes (which node
 * they mean is ambiguous), nor are any edges when `nodes` is unreadable (undefined). Returns the edges the graph checks can use: named ends,
 * usable handle names, no repeats.
 */
export function checkEdges(
  rawEdges: readonly unknown[],
  nodes: readonly CheckedNode[] | undefined,
  duplicateIds: ReadonlySet<string>,
): { edges: CheckedEdge[]; problems: Problem[] } {
  const nodesById = new Map<string, CheckedNode>();
  for (const node of nodes ?? []) if (node.id !== undefined && !duplicateIds.has(node.id)) nodesById.set(node.id, node);
  const edges: CheckedEdge[] = [];
  const problems: Problem[] = [];
  const seenConnections = new Set<string>();
  const seenIds = new Set<string>();

  for (const [index, raw] of rawEdges.entries()) {
    if (!isRecord(raw)) {
      problems.push(workflowProblem(`expected an object, got ${describeValue(raw)}`, ["edges", index]));
      continue;
    }
    const source = nonEmptyString(raw.source);
    const target = nonEmptyString(raw.target);
    const location = source !== undefined && target !== undefined ? { index, source, target } : undefined;
    const locate = (text: string, path: FieldPath): Problem =>
      location === undefined ? workflowProblem(text, ["edges", index, ...path]) : edgeProblem(location, text, path);

    const parsed = WorkflowEdge.safeParse(raw, { reportInput: true });
    if (!parsed.success) {
      for (const { path, text } of describeIssues(parsed.error.issues, WorkflowEdge)) problems.push(locate(text, path));
    }
    if (typeof raw.id === "string" && raw.id !== "") {
      if (seenIds.has(raw.id)) problems.push(locate(`"${raw.id}" is already used by another edge`, ["id"]));
      seenIds.add(raw.id);
    }
    if (location === undefined) continue;

    const handles = {
      sourceHandle: handleOrDefault(raw.sourceHandle, "out"),
      targetHandle: handleOrDefault(raw.targetHandle, "in"),
    };
    // Without a readable node list every edge would dangle: check the ends only when there is one.
    const endProblems = nodes === undefined ? [] : checkEdgeEnds(location, handles, nodesById, duplicateIds);
    problems.push(...endProblems);
    const { sourceHandle, targetHandle } = handles;
    if (sourceHandle === undefined || targetHandle === undefined) continue;

    const connection = JSON.stringify([source, sourceHandle, target, targetHandle]);
    if (seenConnections.has(connection)) {
      problems.push(locate("this edge repeats an earlier edge with the same ends and handles", []));
      continue;
    }
    seenConnections.add(connection);
    edges.push({
      index,
      source: location.source,
      target: location.target,
      sourceHandle,
      targetHandle,
      carriesFlow: endProblems.length === 0,
    });
  }
  return { edges, problems };
}
