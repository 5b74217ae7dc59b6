"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { Button } from "@/components/ui/button";
import { errorMessage } from "@/components/ui/error-message";
import { usePermissions } from "@/components/session/session-provider";
import { WorkflowListItem } from "./workflow-list-item";

/** Every live workflow, most recently updated first. */
export function WorkflowList() {
  const trpc = useTRPC();
  const list = useQuery(trpc.workflow.list.queryOptions());

  if (list.isPending) {
    return (
      <div aria-busy="true" className="rounded-xl border border-zinc-200 bg-white shadow-xs">
        <p className="sr-only">Loading workflows…</p>
        {[0, 1, 2].map((row) => (
          <div key={row} className="flex items-center gap-4 border-b border-zinc-100 px-4 py-4 last:border-b-0">
            <div className="h-4 w-48 animate-pulse rounded bg-zinc-100" />
            <div className="ml-auto h-4 w-24 animate-pulse rounded bg-zinc-100" />
          </div>
        ))}
      </div>
    );
  }

  if (list.isError) {
    return (
      <div role="alert" className="flex items-center justify-between gap-4 rounded-xl border border-red-200 bg-red-50 px-4 py-3">
        <p className="text-sm text-red-800">Could not load workflows. {errorMessage(list.error)}</p>
        <Button size="sm" onClick={() => void list.refetch()}>
          Try again
        </Button>
      </div>
    );
  }

  if (list.data.length === 0) return <EmptyState />;

  return (
    <ul aria-label="Workflows" className="divide-y divide-zinc-100 rounded-xl border border-zinc-200 bg-white shadow-xs">
      {list.data.map((workflow) => (
        <WorkflowListItem key={workflow.id} workflow={workflow} />
      ))}
    </ul>
  );
}

function EmptyState() {
  const { editWorkflows } = usePermissions();
  return (
    <div className="flex flex-col items-center rounded-xl border border-dashed border-zinc-300 bg-white px-6 py-14 text-center">
      <svg aria-hidden="true" viewBox="0 0 24 24" className="size-10 text-zinc-300" fill="none" stroke="currentColor" strokeWidth="1.5">
        <rect x="3" y="4" width="7" height="6" rx="1.5" />
        <rect x="14" y="14" width="7" height="6" rx="1.5" />
        <path d="M10 7h2a2 2 0 0 1 2 2v6a2 2 0 0 0 2 2" strokeLinecap="round" />
      </svg>
      {editWorkflows ? (
        <>
          <h2 className="mt-3 text-base font-semibold text-zinc-900">No workflows yet — create your first one</h2>
          <p className="mt-1 max-w-sm text-sm text-zinc-500">
            Give it a name above and press “Create workflow”. It starts with a manual trigger you can build on.
          </p>
        </>
      ) : (
        <>
          <h2 className="mt-3 text-base font-semibold text-zinc-900">No workflows yet</h2>
          <p className="mt-1 max-w-sm text-sm text-zinc-500">Builders and admins create them; they will appear here.</p>
        </>
      )}
    </div>
  );
}
