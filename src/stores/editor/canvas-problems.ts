import type { CanvasEdge } from "@/components/canvas/document-to-flow";
import { validateWorkflow, type Problem } from "@/engine/validate-workflow";
import type { WorkflowDocument } from "@/engine/workflow-schema";

/**
 * The validator's problems placed on the canvas. This module brings zod and
 * every node schema with it, so the editor loads it on its own, after the first
 * paint (`loadCanvasValidator` in validation.ts), never with the page.
 */
export type ValidationState = {
  problems: Problem[];
  problemsByNode: Record<string, Problem[]>;
  /** Keyed by canvas edge id. */
  problemEdges: Record<string, Problem[]>;
};

/**
 * Problems of `document`, placed. `edges` MUST be the canvas edges `document`
 * was made from, in the same order: a problem's `edge.index` is a position in
 * `document.edges`, which is the position of its canvas edge.
 */
export function validateCanvas(document: WorkflowDocument, edges: readonly CanvasEdge[]): ValidationState {
  const result = validateWorkflow(document);
  const problems = result.ok ? [] : [...result.problems];
  const problemsByNode: Record<string, Problem[]> = {};
  const problemEdges: Record<string, Problem[]> = {};
  for (const problem of problems) {
    if (problem.nodeId !== undefined) (problemsByNode[problem.nodeId] ??= []).push(problem);
    const edgeId = problem.edge === undefined ? undefined : edges[problem.edge.index]?.id;
    if (edgeId !== undefined) (problemEdges[edgeId] ??= []).push(problem);
  }
  return { problems, problemsByNode, problemEdges };
}
