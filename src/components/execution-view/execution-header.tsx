"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useState, type ReactNode } from "react";
import { useTRPC } from "@/lib/trpc/client";
import { usePermissions } from "@/components/session/session-provider";
import { Button } from "@/components/ui/button";
import { errorMessage } from "@/components/ui/error-message";
import { RelativeTime } from "@/components/ui/relative-time";
import { formatDuration, isActiveStatus, triggerLabel } from "@/components/executions/execution-format";
import { ExecutionStatusBadge } from "@/components/executions/status-badge";
import type { ExecutionDetail } from "./types";

/**
 * The page's title bar: which workflow and version ran, how it is doing,
 * when it started, for how long, how it was started, and — for builders,
 * while it is unfinished — "Cancel execution".
 */
export function ExecutionHeader({ detail, status, connected }: { detail: ExecutionDetail; status: string; connected: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { editWorkflows } = usePermissions();
  const cancel = useMutation(
    trpc.execution.cancel.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.execution.detail.queryKey({ id: detail.id }) }),
    }),
  );
  const unfinished = isActiveStatus(status);
  const durationMs = useElapsed(detail, unfinished);

  return (
    <header className="flex flex-wrap items-center gap-x-6 gap-y-2 border-b border-zinc-200 bg-white px-6 py-3">
      <div className="min-w-0">
        <p className="text-xs text-zinc-500">Execution</p>
        <h1 className="flex items-center gap-2 truncate text-base font-semibold text-zinc-900">
          {detail.workflowId ? (
            <Link href={`/workflows/${detail.workflowId}`} className="truncate hover:text-indigo-700 hover:underline">
              {detail.workflowName}
            </Link>
          ) : (
            <span className="truncate">{detail.workflowName}</span>
          )}
          <span className="text-sm font-normal text-zinc-500">{detail.version === null ? "unsaved document" : `version ${detail.version}`}</span>
        </h1>
      </div>
      <span role="status" aria-label="Execution status">
        <ExecutionStatusBadge status={status} />
      </span>
      <dl className="flex flex-wrap gap-x-6 gap-y-1 text-sm">
        <Fact term="Started">{detail.startedAt ? <RelativeTime date={new Date(detail.startedAt)} /> : "Not yet"}</Fact>
        <Fact term="Duration">
          <span className="tabular-nums">{formatDuration(durationMs)}</span>
        </Fact>
        <Fact term="Trigger">{triggerLabel(detail.trigger)}</Fact>
        {detail.mode !== "normal" ? <Fact term="Mode">{detail.mode}</Fact> : null}
      </dl>
      <div className="ml-auto flex items-center gap-3">
        {unfinished ? (
          <span className="flex items-center gap-1.5 text-xs text-zinc-500">
            <span aria-hidden="true" className={`size-2 rounded-full ${connected ? "bg-emerald-500" : "bg-zinc-300"}`} />
            {connected ? "Live" : "Connecting…"}
          </span>
        ) : null}
        {editWorkflows && unfinished ? (
          <Button variant="danger" size="sm" disabled={cancel.isPending} onClick={() => cancel.mutate({ id: detail.id })}>
            {cancel.isPending ? "Cancelling…" : "Cancel execution"}
          </Button>
        ) : null}
        {cancel.isError ? (
          <p role="alert" className="text-sm text-red-700">
            Could not cancel: {errorMessage(cancel.error)}
          </p>
        ) : null}
      </div>
    </header>
  );
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="flex gap-1.5">
      <dt className="text-zinc-500">{term}</dt>
      <dd className="text-zinc-900">{children}</dd>
    </div>
  );
}

/** The stored duration once finished; while running, the time since it started, ticking each second. */
function useElapsed(detail: ExecutionDetail, unfinished: boolean): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!unfinished) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [unfinished]);
  if (!unfinished) return detail.durationMs;
  return detail.startedAt ? Math.max(0, now - Date.parse(detail.startedAt)) : null;
}
