"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState, type KeyboardEvent } from "react";
import { useTRPC } from "@/lib/trpc/client";
import { Button } from "@/components/ui/button";
import { errorMessage } from "@/components/ui/error-message";
import { InlineError } from "@/components/ui/inline-error";
import { RelativeTime } from "@/components/ui/relative-time";
import { usePermissions } from "@/components/session/session-provider";
import type { WorkflowSummary } from "./types";

type Mode = "view" | "rename" | "confirm-delete";

/**
 * One workflow in the list: open it, rename it in place, or delete it after a
 * confirmation — the last two only for roles that may edit workflows.
 */
export function WorkflowListItem({ workflow }: { workflow: WorkflowSummary }) {
  const { editWorkflows } = usePermissions();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<Mode>("view");
  const [draftName, setDraftName] = useState(workflow.name);
  // Every workflow query (the list, and this workflow's cached document, whose name changed).
  const invalidateWorkflowQueries = () => queryClient.invalidateQueries(trpc.workflow.pathFilter());

  const rename = useMutation(
    trpc.workflow.rename.mutationOptions({
      onSuccess: async () => {
        await invalidateWorkflowQueries();
        setMode("view");
      },
    }),
  );
  const remove = useMutation(trpc.workflow.delete.mutationOptions({ onSuccess: invalidateWorkflowQueries }));

  function startRename() {
    setDraftName(workflow.name);
    rename.reset();
    setMode("rename");
  }

  function saveName() {
    const name = draftName.trim();
    if (!name || name === workflow.name) return setMode("view");
    rename.mutate({ id: workflow.id, name });
  }

  function onRenameKey(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "Enter") {
      event.preventDefault();
      saveName();
    } else if (event.key === "Escape") {
      event.preventDefault();
      setMode("view");
    }
  }

  const error = rename.isError ? errorMessage(rename.error) : remove.isError ? errorMessage(remove.error) : null;

  return (
    <li className="px-4 py-3">
      <div className="flex min-h-9 items-center gap-3">
        {mode === "rename" ? (
          <input
            aria-label={`New name for ${workflow.name}`}
            value={draftName}
            onChange={(event) => setDraftName(event.target.value)}
            onKeyDown={onRenameKey}
            autoFocus
            maxLength={200}
            disabled={rename.isPending}
            className="h-8 min-w-0 flex-1 rounded-md border border-indigo-400 bg-white px-3 text-sm ring-3 ring-indigo-500/20 focus:outline-none"
          />
        ) : (
          <div className="min-w-0 flex-1">
            <Link href={`/workflows/${workflow.id}`} className="block truncate font-medium text-zinc-900 hover:text-indigo-600">
              {workflow.name}
            </Link>
            <p className="mt-0.5 text-xs text-zinc-500">
              Version {workflow.latestVersion} · Updated <RelativeTime date={workflow.updatedAt} />
            </p>
          </div>
        )}

        {mode === "view" && editWorkflows ? (
          <div className="flex items-center gap-1">
            <Button size="sm" variant="ghost" onClick={startRename}>
              Rename
            </Button>
            <Button size="sm" variant="ghost" className="hover:bg-red-50! hover:text-red-700!" onClick={() => setMode("confirm-delete")}>
              Delete
            </Button>
          </div>
        ) : null}

        {mode === "rename" ? (
          <div className="flex items-center gap-1">
            <Button size="sm" variant="primary" onClick={saveName} disabled={rename.isPending}>
              {rename.isPending ? "Saving…" : "Save"}
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setMode("view")} disabled={rename.isPending}>
              Cancel
            </Button>
          </div>
        ) : null}

        {mode === "confirm-delete" ? (
          <div role="group" aria-label={`Confirm deleting ${workflow.name}`} className="flex items-center gap-2">
            <span className="text-sm text-zinc-700">Delete?</span>
            <Button size="sm" variant="danger" onClick={() => remove.mutate({ id: workflow.id })} disabled={remove.isPending}>
              {remove.isPending ? "Deleting…" : "Yes"}
            </Button>
            <Button size="sm" onClick={() => setMode("view")} disabled={remove.isPending} autoFocus>
              No
            </Button>
          </div>
        ) : null}
      </div>
      <InlineError message={error} className="mt-1.5" />
    </li>
  );
}
