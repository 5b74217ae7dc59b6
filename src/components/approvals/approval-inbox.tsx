"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/lib/trpc/client";
import { Button } from "@/components/ui/button";
import { errorMessage } from "@/components/ui/error-message";
import { ApprovalCard } from "./approval-card";

/** The inbox: each pending task as a card with Approve and Reject; a line about the last decision made here. */
export function ApprovalInbox() {
  const trpc = useTRPC();
  const pending = useQuery(trpc.approval.pending.queryOptions(undefined, { refetchInterval: 15_000 }));
  const [lastDecision, setLastDecision] = useState<string | null>(null);

  const status = lastDecision ? (
    <p role="status" className="mb-4 rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-2.5 text-sm text-emerald-800">
      {lastDecision}
    </p>
  ) : null;

  if (pending.isPending) {
    return (
      <div aria-busy="true" className="space-y-3">
        <p className="sr-only">Loading approvals…</p>
        {[0, 1].map((row) => (
          <div key={row} className="h-28 animate-pulse rounded-xl border border-zinc-200 bg-white shadow-xs" />
        ))}
      </div>
    );
  }
  if (pending.isError) {
    return (
      <div role="alert" className="flex items-center justify-between gap-4 rounded-xl border border-red-200 bg-red-50 px-4 py-3">
        <p className="text-sm text-red-800">Could not load approvals. {errorMessage(pending.error)}</p>
        <Button size="sm" onClick={() => void pending.refetch()}>
          Try again
        </Button>
      </div>
    );
  }
  if (pending.data.length === 0) {
    return (
      <>
        {status}
        <div className="flex flex-col items-center rounded-xl border border-dashed border-zinc-300 bg-white px-6 py-14 text-center">
          <svg aria-hidden="true" viewBox="0 0 24 24" className="size-10 text-zinc-300" fill="none" stroke="currentColor" strokeWidth="1.5">
            <path d="M4 13.5V18a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-4.5M4 13.5 6.5 5h11l2.5 8.5M4 13.5h4.5l1 2h5l1-2H20" strokeLinejoin="round" />
          </svg>
          <h2 className="mt-3 text-base font-semibold text-zinc-900">No approvals waiting for you</h2>
          <p className="mt-1 max-w-sm text-sm text-zinc-500">When a run reaches an approval step assigned to you or your role, it waits here.</p>
        </div>
      </>
    );
  }
  return (
    <>
      {status}
      <ul aria-label="Approvals" className="space-y-3">
        {pending.data.map((task) => (
          <ApprovalCard key={task.id} task={task} onDecided={setLastDecision} />
        ))}
      </ul>
    </>
  );
}
