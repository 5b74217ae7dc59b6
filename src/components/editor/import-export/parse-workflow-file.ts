import { checkDraftDocument } from "@/engine/draft-document";
import { validateWorkflow } from "@/engine/validate-workflow";
import type { WorkflowDocument } from "@/engine/workflow-schema";
import { WORKFLOW_FILE_SUFFIX } from "./workflow-file";

/** A file that is something else entirely fails everywhere; the first few reasons say enough. */
const LISTED_SHAPE_ERRORS = 3;

export type ParsedWorkflowFile = { ok: true; document: WorkflowDocument } | { ok: false; message: string };

/**
 * Read an imported file's text. A valid workflow comes back normalised
 * (defaults filled, as the API would store it); one with graph problems comes
 * back as written, with `config: {}` for nodes that had none; a shape error
 * comes back as one sentence that says what is wrong and where.
 */
export function parseWorkflowFile(text: string): ParsedWorkflowFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof SyntaxError ? ` (${error.message})` : "";
    return { ok: false, message: `This file is not JSON${detail}. Choose a ${WORKFLOW_FILE_SUFFIX} file exported from Switchyard.` };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { ok: false, message: "This file is not a Switchyard workflow: it should hold one JSON object with version, name, nodes and edges." };
  }

  const validation = validateWorkflow(value);
  if (validation.ok) return { ok: true, document: validation.workflow };

  const draft = checkDraftDocument(value);
  if (draft.ok) return { ok: true, document: draft.document };
  const listed = draft.problems.slice(0, LISTED_SHAPE_ERRORS).join("; ");
  const more = draft.problems.length - LISTED_SHAPE_ERRORS;
  return { ok: false, message: `This file is not a Switchyard workflow: ${listed}${more > 0 ? `; and ${more} more` : ""}.` };
}
