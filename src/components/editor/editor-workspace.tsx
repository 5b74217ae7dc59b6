"use client";

import { useState } from "react";
import { CanvasProvider } from "@/components/canvas/canvas-provider";
import { WorkflowCanvas } from "@/components/canvas/workflow-canvas";
import { NodePalette } from "@/components/editor/palette/node-palette";
import { ProblemList } from "@/components/editor/problems/problem-list";
import { RunControls } from "@/components/editor/run/run-controls";
import { useEditorShortcuts } from "@/components/editor/shortcuts/use-editor-shortcuts";
import type { WorkflowDocument } from "@/engine/workflow-schema";
import { RunViewProvider } from "@/stores/run-view-store";
import { useEditorStore, useEditorStoreApi } from "@/stores/editor-store-provider";
import { EditorCommands } from "./editor-commands";
import { EditorSidePanel } from "./editor-side-panel";
import { EditorToolbar } from "./editor-toolbar";
import { ShortcutsOverlay, useIdlePreload, VersionHistory } from "./lazy-panels";
import { RunBanner } from "./run-banner";
import { useLastRun } from "./use-last-run";
import { usePrepareRun } from "./use-prepare-run";
import { useOpenDraft, useSaveWorkflow } from "./use-save-workflow";
import { VersionPreview } from "./version-preview";

/**
 * The editor's panels: toolbar on top; palette | canvas | side panel (node
 * config, or the runs of an inspected node); the problem list at the bottom.
 * The run started here, else the workflow's newest one (read after the first
 * paint, see useLastRun), is shown live on the same canvas.
 */
export function EditorWorkspace({
  workflowId,
  name,
  readOnly,
  draft,
}: {
  workflowId: string;
  name: string;
  readOnly: boolean;
  draft: WorkflowDocument | null;
}) {
  const store = useEditorStoreApi();
  const saving = useSaveWorkflow();
  useOpenDraft(draft, saving.markDraftLoaded);
  const prepareRun = usePrepareRun(saving.save);
  useIdlePreload();
  const lastRun = useLastRun(workflowId);
  const executionId = lastRun.shownRunId;
  const [historyOpen, setHistoryOpen] = useState(false);
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const [preview, setPreview] = useState<{ version: number; document: WorkflowDocument } | null>(null);
  const restore = (document: WorkflowDocument) => {
    store.getState().replaceDocument(document);
    setPreview(null);
    setHistoryOpen(false);
  };

  return (
    <CanvasProvider>
      <RunViewProvider executionId={executionId}>
        <Shortcuts readOnly={readOnly} onHelp={() => setShortcutsOpen(true)} />
        <div className="flex min-h-0 flex-1 flex-col">
          <EditorToolbar
            name={name}
            workflowId={workflowId}
            readOnly={readOnly}
            saving={saving.saving}
            saveError={saving.error}
            draftCurrent={saving.draftCurrent}
            onSave={() => void saving.save()}
            commands={
              <EditorCommands
                name={name}
                readOnly={readOnly}
                historyOpen={historyOpen}
                onToggleHistory={() => setHistoryOpen((open) => !open)}
                onShowShortcuts={() => setShortcutsOpen(true)}
              />
            }
            run={<RunControls workflowId={workflowId} prepareRun={prepareRun} onStarted={lastRun.started} disabled={saving.saving} />}
          />
          {executionId ? <RunBanner executionId={executionId} onDismiss={lastRun.hide} /> : null}
          <div className="flex min-h-0 flex-1">
            {readOnly ? null : <NodePalette />}
            <div className="relative min-h-[420px] min-w-0 flex-1">
              <div className="absolute inset-0">
                <WorkflowCanvas readOnly={readOnly} />
              </div>
            </div>
            {historyOpen ? (
              <aside className="w-[340px] shrink-0 overflow-y-auto border-l border-zinc-200 bg-white">
                <VersionHistory
                  workflowId={workflowId}
                  currentVersion={store.getState().baseVersion}
                  onView={(version, document) => setPreview({ version, document })}
                  onRestore={(_version, document) => restore(document)}
                  onClose={() => setHistoryOpen(false)}
                />
              </aside>
            ) : (
              <EditorSidePanel readOnly={readOnly} lastExecutionId={lastRun.suggestionsRunId} />
            )}
          </div>
          <Problems />
        </div>
        {shortcutsOpen ? <ShortcutsOverlay onClose={() => setShortcutsOpen(false)} /> : null}
        {preview ? (
          <VersionPreview
            workflowId={workflowId}
            version={preview.version}
            document={preview.document}
            onRestore={readOnly ? null : () => restore(preview.document)}
            onClose={() => setPreview(null)}
          />
        ) : null}
      </RunViewProvider>
    </CanvasProvider>
  );
}

function Shortcuts({ readOnly, onHelp }: { readOnly: boolean; onHelp: () => void }) {
  useEditorShortcuts({ readOnly, onHelp });
  return null;
}

function Problems() {
  const store = useEditorStoreApi();
  const problems = useEditorStore((state) => state.problems);
  const nodes = useEditorStore((state) => state.nodes);
  if (problems.length === 0) return null;
  const nodeNames = Object.fromEntries(nodes.map((node) => [node.id, node.data.node.name ?? node.id]));
  return <ProblemList problems={problems} nodeNames={nodeNames} onSelectNode={(id: string) => store.getState().selectNode(id)} />;
}
