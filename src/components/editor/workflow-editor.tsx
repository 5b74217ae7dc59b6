"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/routers/app";
import { useTRPC } from "@/lib/trpc/client";
import { LoadFailedScreen, LoadingScreen } from "@/components/ui/load-states";
import { errorMessage } from "@/components/ui/error-message";
import { usePermissions } from "@/components/session/session-provider";
import { EditorStoreProvider, useEditorStoreApi } from "@/stores/editor-store-provider";
import type { EditorSnapshot } from "@/stores/editor-store";
import { EditorWorkspace } from "./editor-workspace";

type WorkflowGet = inferRouterOutputs<AppRouter>["workflow"]["get"];
const INITIAL_DATA_FRESH_MS = 10_000;

/**
 * Loads a workflow's newest version — and its unpublished draft, if one was
 * kept — and opens the editor on it. Roles that may not edit workflows get it
 * read-only: nothing moves, no Save, no Run.
 */
export function WorkflowEditor({ workflowId, initial }: { workflowId: string; initial?: WorkflowGet | undefined }) {
  const readOnly = !usePermissions().editWorkflows;
  const trpc = useTRPC();
  const [loadedAt] = useState(() => Date.now());
  const workflow = useQuery(
    trpc.workflow.get.queryOptions(
      { id: workflowId },
      {
        retry: (failures, error) => error.data?.code !== "NOT_FOUND" && failures < 1,
        // Rendered with the page (see its page.tsx): fresh for a while, not fetched again at once.
        ...(initial ? { initialData: initial, initialDataUpdatedAt: loadedAt, staleTime: INITIAL_DATA_FRESH_MS } : {}),
      },
    ),
  );

  if (workflow.isPending) return <LoadingScreen label="Loading workflow…" />;
  if (workflow.isError) {
    const notFound = workflow.error.data?.code === "NOT_FOUND";
    return (
      <LoadFailedScreen
        title={notFound ? "Workflow not found" : "Could not load this workflow"}
        message={notFound ? "It may have been deleted, or the link is wrong." : errorMessage(workflow.error)}
        onRetry={notFound ? undefined : () => void workflow.refetch()}
        backHref="/workflows"
        backLabel="Back to workflows"
      />
    );
  }

  const snapshot: EditorSnapshot = { workflowId, version: workflow.data.version, document: workflow.data.document };
  const draft = !readOnly && workflow.data.draft?.baseVersion === workflow.data.version ? workflow.data.draft.document : null;
  return (
    <EditorStoreProvider key={workflowId} initial={snapshot}>
      <FollowNewerVersions snapshot={snapshot} />
      <EditorWorkspace workflowId={workflowId} name={workflow.data.workflow.name} readOnly={readOnly} draft={draft} />
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
