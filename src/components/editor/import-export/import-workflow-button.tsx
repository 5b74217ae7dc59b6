"use client";

import { useState, type ChangeEvent } from "react";
import type { WorkflowDocument } from "@/engine/workflow-schema";
import { Button } from "@/components/ui/button";
import { usePermissions } from "@/components/session/session-provider";
import { MAX_WORKFLOW_FILE_BYTES, WORKFLOW_FILE_SUFFIX } from "./workflow-file";

export type ImportWorkflowButtonProps = {
  /**
   * A workflow read from a file. It may have graph problems (the canvas marks
   * them); the editor puts it on the canvas as unsaved changes. Returns false
   * when the canvas shows that workflow already (nothing changed: said so).
   */
  onImport: (document: WorkflowDocument) => boolean | void;
  disabled?: boolean;
};

/**
 * "Import": pick a workflow file; a file that is not JSON or not a workflow is
 * explained and changes nothing. The file input itself carries the accessible
 * name "Import workflow file" (what tests set files on); it is visually hidden
 * inside a label styled as a button, so it stays keyboard-focusable. Hidden
 * for roles that may not edit workflows.
 */
export function ImportWorkflowButton({ onImport, disabled = false }: ImportWorkflowButtonProps) {
  const { editWorkflows } = usePermissions();
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  if (!editWorkflows) return null;

  async function importFile(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const file = input.files?.[0];
    // Clear the input so choosing the same file again (after fixing it) fires a change.
    input.value = "";
    if (!file) return;
    setError(null);
    setNotice(null);
    if (file.size > MAX_WORKFLOW_FILE_BYTES) {
      setError(`“${file.name}” is ${megabytes(file.size)} MB; a workflow file is at most ${megabytes(MAX_WORKFLOW_FILE_BYTES)} MB. Nothing was imported.`);
      return;
    }
    setReading(true);
    const text = await file.text().catch(() => undefined);
    // The parser brings the validator (zod and every node schema): loaded on first use, not with the editor.
    const parser = text === undefined ? undefined : await import("./parse-workflow-file").catch(() => undefined);
    setReading(false);
    if (text === undefined) return setError(`“${file.name}” could not be read. Nothing was imported.`);
    if (parser === undefined) return setError("The file could not be checked: the importer did not load. Nothing was imported.");
    const parsed = parser.parseWorkflowFile(text);
    if (!parsed.ok) return setError(`${parsed.message} Nothing was imported.`);
    if (onImport(parsed.document) === false) setNotice(`“${file.name}” is what the canvas shows already: nothing changed.`);
  }

  const off = disabled || reading;
  return (
    <div className="relative">
      <label
        className={`inline-flex h-7 items-center gap-1.5 rounded-md px-2.5 text-xs font-medium whitespace-nowrap transition-colors focus-within:ring-3 focus-within:ring-indigo-500/30 ${
          off ? "cursor-not-allowed text-zinc-300" : "cursor-pointer text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900"
        }`}
        title={`Open a ${WORKFLOW_FILE_SUFFIX} file: it replaces the canvas as unsaved changes`}
      >
        <svg aria-hidden="true" viewBox="0 0 16 16" className="size-3.5" fill="none" stroke="currentColor" strokeWidth="1.6">
          <path d="M8 10.25V2.75M4.75 6 8 2.75 11.25 6" strokeLinecap="round" strokeLinejoin="round" />
          <path d="M2.75 11v1.75c0 .41.34.75.75.75h9c.41 0 .75-.34.75-.75V11" strokeLinecap="round" />
        </svg>
        Import
        <input
          type="file"
          accept=".json,application/json"
          aria-label="Import workflow file"
          disabled={off}
          onChange={(event) => void importFile(event)}
          className="sr-only"
        />
      </label>
      {error ? (
        <ImportMessage kind="error" onDismiss={() => setError(null)}>
          {error}
        </ImportMessage>
      ) : notice ? (
        <ImportMessage kind="note" onDismiss={() => setNotice(null)}>
          {notice}
        </ImportMessage>
      ) : null}
    </div>
  );
}

/** What became of an import, under the button until dismissed: an error (alert) or a note (status). */
function ImportMessage({ kind, onDismiss, children }: { kind: "error" | "note"; onDismiss: () => void; children: string }) {
  const error = kind === "error";
  return (
    <div
      role={error ? "alert" : "status"}
      className={`absolute top-full right-0 z-30 mt-1.5 flex w-96 max-w-[calc(100vw-2rem)] items-start gap-2 rounded-lg border p-3 text-sm shadow-lg ${
        error ? "border-red-200 bg-red-50 text-red-800" : "border-zinc-200 bg-white text-zinc-700"
      }`}
    >
      <p className="min-w-0 flex-1 break-words">{children}</p>
      <Button
        size="sm"
        variant="ghost"
        onClick={onDismiss}
        aria-label={error ? "Dismiss import error" : "Dismiss import note"}
        className={`-mt-1 -mr-1 ${error ? "text-red-700 hover:bg-red-100" : ""}`}
      >
        <svg aria-hidden="true" viewBox="0 0 16 16" className="size-3.5" fill="none" stroke="currentColor" strokeWidth="2">
          <path d="m4 4 8 8M12 4l-8 8" strokeLinecap="round" />
        </svg>
      </Button>
    </div>
  );
}

function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, "");
}
