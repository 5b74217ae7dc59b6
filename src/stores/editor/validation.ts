import type { CanvasEdge } from "@/components/canvas/document-to-flow";
import { whenIdle } from "@/components/canvas/when-idle";
import { validateWorkflow, type Problem } from "@/engine/validate-workflow";
import type { WorkflowDocument } from "@/engine/workflow-schema";

/**
 * Live validation of the canvas: the same pure `validateWorkflow` every layer
 * uses, run on the document the canvas would save, with each problem placed on
 * its node or on its canvas edge.
 *
 * Cost: about 5–10 ms for 500 nodes on a quiet machine, 20–100 ms on a busy one
 * (measured in validation.test.ts). Graphs up to SYNC_VALIDATION_MAX_NODES are
 * validated right after each edit; larger ones once edits pause for
 * VALIDATION_DEBOUNCE_MS, so typing and dragging stay smooth; when one is
 * opened, once the browser is idle after drawing it (`whenIdle`), so its first
 * paint does not wait for it. Moving nodes never triggers validation
 * (positions cannot make a workflow invalid).
 */
export type ValidationState = {
  problems: Problem[];
  problemsByNode: Record<string, Problem[]>;
  /** Keyed by canvas edge id. */
  problemEdges: Record<string, Problem[]>;
};

export const SYNC_VALIDATION_MAX_NODES = 150;
export const VALIDATION_DEBOUNCE_MS = 150;

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

/**
 * Runs `validate` now for small graphs, or once edits pause for large ones;
 * `whenIdle` runs it once the browser is idle (a large graph just opened).
 * `flush` runs a pending validation at once (e.g. before a save).
 */
export function createValidationScheduler(validate: () => void) {
  /** Cancels the pending validation; undefined when none is pending. */
  let pending: (() => void) | undefined;
  const cancel = () => {
    pending?.();
    pending = undefined;
  };
  const run = () => {
    pending = undefined;
    validate();
  };
  return {
    request(nodeCount: number) {
      cancel();
      if (nodeCount <= SYNC_VALIDATION_MAX_NODES) validate();
      else {
        const timer = setTimeout(run, VALIDATION_DEBOUNCE_MS);
        pending = () => clearTimeout(timer);
      }
    },
    whenIdle() {
      cancel();
      pending = whenIdle(run);
    },
    flush() {
      if (pending === undefined) return;
      cancel();
      validate();
    },
    cancel,
  };
}
