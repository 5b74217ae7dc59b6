"use client";

import { useStoreApi } from "@xyflow/react";
import { useEffect, useRef } from "react";
import { useFitGraph } from "@/components/canvas/fit-view";
import { NODE_SIZE, viewportCenter } from "@/components/canvas/placement";
import { useEditorStoreApi } from "@/stores/editor-store-provider";
import { belongsToSomethingElse, EDITING_ACTIONS, isNodeClipboard, shortcutFor, type EditorAction } from "./shortcut-keys";

/** Fitting the graph from a command (F, after auto-layout) is animated. */
export const FIT_VIEW = { duration: 200 } as const;

/**
 * The editor's keyboard shortcuts (see SHORTCUT_HELP), listened for on the
 * whole page while mounted. Keys typed in fields, inside a dialog, or while a
 * modal is open are never taken. With `readOnly`, only copy, select all, fit view and help work.
 *
 * Copy and paste go through the system clipboard, so nodes travel between tabs:
 * copy writes the `copySelection()` text with navigator.clipboard; paste reads
 * it from the browser's `paste` event (no permission prompt). When that brings
 * no Switchyard nodes (no event, another app's text), the nodes last copied in
 * this editor are pasted instead. Pasted nodes land in the middle of the view.
 *
 * MUST be called inside React Flow's context (under the <ReactFlowProvider>
 * that also holds the canvas), and once per page: it listens on the window.
 */
export function useEditorShortcuts({ readOnly, onHelp }: { readOnly: boolean; onHelp: () => void }): void {
  const editor = useEditorStoreApi();
  const fitGraph = useFitGraph();
  const flowStore = useStoreApi();
  const lastCopied = useRef<string | null>(null);
  const onHelpRef = useRef(onHelp);
  useEffect(() => {
    onHelpRef.current = onHelp;
  }, [onHelp]);

  useEffect(() => {
    /** Set by Ctrl-V; cleared by the paste event that follows it, if the browser sends one. */
    let pasteAwaitingEvent = false;
    /** When the fallback last pasted: a late paste event for the same Ctrl-V MUST NOT paste again. */
    let fallbackPastedAt = 0;

    const pasteTopLeft = () => {
      const center = viewportCenter(flowStore.getState());
      return { x: Math.round(center.x - NODE_SIZE.width / 2), y: Math.round(center.y - NODE_SIZE.height / 2) };
    };

    const pasteText = (text: string) => {
      if (!isNodeClipboard(text)) return;
      try {
        editor.getState().paste(text, pasteTopLeft());
      } catch {
        // Not Switchyard nodes after all (the store says why); pasting nothing is the answer.
      }
    };

    const run = (action: EditorAction): boolean => {
      const state = editor.getState();
      switch (action) {
        case "undo":
          if (state.canUndo) state.undo();
          return true;
        case "redo":
          if (state.canRedo) state.redo();
          return true;
        case "copy": {
          // Selected text on the page (e.g. in a run's output) is copied as text, as usual.
          if (state.selectedNodeIds.length === 0 || hasTextSelection()) return false;
          const text = state.copySelection();
          lastCopied.current = text;
          void navigator.clipboard?.writeText(text).catch(() => undefined);
          return true;
        }
        case "paste":
          // Let the browser send its paste event (handled below); fall back when it does not.
          pasteAwaitingEvent = true;
          setTimeout(() => {
            if (!pasteAwaitingEvent) return;
            pasteAwaitingEvent = false;
            if (lastCopied.current === null) return;
            fallbackPastedAt = performance.now();
            pasteText(lastCopied.current);
          }, 0);
          return false;
        case "duplicate":
          if (state.selectedNodeIds.length > 0) state.duplicateSelection();
          return true;
        case "delete":
          state.deleteSelection();
          return true;
        case "selectAll":
          state.onNodesChange(state.nodes.map((node) => ({ type: "select", id: node.id, selected: true })));
          state.onEdgesChange(state.edges.map((edge) => ({ type: "select", id: edge.id, selected: true })));
          return true;
        case "autoLayout":
          // Laid out nodes may land outside the view: show them all once they are placed.
          void state.autoLayout().then(() => fitGraph(FIT_VIEW));
          return true;
        case "fitView":
          void fitGraph(FIT_VIEW);
          return true;
        case "help":
          onHelpRef.current();
          return true;
      }
    };

    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      if (belongsToSomethingElse(event.target as Element | null) || modalIsOpen()) return;
      const action = shortcutFor(event);
      if (action === null || (readOnly && EDITING_ACTIONS.has(action))) return;
      if (run(action)) event.preventDefault();
    };

    const onPaste = (event: ClipboardEvent) => {
      if (readOnly || belongsToSomethingElse(event.target as Element | null) || modalIsOpen()) return;
      const text = event.clipboardData?.getData("text/plain") ?? "";
      // Other text on the system clipboard: Ctrl-V on the canvas still pastes the nodes copied here.
      if (!isNodeClipboard(text) || performance.now() - fallbackPastedAt < 1000) return;
      pasteAwaitingEvent = false;
      event.preventDefault();
      pasteText(text);
    };

    window.addEventListener("keydown", onKeyDown);
    document.addEventListener("paste", onPaste);
    return () => {
      window.removeEventListener("keydown", onKeyDown);
      document.removeEventListener("paste", onPaste);
    };
  }, [editor, fitGraph, flowStore, readOnly]);
}

/**
 * A modal is open (this overlay, the run input, a version preview): keys belong
 * to it even when focus fell back to the page body, never to the canvas below.
 */
function modalIsOpen(): boolean {
  return document.querySelector('dialog[open], [aria-modal="true"]') !== null;
}

function hasTextSelection(): boolean {
  const selection = window.getSelection();
  return selection !== null && !selection.isCollapsed && selection.toString().trim() !== "";
}
