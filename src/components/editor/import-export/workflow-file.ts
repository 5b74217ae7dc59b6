import { WORKFLOW_LIMITS } from "@/engine/check-limits";
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
 *
 * Reading a file (`parseWorkflowFile`) needs the validator, with zod and every
 * node schema: it is in parse-workflow-file.ts, which the editor loads when a
 * file is chosen.
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
