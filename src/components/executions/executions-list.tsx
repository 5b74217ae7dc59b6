"use client";

import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { useTRPC } from "@/lib/trpc/client";
import { useWorkflowExecutionUpdates } from "@/lib/live/use-workflow-execution-updates";
import { Button } from "@/components/ui/button";
import { errorMessage } from "@/components/ui/error-message";
import { ExecutionFilters, hasFilters, NO_FILTERS, type ExecutionFilterValues } from "./execution-filters";
import { ExecutionRow } from "./execution-row";

/** Runs per page ("Load more" fetches the next). */
const PAGE_SIZE = 25;
/** Status updates come in bursts (a run and its siblings); one refetch per burst. */
const REFRESH_DELAY_MS = 300;

/**
 * A workflow's runs, newest first: status, when, how long, how started, which
 * version, and what failed. Filter by status and trigger; "Load more" pages
 * with the server's cursor. Kept current live: every status change of any of
 * the workflow's runs (socket room `workflow:<id>`) refetches the loaded pages.
 */
export function ExecutionsList({ workflowId }: { workflowId: string }) {
  const trpc = useTRPC();
  const [filters, setFilters] = useState<ExecutionFilterValues>(NO_FILTERS);
  const list = useInfiniteQuery(
    trpc.execution.list.infiniteQueryOptions(
      {
        workflowId,
        status: filters.statuses.length > 0 ? filters.statuses : undefined,
        trigger: filters.trigger ?? undefined,
        limit: PAGE_SIZE,
      },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
  );
  useRefreshOnStatusChanges(workflowId);

  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  // A failed refetch or next page keeps the rows already loaded; only a first load without data shows the error alone.
  const failure = list.isError ? errorMessage(list.error) : null;

  return (
    <div className="space-y-4">
      <ExecutionFilters value={filters} onChange={setFilters} />
      {list.isPending ? (
        <LoadingRows />
      ) : list.data === undefined ? (
        <div role="alert" className="flex items-center justify-between gap-4 rounded-xl border border-red-200 bg-red-50 px-4 py-3">
          <p className="text-sm text-red-800">Could not load the runs. {failure}</p>
          <Button size="sm" onClick={() => void list.refetch()}>
            Try again
          </Button>
        </div>
      ) : items.length === 0 ? (
        <EmptyState workflowId={workflowId} filtered={hasFilters(filters)} />
      ) : (
        <>
          <div className="overflow-x-auto rounded-xl border border-zinc-200 bg-white shadow-xs">
            <table className="w-full text-left">
              <caption className="sr-only">Runs of this workflow, newest first</caption>
              <thead className="border-b border-zinc-200 bg-zinc-50 text-xs font-medium text-zinc-500">
                <tr>
                  <th scope="col" className="px-4 py-2 font-medium">Status</th>
                  <th scope="col" className="px-4 py-2 font-medium">Started</th>
                  <th scope="col" className="px-4 py-2 font-medium">Duration</th>
                  <th scope="col" className="px-4 py-2 font-medium">Trigger</th>
                  <th scope="col" className="px-4 py-2 font-medium">Version</th>
                  <th scope="col" className="px-4 py-2 font-medium">Error</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-100">
                {items.map((execution) => (
                  <ExecutionRow key={execution.id} execution={execution} />
                ))}
              </tbody>
            </table>
          </div>
          {failure ? <p role="alert" className="text-center text-sm text-red-700">Could not refresh the runs. {failure}</p> : null}
          {list.hasNextPage ? (
            <div className="flex justify-center">
              <Button onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
                {list.isFetchingNextPage ? "Loading…" : "Load more"}
              </Button>
            </div>
          ) : null}
        </>
      )}
    </div>
  );
}

/**
 * Refetch this workflow's lists when any of its runs changes status, and after
 * the live connection comes back (updates missed meanwhile are not replayed).
 */
function useRefreshOnStatusChanges(workflowId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const refresh = () => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      void queryClient.invalidateQueries(trpc.execution.list.infiniteQueryFilter({ workflowId }));
    }, REFRESH_DELAY_MS);
  };
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  useWorkflowExecutionUpdates(workflowId, refresh, refresh);
}

function LoadingRows() {
  return (
    <div aria-busy="true" className="rounded-xl border border-zinc-200 bg-white shadow-xs">
      <p className="sr-only">Loading runs…</p>
      {[0, 1, 2, 3].map((row) => (
        <div key={row} className="flex items-center gap-6 border-b border-zinc-100 px-4 py-3.5 last:border-b-0">
          <div className="h-5 w-20 animate-pulse rounded-full bg-zinc-100" />
          <div className="h-4 w-28 animate-pulse rounded bg-zinc-100" />
          <div className="h-4 w-16 animate-pulse rounded bg-zinc-100" />
          <div className="ml-auto h-4 w-32 animate-pulse rounded bg-zinc-100" />
        </div>
      ))}
    </div>
  );
}

function EmptyState({ workflowId, filtered }: { workflowId: string; filtered: boolean }) {
  return (
    <div className="flex flex-col items-center rounded-xl border border-dashed border-zinc-300 bg-white px-6 py-14 text-center">
      <svg aria-hidden="true" viewBox="0 0 24 24" className="size-10 text-zinc-300" fill="none" stroke="currentColor" strokeWidth="1.5">
        <circle cx="12" cy="12" r="8.5" />
        <path d="M10 8.75v6.5l5-3.25-5-3.25Z" strokeLinejoin="round" />
      </svg>
      {filtered ? (
        <>
          <h2 className="mt-3 text-base font-semibold text-zinc-900">No runs match these filters</h2>
          <p className="mt-1 text-sm text-zinc-500">Choose other statuses or triggers, or clear the filters to see every run.</p>
        </>
      ) : (
        <>
          <h2 className="mt-3 text-base font-semibold text-zinc-900">No executions yet — press Run in the editor.</h2>
          <Link href={`/workflows/${encodeURIComponent(workflowId)}`} className="mt-3 text-sm font-medium text-indigo-600 hover:text-indigo-500">
            Open the editor
          </Link>
        </>
      )}
    </div>
  );
}
