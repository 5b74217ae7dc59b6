"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import type { WorkflowDocument } from "@/engine/workflow-schema";
import { useTRPC } from "@/lib/trpc/client";
import { useEditorStore, useEditorStoreApi } from "@/stores/editor-store-provider";

/**
 * Saving from the editor. A canvas without problems is published as a new
 * version (what runs from now on); a canvas with problems is kept as the
 * workflow's draft — saved, reopened next time, but never run — so a person can
 * stop half-way through without losing work (issue 6: "saving an invalid graph
 * is allowed as a draft").
 *
 * Terminology
 * - published: stored as a version; `savedVersion` in the store says which.
 * - draft: stored on the workflow row, unpublished. `draftCurrent` is true
 *   while the canvas still equals the last draft stored (loaded or saved).
 */
export type SaveOutcome = { kind: "published"; version: number } | { kind: "draft" } | { kind: "failed"; error: unknown };

export function useSaveWorkflow() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const store = useEditorStoreApi();
  const publish = useMutation(trpc.workflow.saveVersion.mutationOptions());
  const keepDraft = useMutation(trpc.workflow.saveDraft.mutationOptions());
  const [draftJson, setDraftJson] = useState<string | null>(null);
  /** A failure before either request was made (the validator's code did not load): shown like theirs. */
  const [failure, setFailure] = useState<unknown>(null);
  const draftCurrent = useDraftCurrent(draftJson);

  /** Remember that the canvas, as it is now, is the stored draft (after loading one). */
  const markDraftLoaded = useCallback(() => setDraftJson(JSON.stringify(store.getState().toDocument())), [store]);

  /** Publish when valid, else keep a draft. Never rejects: a failure is an outcome (and shown from `error`). */
  const save = useCallback(async (): Promise<SaveOutcome> => {
    setFailure(null);
    try {
      // Large graphs validate once edits pause, and the validator loads after the first paint: be current before deciding.
      await store.getState().flushValidation();
      const state = store.getState();
      const document = state.toDocument();
      if (state.problems.length === 0) {
        const summary = await publish.mutateAsync({ id: state.workflowId, document, expectedVersion: state.baseVersion });
        store.getState().markSaved(summary.latestVersion, document);
        setDraftJson(null);
        keepDraft.reset();
        void queryClient.invalidateQueries(trpc.workflow.pathFilter());
        return { kind: "published", version: summary.latestVersion };
      }
      await keepDraft.mutateAsync({ id: state.workflowId, document, expectedVersion: state.baseVersion });
      setDraftJson(JSON.stringify(document));
      publish.reset();
      return { kind: "draft" };
    } catch (error) {
      setFailure(error);
      return { kind: "failed", error };
    }
  }, [store, publish, keepDraft, queryClient, trpc]);

  const error = publish.error ?? keepDraft.error ?? failure;
  return { save, saving: publish.isPending || keepDraft.isPending, error, draftCurrent, markDraftLoaded };
}

/**
 * Whether the canvas still equals `draftJson`. Serialising the document is a
 * few ms on a large graph, so it runs once edits pause, not on every drag frame.
 */
function useDraftCurrent(draftJson: string | null): boolean {
  const store = useEditorStoreApi();
  const nodes = useEditorStore((state) => state.nodes);
  const edges = useEditorStore((state) => state.edges);
  const [current, setCurrent] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    if (draftJson === null) {
      setCurrent(false);
      return;
    }
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setCurrent(JSON.stringify(store.getState().toDocument()) === draftJson), 150);
    return () => clearTimeout(timer.current);
  }, [store, nodes, edges, draftJson]);
  return current;
}

/** Put a stored draft on the canvas once, as unsaved changes over the version it was edited from. */
export function useOpenDraft(draft: WorkflowDocument | null, onOpened: () => void) {
  const store = useEditorStoreApi();
  const opened = useRef(false);
  useEffect(() => {
    if (opened.current || draft === null) return;
    opened.current = true;
    store.getState().replaceDocument(draft);
    onOpened();
  }, [store, draft, onOpened]);
}
