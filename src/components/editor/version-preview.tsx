"use client";

import { ReactFlowProvider } from "@xyflow/react";
import { useEffect } from "react";
import { WorkflowCanvas } from "@/components/canvas/workflow-canvas";
import { Button } from "@/components/ui/button";
import type { WorkflowDocument } from "@/engine/workflow-schema";
import { EditorStoreProvider } from "@/stores/editor-store-provider";
import { RunViewProvider } from "@/stores/run-view-store";

/**
 * A stored version, shown read-only over the editor (its own store, so the
 * canvas being edited is untouched). Restore hands it to the editor as
 * unsaved changes.
 */
export function VersionPreview({
  workflowId,
  version,
  document,
  onRestore,
  onClose,
}: {
  workflowId: string;
  version: number;
  document: WorkflowDocument;
  onRestore: (() => void) | null;
  onClose: () => void;
}) {
  useEffect(() => {
    const close = (event: KeyboardEvent) => event.key === "Escape" && onClose();
    window.addEventListener("keydown", close);
    return () => window.removeEventListener("keydown", close);
  }, [onClose]);
  return (
    <div role="dialog" aria-modal="true" aria-label={`Version ${version}`} className="fixed inset-0 z-50 flex flex-col bg-zinc-900/40 p-6">
      <div className="flex min-h-0 flex-1 flex-col overflow-hidden rounded-xl bg-white shadow-xl">
        <div className="flex h-12 items-center gap-3 border-b border-zinc-200 px-4">
          <h2 className="text-sm font-semibold text-zinc-900">Version {version}</h2>
          <span className="text-xs text-zinc-500">Read only</span>
          <div className="ml-auto flex gap-2">
            {onRestore ? (
              <Button variant="primary" size="sm" onClick={onRestore}>
                Restore this version
              </Button>
            ) : null}
            <Button size="sm" onClick={onClose}>
              Close
            </Button>
          </div>
        </div>
        <div className="relative min-h-0 flex-1">
          <div className="absolute inset-0">
            <ReactFlowProvider>
              <EditorStoreProvider initial={{ workflowId, version, document }}>
                {/* No run on a stored version: nodes show no status. */}
                <RunViewProvider executionId={null}>
                  <WorkflowCanvas readOnly />
                </RunViewProvider>
              </EditorStoreProvider>
            </ReactFlowProvider>
          </div>
        </div>
      </div>
    </div>
  );
}
