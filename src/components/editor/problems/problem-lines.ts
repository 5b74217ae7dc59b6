import type { Problem } from "@/engine/problem";

/**
 * The lines of the Problems panel: one per problem, naming the node by its
 * name (falling back to its id), then the field and what is wrong.
 */

export interface ProblemLine {
  /** The node to select when the line is clicked (an edge's source for edge problems). */
  readonly nodeId: string | undefined;
  /** "Fetch orders — config.url: must be an absolute http:// or https:// URL". */
  readonly text: string;
}

function nameOf(nodeId: string, nodeNames: Readonly<Record<string, string>>): string {
  return nodeNames[nodeId] ?? nodeId;
}

export function problemLine(problem: Problem, nodeNames: Readonly<Record<string, string>>): ProblemLine {
  if (problem.nodeId !== undefined) {
    return { nodeId: problem.nodeId, text: `${nameOf(problem.nodeId, nodeNames)} — ${problem.message}` };
  }
  if (problem.edge !== undefined) {
    const { source, target } = problem.edge;
    return {
      nodeId: nodeNames[source] === undefined ? undefined : source,
      text: `Connection ${nameOf(source, nodeNames)} → ${nameOf(target, nodeNames)} — ${problem.message}`,
    };
  }
  return { nodeId: undefined, text: `Workflow — ${problem.message}` };
}
