import type { Json } from "@/engine/execution-types";

/**
 * The JSON a manual run starts with (the trigger's output), as a person types
 * it in the Run input dialog. The text is remembered per workflow in
 * localStorage under RUN_INPUT_KEY_PREFIX + workflowId, so the next run (or the
 * next visit) starts from the same input. Default: `{}`.
 */
export const RUN_INPUT_KEY_PREFIX = "switchyard:run-input:";
export const DEFAULT_RUN_INPUT = "{}";

/** The part of `window.localStorage` used here; tests pass a plain object. */
export type RunInputStorage = Pick<Storage, "getItem" | "setItem">;

export type ParsedRunInput = { ok: true; value: Json } | { ok: false; message: string };

/**
 * Any JSON value is a valid input. Blank text means "no input" and runs with
 * `{}`, the same as the default, so clearing the box never blocks a run.
 */
export function parseRunInput(text: string): ParsedRunInput {
  if (text.trim() === "") return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) as Json };
  } catch (error) {
    const detail = error instanceof SyntaxError ? error.message : String(error);
    return { ok: false, message: `Not valid JSON: ${detail}` };
  }
}

export function runInputStorageKey(workflowId: string): string {
  return `${RUN_INPUT_KEY_PREFIX}${workflowId}`;
}

/**
 * The remembered input text, or `{}`. Storage that throws (disabled, private
 * mode) or is missing (server rendering) counts as nothing remembered.
 */
export function loadRunInput(storage: RunInputStorage | undefined, workflowId: string): string {
  try {
    return storage?.getItem(runInputStorageKey(workflowId)) ?? DEFAULT_RUN_INPUT;
  } catch {
    return DEFAULT_RUN_INPUT;
  }
}

/** Remember the text as typed, valid or not, so an unfinished edit is not lost. A full or blocked storage is ignored. */
export function saveRunInput(storage: RunInputStorage | undefined, workflowId: string, text: string): void {
  try {
    storage?.setItem(runInputStorageKey(workflowId), text);
  } catch {
    // Remembering is a convenience; the run itself does not depend on it.
  }
}

/** "Can't run: 1 problem" / "Can't run: 3 problems". */
export function cantRunHeading(problemCount: number): string {
  return `Can't run: ${problemCount} ${problemCount === 1 ? "problem" : "problems"}`;
}
