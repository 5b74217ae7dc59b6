import { whenIdle } from "@/components/canvas/when-idle";
import type { validateCanvas, ValidationState } from "./canvas-problems";

/**
 * Live validation of the canvas: the same pure `validateWorkflow` every layer
 * uses, run on the document the canvas would save, with each problem placed on
 * its node or on its canvas edge (`canvas-problems.ts`).
 *
 * The validator (with zod and every node schema, ≈ 110 KiB of script) is not
 * part of the page: `loadCanvasValidator` fetches it once the editor's first
 * cards are drawn, and every validation asked for before it arrived runs when
 * it does. Until the first validation, `problems` is empty.
 *
 * Cost: about 5–10 ms for 500 nodes on a quiet machine, 20–100 ms on a busy one
 * (measured in validation.test.ts). Graphs up to SYNC_VALIDATION_MAX_NODES are
 * validated right after each edit (once the validator is loaded); larger ones
 * once edits pause for VALIDATION_DEBOUNCE_MS, so typing and dragging stay
 * smooth; when one is opened, once the browser is idle after drawing it
 * (`whenIdle`), so its first paint does not wait for it. Moving nodes never
 * triggers validation (positions cannot make a workflow invalid).
 */
export type { ValidationState };
export type ValidateCanvas = typeof validateCanvas;

export const SYNC_VALIDATION_MAX_NODES = 150;
export const VALIDATION_DEBOUNCE_MS = 150;

let loadedValidator: ValidateCanvas | undefined;
let loadingValidator: Promise<ValidateCanvas> | undefined;

/** Loads the validator's chunk once (again after a failed download); later calls share the same promise. */
export function loadCanvasValidator(): Promise<ValidateCanvas> {
  return (loadingValidator ??= import("./canvas-problems").then(
    (module) => (loadedValidator = module.validateCanvas),
    (error: unknown) => {
      loadingValidator = undefined;
      throw error;
    },
  ));
}

/**
 * Runs `validate` now for small graphs, or once edits pause for large ones;
 * `whenIdle` runs it once the browser is idle (a large graph just opened).
 * Each waits for the validator when it is not loaded yet. `flush` runs a
 * pending validation — or the first one — at once (e.g. before a save),
 * loading the validator if need be.
 */
export function createValidationScheduler(validate: (validateCanvas: ValidateCanvas) => void) {
  /** Cancels the pending validation; undefined when none is pending. */
  let pending: (() => void) | undefined;
  /** The store's problems are not (or no longer) those of its document. */
  let stale = true;
  const cancel = () => {
    pending?.();
    pending = undefined;
  };
  const validateWith = (validator: ValidateCanvas) => {
    stale = false;
    validate(validator);
  };
  /** Validates now when the validator is loaded, else once it is (unless cancelled meanwhile). */
  const run = () => {
    pending = undefined;
    if (loadedValidator !== undefined) return validateWith(loadedValidator);
    let cancelled = false;
    pending = () => (cancelled = true);
    // A failed download leaves the validation pending: `flush` or the next edit tries again.
    loadCanvasValidator().then((validator) => {
      if (cancelled) return;
      pending = undefined;
      validateWith(validator);
    }, () => undefined);
  };
  return {
    request(nodeCount: number) {
      cancel();
      stale = true;
      if (nodeCount <= SYNC_VALIDATION_MAX_NODES) run();
      else {
        const timer = setTimeout(run, VALIDATION_DEBOUNCE_MS);
        pending = () => clearTimeout(timer);
      }
    },
    whenIdle() {
      cancel();
      stale = true;
      pending = whenIdle(run);
    },
    async flush() {
      if (!stale) return;
      cancel();
      validateWith(await loadCanvasValidator());
    },
    cancel,
  };
}
