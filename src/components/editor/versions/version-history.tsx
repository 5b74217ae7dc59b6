"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useTRPC } from "@/lib/trpc/client";
import type { WorkflowDocument } from "@/engine/workflow-schema";
import { Button } from "@/components/ui/button";
import { errorMessage } from "@/components/ui/error-message";
import { InlineError } from "@/components/ui/inline-error";
import { usePermissions } from "@/components/session/session-provider";
import { VersionRow, type VersionAction } from "./version-row";

export type VersionHistoryProps = {
  workflowId: string;
  /** The version the canvas started from (marked "Current"). */
  currentVersion: number;
  /** Show that version's document (read-only, beside or instead of the canvas: the editor decides). */
  onView: (version: number, document: WorkflowDocument) => void;
  /** Put that version's document on the canvas as unsaved changes (undoable; nothing is published). */
  onRestore: (version: number, document: WorkflowDocument) => void;
  onClose: () => void;
  /** Extra classes; the panel fills its container, which sets its width and border. */
  className?: string;
};

/**
 * The panel listing every published version of a workflow, newest first, with
 * View and Restore per version. Versions are immutable: restoring never
 * rewrites history, it starts an edit from the old document that Save
 * publishes as a new version. Restore is offered only to roles that may edit.
 */
export function VersionHistory({ workflowId, currentVersion, onView, onRestore, onClose, className = "" }: VersionHistoryProps) {
  const { editWorkflows } = usePermissions();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const versions = useQuery(trpc.workflow.versions.queryOptions({ id: workflowId }));
  const [pending, setPending] = useState<{ version: number; action: VersionAction } | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const panel = useRef<HTMLElement>(null);

  useEffect(() => {
    panel.current?.focus();
  }, []);

  async function act(version: number, action: VersionAction) {
    setPending({ version, action });
    setActionError(null);
    try {
      // Versions never change, so a cached document is as good as a fresh one.
      const stored = await queryClient.fetchQuery(trpc.workflow.get.queryOptions({ id: workflowId, version }, { staleTime: Infinity }));
      if (action === "view") onView(version, stored.document);
      else onRestore(version, stored.document);
    } catch (error) {
      setActionError(`Could not open version ${version}: ${errorMessage(error)}`);
    } finally {
      setPending(null);
    }
  }

  return (
    <section
      ref={panel}
      tabIndex={-1}
      aria-label="Version history"
      onKeyDown={(event) => {
        if (event.key === "Escape") onClose();
      }}
      className={`flex h-full min-h-0 flex-col bg-white focus:outline-none ${className}`}
    >
      <header className="flex h-12 shrink-0 items-center justify-between border-b border-zinc-200 pr-2 pl-4">
        <h2 className="text-sm font-semibold text-zinc-900">Version history</h2>
        <Button size="sm" variant="ghost" onClick={onClose} aria-label="Close version history">
          <svg aria-hidden="true" viewBox="0 0 16 16" className="size-3.5" fill="none" stroke="currentColor" strokeWidth="2">
            <path d="m4 4 8 8M12 4l-8 8" strokeLinecap="round" />
          </svg>
        </Button>
      </header>
      <p className="border-b border-zinc-100 px-4 py-2 text-xs text-zinc-500">
        Every Save publishes a new version. {editWorkflows ? "Restoring puts an old version on the canvas; Save publishes it again." : null}
      </p>
      <InlineError message={actionError} className="border-b border-red-100 bg-red-50 px-4 py-2" />
      <div className="min-h-0 flex-1 overflow-y-auto">
        {versions.isPending ? (
          <p aria-busy="true" className="px-4 py-6 text-sm text-zinc-500">
            Loading versions…
          </p>
        ) : versions.isError ? (
          <div role="alert" className="space-y-2 px-4 py-4">
            <p className="text-sm text-red-800">Could not load the versions. {errorMessage(versions.error)}</p>
            <Button size="sm" onClick={() => void versions.refetch()}>
              Try again
            </Button>
          </div>
        ) : (
          <ol aria-label="Versions" className="divide-y divide-zinc-100">
            {versions.data.map((row) => (
              <VersionRow
                key={row.id}
                version={row.version}
                createdAt={new Date(row.createdAt)}
                current={row.version === currentVersion}
                canRestore={editWorkflows}
                pending={pending?.version === row.version ? pending.action : null}
                busy={pending !== null}
                onAction={(action) => void act(row.version, action)}
              />
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}
