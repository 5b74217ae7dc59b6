"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect } from "react";
import { useTRPC } from "@/lib/trpc/client";
import { WorkflowCanvas } from "@/components/canvas/workflow-canvas";
import { Button } from "@/components/ui/button";
import { errorMessage } from "@/components/ui/error-message";
import { usePermissions } from "@/components/session/session-provider";
import { EditorStoreProvider, useEditorStoreApi } from "@/stores/editor-store-provider";
import type { EditorSnapshot } from "@/stores/editor-store";
import { EditorToolbar } from "./editor-toolbar";

/**
 * Loads a workflow's newest version and shows it on the canvas, with its
 * toolbar. Roles that may not edit workflows get it read-only: nothing moves, no Save.
 */
export function WorkflowEditor({ workflowId }: { workflowId: string }) {
  const readOnly = !usePermissions().editWorkflows;
  const trpc = useTRPC();
  const workflow = useQuery(
    trpc.workflow.get.queryOptions(
      { id: workflowId },
      { retry: (failures, error) => error.data?.code !== "NOT_FOUND" && failures < 1 },
    ),
  );

  if (workflow.isPending) {
    return (
      <div aria-busy="true" className="flex flex-1 items-center justify-center text-sm text-zinc-500">
        <span className="mr-2 size-4 animate-spin rounded-full border-2 border-zinc-300 border-t-indigo-600" aria-hidden="true" />
        Loading workflow…
      </div>
    );
  }

  if (workflow.isError) {
    const notFound = workflow.error.data?.code === "NOT_FOUND";
    return (
      <div className="flex flex-1 items-center justify-center p-6">
        <div role="alert" className="max-w-md rounded-xl border border-zinc-200 bg-white p-6 text-center shadow-xs">
          <h1 className="text-base font-semibold text-zinc-900">{notFound ? "Workflow not found" : "Could not load this workflow"}</h1>
          <p className="mt-1 text-sm text-zinc-600">
            {notFound ? "It may have been deleted, or the link is wrong." : errorMessage(workflow.error)}
          </p>
          <div className="mt-4 flex justify-center gap-2">
            {notFound ? null : <Button onClick={() => void workflow.refetch()}>Try again</Button>}
            <Link
              href="/workflows"
              className="inline-flex h-9 items-center rounded-md bg-indigo-600 px-3.5 text-sm font-medium text-white shadow-sm hover:bg-indigo-500"
            >
              Back to workflows
            </Link>
          </div>
        </div>
      </div>
    );
  }

  const snapshot: EditorSnapshot = { workflowId, version: workflow.data.version, document: workflow.data.document };
  return (
    <EditorStoreProvider key={workflowId} initial={snapshot}>
      <FollowNewerVersions snapshot={snapshot} />
      <div className="flex min-h-0 flex-1 flex-col">
        <EditorToolbar name={workflow.data.workflow.name} readOnly={readOnly} />
        <div className="relative min-h-[420px] flex-1">
          <div className="absolute inset-0">
            <WorkflowCanvas readOnly={readOnly} />
          </div>
        </div>
      </div>
    </EditorStoreProvider>
  );
}

/**
 * When a newer stored version arrives (saved elsewhere, or a refetch after this
 * editor saved) and the canvas has no unsaved changes, show it. Unsaved changes
 * are never overwritten: saving them reports the conflict instead.
 */
function FollowNewerVersions({ snapshot }: { snapshot: EditorSnapshot }) {
  const store = useEditorStoreApi();
  useEffect(() => {
    const state = store.getState();
    if (snapshot.version > state.baseVersion && !state.dirty) state.load(snapshot);
  }, [store, snapshot]);
  return null;
}
