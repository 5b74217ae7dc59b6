"use client";

import { useCallback } from "react";
import { workflowProblem, type Problem } from "@/engine/problem";
import { useEditorStoreApi } from "@/stores/editor-store-provider";
import { errorMessage } from "@/components/ui/error-message";
import type { SaveOutcome } from "./use-save-workflow";

type Save = () => Promise<SaveOutcome>;
export type PrepareRunResult = { ok: true } | { ok: false; problems: Problem[]; nodeNames: Record<string, string> };

/**
 * What Run does before starting: a canvas with problems is refused with the
 * list (it would only fail); unsaved changes are published first, so the run is
 * of what the person sees on the canvas — as in n8n, where Run executes the
 * open canvas.
 */
export function usePrepareRun(save: Save): () => Promise<PrepareRunResult> {
  const store = useEditorStoreApi();
  return useCallback(async () => {
    await store.getState().flushValidation();
    const state = store.getState();
    // Named as the canvas and the problem list name them (the id when a node has no name).
    const nodeNames = Object.fromEntries(state.nodes.map((node) => [node.id, node.data.node.name ?? node.id]));
    if (state.problems.length > 0) return { ok: false, problems: state.problems, nodeNames };
    if (!state.dirty) return { ok: true };
    const saved = await save();
    if (saved.kind === "published") return { ok: true };
    const reason = saved.kind === "failed" ? errorMessage(saved.error) : "they were kept as a draft";
    return { ok: false, problems: [workflowProblem(`the changes could not be published before running: ${reason}`)], nodeNames };
  }, [store, save]);
}
