"use client";

import { Button } from "@/components/ui/button";
import { useFitGraph } from "@/components/canvas/fit-view";
import { FIT_VIEW } from "@/components/editor/shortcuts/use-editor-shortcuts";
import { ExportWorkflowButton } from "@/components/editor/import-export/export-workflow-button";
import { ImportWorkflowButton } from "@/components/editor/import-export/import-workflow-button";
import type { WorkflowDocument } from "@/engine/workflow-schema";
import { useEditorStore, useEditorStoreApi } from "@/stores/editor-store-provider";

/** The toolbar's editing commands; each also has a keyboard shortcut (see the shortcuts overlay). */
export function EditorCommands({
  name,
  readOnly,
  onToggleHistory,
  historyOpen,
  onShowShortcuts,
}: {
  name: string;
  /** Only the commands that change nothing: history (view), export, shortcuts. */
  readOnly: boolean;
  onToggleHistory: () => void;
  historyOpen: boolean;
  onShowShortcuts: () => void;
}) {
  const store = useEditorStoreApi();
  const fitGraph = useFitGraph();
  const canUndo = useEditorStore((state) => state.canUndo);
  const canRedo = useEditorStore((state) => state.canRedo);
  return (
    <>
      {readOnly ? null : (
        <>
          <IconButton label="Undo" shortcut="Ctrl+Z" disabled={!canUndo} onClick={() => store.getState().undo()}>
            <path d="M6 5 3 8l3 3M3.5 8H10a3 3 0 0 1 0 6H8" />
          </IconButton>
          <IconButton label="Redo" shortcut="Ctrl+Shift+Z" disabled={!canRedo} onClick={() => store.getState().redo()}>
            <path d="m10 5 3 3-3 3M12.5 8H6a3 3 0 0 0 0 6h2" />
          </IconButton>
          <IconButton label="Auto-layout" shortcut="Shift+L" onClick={() => void store.getState().autoLayout().then(() => fitGraph(FIT_VIEW))}>
            <path d="M2.5 3.5h4v3h-4zM9.5 2.5h4v3h-4zM9.5 10.5h4v3h-4zM6.5 5h1.5v7h1.5M8 4h1.5" />
          </IconButton>
        </>
      )}
      <IconButton label="Version history" pressed={historyOpen} onClick={onToggleHistory}>
        <path d="M8 4.5V8l2.5 1.5M2.5 8a5.5 5.5 0 1 0 1.6-3.9M2.5 2.5v2.6h2.6" />
      </IconButton>
      {/* The file's nodes and settings, under this workflow's name: importing must not rename it. */}
      {readOnly ? null : (
        <ImportWorkflowButton onImport={(document: WorkflowDocument) => store.getState().replaceDocument({ ...document, name })} />
      )}
      <ExportWorkflowButton name={name} getDocument={() => store.getState().toDocument()} />
      <IconButton label="Keyboard shortcuts" shortcut="?" onClick={onShowShortcuts}>
        <path d="M2 4.5h12v7H2zM4.5 7h1M7.5 7h1M10.5 7h1M5 9.5h6" />
      </IconButton>
    </>
  );
}

function IconButton({
  label,
  shortcut,
  pressed,
  disabled,
  onClick,
  children,
}: {
  label: string;
  shortcut?: string;
  pressed?: boolean;
  disabled?: boolean;
  onClick: () => void;
  children: React.ReactNode;
}) {
  return (
    <Button
      variant="ghost"
      size="sm"
      aria-label={label}
      aria-pressed={pressed}
      title={shortcut ? `${label} (${shortcut})` : label}
      disabled={disabled}
      onClick={onClick}
      className={`w-8 px-0 ${pressed ? "bg-zinc-100 text-zinc-900" : ""}`}
    >
      <svg aria-hidden="true" viewBox="0 0 16 16" className="size-4" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round">
        {children}
      </svg>
    </Button>
  );
}
