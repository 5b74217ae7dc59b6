import { z } from "zod";
import { checkEdges, type CheckedEdge } from "./check-edges";
import { checkGraphRules } from "./check-graph-rules";
import { checkLimits } from "./check-limits";
import { checkNodes, type CheckedNode } from "./check-nodes";
import { describeIssues, describeValue } from "./issue-messages";
import { workflowProblem, type Problem } from "./problem";
import { WorkflowDocument } from "./workflow-schema";

export { formatProblem, type Problem } from "./problem";

export type WorkflowValidation =
  | { readonly ok: true; readonly workflow: WorkflowDocument }
  | { readonly ok: false; readonly problems: readonly Problem[] };

/** The document's own fields; nodes and edges are checked one by one afterwards. */
const DocumentEnvelope = WorkflowDocument.extend({
  nodes: z.array(z.unknown()),
  edges: z.array(z.unknown()),
});

/**
 * Validates a workflow document (format version 1) and returns it normalised
 * (defaults filled), or every problem found. Every layer that accepts a workflow
 * (canvas save, API, import, CLI, worker) MUST go through this.
 *
 * 0. Size limits (check-limits.ts: nodes, edges, bytes); a document above them is
 *    refused with only those problems.
 * 1. The document's own fields (version, name, settings; nodes and edges are lists).
 * 2. Each node on its own: id, common fields, type, config; then duplicate ids.
 * 3. Each edge: shape, both ends exist, handles exist, no edge into a trigger, no repeats.
 * 4. Graph rules: exactly one trigger; then, when ids are unique and the edge list is
 *    readable, no cycle, regions closed, break/continue inside a loop body, n_of_m joins
 *    reachable by n edges. Dangling and repeated edges are left out of the graph, so
 *    their problems are reported once.
 * Problems are listed in that order: workflow fields, nodes, edges, graph rules.
 */
export function validateWorkflow(input: unknown): WorkflowValidation {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return { ok: false, problems: [workflowProblem(`a workflow must be a JSON object, got ${describeValue(input)}`)] };
  }
  const tooLarge = checkLimits(input);
  if (tooLarge.length > 0) return { ok: false, problems: tooLarge };
  const problems: Problem[] = [];
  const envelope = DocumentEnvelope.safeParse(input, { reportInput: true });
  if (!envelope.success) {
    for (const { path, text } of describeIssues(envelope.error.issues, DocumentEnvelope)) {
      problems.push(workflowProblem(text, path));
    }
  }

  const { nodes: rawNodes, edges: rawEdges } = input as { nodes?: unknown; edges?: unknown };
  let nodes: CheckedNode[] | undefined;
  let duplicateIds = new Set<string>();
  if (Array.isArray(rawNodes)) {
    const checked = checkNodes(rawNodes);
    nodes = checked.nodes;
    duplicateIds = checked.duplicateIds;
    problems.push(...checked.problems);
  }
  let edges: CheckedEdge[] | undefined;
  if (Array.isArray(rawEdges)) {
    const checked = checkEdges(rawEdges, nodes, duplicateIds);
    edges = checked.edges;
    problems.push(...checked.problems);
  }
  if (nodes !== undefined) {
    const graphIsUsable = edges !== undefined && duplicateIds.size === 0;
    problems.push(...checkGraphRules(nodes, edges ?? [], graphIsUsable));
  }

  if (problems.length > 0) return { ok: false, problems };
  // Every part passed, so this parse succeeds; it is what fills the defaults.
  const workflow = WorkflowDocument.safeParse(input, { reportInput: true });
  if (workflow.success) return { ok: true, workflow: workflow.data };
  const leftovers = describeIssues(workflow.error.issues, WorkflowDocument);
  return { ok: false, problems: leftovers.map(({ path, text }) => workflowProblem(text, path)) };
}
