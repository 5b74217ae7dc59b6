import { checkDraftDocument } from "@/engine/draft-document";
import { WORKFLOW_LIMITS } from "@/engine/check-limits";
import { validateWorkflow } from "@/engine/validate-workflow";
import type { WorkflowDocument } from "@/engine/workflow-schema";

/**
 * Workflow files: the public WORKFLOW_FORMAT v1 document as pretty JSON, named
 * `<slug>.switchyard.json`. Exporting writes the canvas's document as is;
 * importing accepts any file the canvas can show.
 *
 * Terminology
 * - shape error: the file is not JSON, or not a workflow the canvas can show
 *   (no name, a node without an id or with an unknown type, an edge without
 *   ends, too large). Import refuses it and changes nothing.
 * - graph problem: everything else `validateWorkflow` reports (a config field,
 *   a missing trigger, a cycle). Import accepts it; the canvas marks it, and
 *   the workflow cannot run until it is fixed.
 */
export const WORKFLOW_FILE_SUFFIX = ".switchyard.json";

/**
 * Files above this are refused before reading: a valid document is at most
 * WORKFLOW_LIMITS.maxDocumentBytes as compact JSON, and pretty printing
 * (indentation) rarely more than triples it.
 */
export const MAX_WORKFLOW_FILE_BYTES = 4 * WORKFLOW_LIMITS.maxDocumentBytes;

/** "Order approval (EU)" → "order-approval-eu"; letters with accents lose them; nothing usable → "workflow". */
export function workflowSlug(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "");
  return slug === "" ? "workflow" : slug;
}

export function workflowFileName(name: string): string {
  return `${workflowSlug(name)}${WORKFLOW_FILE_SUFFIX}`;
}

/** The file's text: two-space indented JSON and a final newline, so files diff well in version control. */
export function serializeWorkflow(document: WorkflowDocument): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

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
