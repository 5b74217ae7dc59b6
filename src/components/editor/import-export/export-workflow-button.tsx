"use client";

import type { WorkflowDocument } from "@/engine/workflow-schema";
import { Button } from "@/components/ui/button";
import { serializeWorkflow, workflowFileName } from "./workflow-file";

export type ExportWorkflowButtonProps = {
  /** The document as the canvas shows it now, unsaved changes included. */
  getDocument: () => WorkflowDocument;
  /** The workflow's name; the file is called `<slug>.switchyard.json`. */
  name: string;
};

/**
 * Downloads the canvas as a workflow file in the public format, the same JSON
 * the CLI's `validate`, `import` and `run` read. Any role may export.
 */
export function ExportWorkflowButton({ getDocument, name }: ExportWorkflowButtonProps) {
  function download() {
    const blob = new Blob([serializeWorkflow(getDocument())], { type: "application/json" });
    const url = URL.createObjectURL(blob);
    const link = document.createElement("a");
    link.href = url;
    link.download = workflowFileName(name);
    document.body.append(link);
    link.click();
    link.remove();
    // Revoke after the click has been handled; revoking at once can cancel the download in some browsers.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }

  return (
    <Button variant="ghost" size="sm" onClick={download} aria-label="Export workflow" title="Download this workflow as a .switchyard.json file">
      <svg aria-hidden="true" viewBox="0 0 16 16" className="size-3.5" fill="none" stroke="currentColor" strokeWidth="1.6">
        <path d="M8 2.5v7.5M4.75 7 8 10.25 11.25 7" strokeLinecap="round" strokeLinejoin="round" />
        <path d="M2.75 11v1.75c0 .41.34.75.75.75h9c.41 0 .75-.34.75-.75V11" strokeLinecap="round" />
      </svg>
      Export
    </Button>
  );
}
