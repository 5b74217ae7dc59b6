"use client";

import { IntentLink } from "@/components/ui/intent-link";
import { useEffect, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { errorMessage } from "@/components/ui/error-message";
import { useEditorStore } from "@/stores/editor-store-provider";

/**
 * The bar above the canvas: where you are, which version, whether it is saved
 * (published, kept as a draft, or not at all), the editing commands, Save and
 * Run — or, read-only, a note saying why there is no Save.
 */
export function EditorToolbar({
  name,
  workflowId,
  readOnly,
  saving,
  saveError,
  draftCurrent,
  onSave,
  commands,
  run,
}: {
  name: string;
  workflowId: string;
  readOnly: boolean;
  saving: boolean;
  saveError: unknown;
  draftCurrent: boolean;
  onSave: () => void;
  /** Undo, redo, layout, history, import/export: shown between the status and Save. */
  commands: ReactNode;
  /** The Run controls. */
  run: ReactNode;
}) {
  const dirty = useEditorStore((state) => state.dirty);
  const baseVersion = useEditorStore((state) => state.baseVersion);
  const savedVersion = useEditorStore((state) => state.savedVersion);
  const problemCount = useEditorStore((state) => state.problems.length);

  useWarnBeforeLeaving(dirty && !draftCurrent);

  return (
    <div className="border-b border-zinc-200 bg-white">
      <div className="flex h-14 items-center gap-3 px-4">
        <nav aria-label="Breadcrumb" className="flex min-w-0 items-center gap-2 text-sm">
          <IntentLink href="/workflows" className="text-zinc-500 hover:text-zinc-900">
            Workflows
          </IntentLink>
          <span aria-hidden="true" className="text-zinc-300">/</span>
          <h1 className="truncate font-semibold text-zinc-900">{name}</h1>
        </nav>
        <span className="rounded-full bg-zinc-100 px-2 py-0.5 text-xs font-medium text-zinc-600">Version {baseVersion}</span>
        <IntentLink href={`/workflows/${workflowId}/executions`} className="text-sm font-medium text-indigo-600 hover:text-indigo-500">
          Executions
        </IntentLink>

        {readOnly ? (
          <p className="ml-auto flex items-center gap-1.5 text-sm text-zinc-500">
            <svg aria-hidden="true" viewBox="0 0 16 16" className="size-4" fill="none" stroke="currentColor" strokeWidth="1.6">
              <rect x="3.5" y="7" width="9" height="6.5" rx="1.2" />
              <path d="M5.5 7V5a2.5 2.5 0 0 1 5 0v2" />
            </svg>
            Read only — your role can view this workflow but not change it
            {/* Viewing commands still apply: version history, export, shortcuts. */}
            <span className="ml-2 flex items-center gap-1 border-l border-zinc-200 pl-2">{commands}</span>
          </p>
        ) : (
          <div className="ml-auto flex items-center gap-2">
            <SaveStatus dirty={dirty} draftCurrent={draftCurrent} problemCount={problemCount} savedVersion={savedVersion} />
            <div className="flex items-center gap-1 border-x border-zinc-200 px-2">{commands}</div>
            <Button
              variant={problemCount > 0 ? "secondary" : "primary"}
              onClick={onSave}
              disabled={!dirty || saving || draftCurrent}
              title={problemCount > 0 ? "The canvas has problems: it is kept as a draft, which does not run" : "Publish a new version"}
            >
              {saving ? "Saving…" : problemCount > 0 ? "Save draft" : "Save"}
            </Button>
            {run}
          </div>
        )}
      </div>
      {saveError ? (
        <p role="alert" className="border-t border-red-200 bg-red-50 px-4 py-2 text-sm text-red-800">
          Not saved: {errorMessage(saveError)}
        </p>
      ) : null}
    </div>
  );
}

function SaveStatus({
  dirty,
  draftCurrent,
  problemCount,
  savedVersion,
}: {
  dirty: boolean;
  draftCurrent: boolean;
  problemCount: number;
  savedVersion: number | null;
}) {
  if (dirty && draftCurrent) {
    return (
      <span role="status" className="flex items-center gap-1.5 text-sm text-zinc-600">
        <span aria-hidden="true" className="size-2 rounded-full bg-zinc-400" />
        Draft saved — not published{problemCount > 0 ? ` (${problemCount} ${problemCount === 1 ? "problem" : "problems"})` : ""}
      </span>
    );
  }
  if (dirty) {
    return (
      <span role="status" className="flex items-center gap-1.5 text-sm text-amber-700">
        <span aria-hidden="true" className="size-2 rounded-full bg-amber-500" />
        Unsaved changes
      </span>
    );
  }
  if (savedVersion !== null) {
    return (
      <span role="status" className="flex items-center gap-1.5 text-sm text-emerald-700">
        <svg aria-hidden="true" viewBox="0 0 16 16" className="size-4" fill="none" stroke="currentColor" strokeWidth="2">
          <path d="m3.5 8.5 3 3 6-7" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
        Saved as version {savedVersion}
      </span>
    );
  }
  return <span role="status" className="sr-only">No unsaved changes</span>;
}

/** Ask the browser to confirm leaving the page while there are unsaved changes. */
function useWarnBeforeLeaving(dirty: boolean) {
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);
}
