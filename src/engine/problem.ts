import { formatFieldPath, type FieldPath } from "./field-path";

/**
 * One thing wrong with a workflow document, located on a node, an edge or the
 * workflow itself. `message` is a complete sentence that starts with the field
 * when there is one (`config.method: expected one of GET, POST, …`).
 */
export interface Problem {
  readonly nodeId?: string;
  /** The edge's position in `edges` and its ends as written. */
  readonly edge?: { readonly index: number; readonly source: string; readonly target: string };
  /** The field path within the node, edge or workflow, e.g. `config.cases[1].handle`. */
  readonly field?: string;
  readonly message: string;
}

export type EdgeLocation = NonNullable<Problem["edge"]>;

function withField(path: FieldPath, text: string): { field?: string; message: string } {
  const field = formatFieldPath(path);
  return field === "" ? { message: text } : { field, message: `${field}: ${text}` };
}

export function nodeProblem(nodeId: string, text: string, path: FieldPath = []): Problem {
  return { nodeId, ...withField(path, text) };
}

export function edgeProblem(edge: EdgeLocation, text: string, path: FieldPath = []): Problem {
  return { edge: { index: edge.index, source: edge.source, target: edge.target }, ...withField(path, text) };
}

export function workflowProblem(text: string, path: FieldPath = []): Problem {
  return withField(path, text);
}

/** One line: `node <id>: …`, `edge <source>→<target>: …` or `workflow: …` (the CLI prints these). */
export function formatProblem(problem: Problem): string {
  if (problem.nodeId !== undefined) return `node ${problem.nodeId}: ${problem.message}`;
  if (problem.edge !== undefined) return `edge ${problem.edge.source}→${problem.edge.target}: ${problem.message}`;
  return `workflow: ${problem.message}`;
}
