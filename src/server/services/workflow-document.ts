import { formatProblem, validateWorkflow } from "@/engine/validate-workflow";
import type { WorkflowDocument } from "@/engine/workflow-schema";
import { InvalidWorkflowError, type ProblemWithText } from "@/server/errors";

/** The document a new, empty workflow starts with: one manual trigger. */
export function newWorkflowDocument(name: string): WorkflowDocument {
  return {
    version: 1,
    name,
    nodes: [{ id: "start", type: "trigger.manual", name: "Start", config: {}, position: { x: 0, y: 0 } }],
    edges: [],
    settings: {},
  } as WorkflowDocument;
}

export type DocumentCheck = { ok: true; document: WorkflowDocument } | { ok: false; problems: ProblemWithText[] };

export function checkDocument(input: unknown): DocumentCheck {
  const result = validateWorkflow(input);
  if (result.ok) return { ok: true, document: result.workflow };
  return { ok: false, problems: result.problems.map((p) => ({ ...p, text: formatProblem(p) })) };
}

/** Parse a document or throw InvalidWorkflowError naming every problem. */
export function requireValidDocument(input: unknown): WorkflowDocument {
  const checked = checkDocument(input);
  if (!checked.ok) throw new InvalidWorkflowError(checked.problems);
  return checked.document;
}
