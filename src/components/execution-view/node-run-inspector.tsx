"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { useTRPC } from "@/lib/trpc/client";
import { useExecutionLive } from "@/lib/live/use-execution-live";
import { Button } from "@/components/ui/button";
import { errorMessage } from "@/components/ui/error-message";
import { DataTabs, type DataSection } from "./json-block";
import { formatDuration } from "@/components/executions/execution-format";
import { runStatusLabel } from "./run-format";
import type { NodeRun } from "./types";

/** While events for the node keep coming (a busy loop), its runs are read again at most this often. */
const REFRESH_EVERY_MS = 500;

/**
 * The side panel for one node of an execution: every run of it — each loop
 * iteration and each retry attempt a row — newest last, each expanding to its
 * Input / Output / Error, and Logs when a code node printed something. It reads `execution.nodeRuns` and reads again when
 * the live feed brings an event for this node.
 */
export function NodeRunInspector({ executionId, nodeId, onClose }: { executionId: string; nodeId: string; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const headingId = useId();
  const detail = useQuery(trpc.execution.detail.queryOptions({ id: executionId }));
  const runs = useQuery(trpc.execution.nodeRuns.queryOptions({ id: executionId, nodeId }));
  const live = useExecutionLive(executionId);
  const lastNodeEventSeq = live.events.findLast((event) => (event.payload as { nodeId?: unknown } | null)?.nodeId === nodeId)?.seq ?? 0;

  // A new event for this node: read its runs again soon. One read is scheduled at a time, and it
  // covers every event that arrives before it fires.
  const scheduled = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    if (lastNodeEventSeq === 0 || scheduled.current) return;
    scheduled.current = setTimeout(() => {
      scheduled.current = null;
      void queryClient.invalidateQueries({ queryKey: trpc.execution.nodeRuns.queryKey({ id: executionId, nodeId }) });
    }, REFRESH_EVERY_MS);
  }, [lastNodeEventSeq, executionId, nodeId, queryClient, trpc]);
  useEffect(
    () => () => {
      clearTimeout(scheduled.current ?? undefined);
      scheduled.current = null;
    },
    [],
  );

  const node = detail.data?.document.nodes.find((n) => n.id === nodeId);
  const nodeName = node?.name ?? nodeId;

  return (
    <aside
      role="region"
      aria-labelledby={headingId}
      className="flex h-full w-full flex-col border-l border-zinc-200 bg-white"
    >
      <header className="flex items-start justify-between gap-2 border-b border-zinc-200 px-4 py-3">
        <div className="min-w-0">
          <h2 id={headingId} className="truncate text-sm font-semibold text-zinc-900">
            {`Runs of ${nodeName}`}
          </h2>
          <p className="truncate text-xs text-zinc-500">
            {node ? `${node.type} · ` : null}
            {nodeId}
          </p>
        </div>
        <Button size="sm" variant="ghost" aria-label="Close runs panel" onClick={onClose}>
          Close
        </Button>
      </header>
      <div className="min-h-0 flex-1 overflow-y-auto px-4 py-3">
        {runs.isPending ? (
          <p aria-busy="true" className="text-sm text-zinc-500">
            Loading runs…
          </p>
        ) : runs.isError ? (
          <p role="alert" className="text-sm text-red-700">
            Could not load the runs of {nodeName}: {errorMessage(runs.error)}
          </p>
        ) : runs.data.runs.length === 0 ? (
          <p className="text-sm text-zinc-500">{nodeName} has not run in this execution.</p>
        ) : (
          <>
            {runs.data.truncated ? (
              <p className="mb-2 rounded-md bg-amber-50 px-3 py-2 text-xs text-amber-800 ring-1 ring-amber-200">
                Showing the latest {runs.data.runs.length} runs; earlier ones are left out.
              </p>
            ) : null}
            <ol aria-label="Run list" className="divide-y divide-zinc-100 rounded-lg ring-1 ring-zinc-200">
              {runs.data.runs.map((run) => (
                <NodeRunRow key={run.key} run={run} />
              ))}
            </ol>
          </>
        )}
      </div>
    </aside>
  );
}

const STATUS_TEXT: Record<string, string> = {
  succeeded: "text-emerald-700",
  failed: "text-red-700",
  running: "text-indigo-700",
  waiting: "text-amber-700",
  cancelled: "text-zinc-600",
  skipped: "text-zinc-500",
};

/** One run: a summary line that expands to its data. */
function NodeRunRow({ run }: { run: NodeRun }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const sections: DataSection[] = [];
  if (run.input !== null) sections.push({ label: "Input", value: run.input });
  if (run.output !== null) sections.push({ label: "Output", value: run.output });
  if (run.error !== null) sections.push({ label: "Error", value: run.error });
  if (run.logs !== null && run.logs.length > 0) sections.push({ label: "Logs", value: run.logs });
  const label = `${run.runKey}, attempt ${run.attempt}, ${runStatusLabel(run.status)}`;
  return (
    <li>
      <button
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={label}
        onClick={() => setOpen((value) => !value)}
        className="flex w-full items-center gap-2 px-3 py-2 text-left text-sm hover:bg-zinc-50"
      >
        <span aria-hidden="true" className={`text-zinc-400 transition-transform ${open ? "rotate-90" : ""}`}>
          ›
        </span>
        <span className="min-w-0 flex-1 truncate font-mono text-xs text-zinc-800">{run.runKey}</span>
        {run.attempt > 1 ? <span className="text-xs text-zinc-500">attempt {run.attempt}</span> : null}
        <span className={`text-xs font-medium ${STATUS_TEXT[run.status] ?? "text-zinc-700"}`}>{runStatusLabel(run.status)}</span>
        <span className="w-16 text-right text-xs text-zinc-500 tabular-nums">{formatDuration(run.durationMs)}</span>
      </button>
      {open ? (
        <div id={panelId} className="px-3 pb-3">
          {run.error ? <p className="mb-2 text-sm text-red-700">{run.error.message}</p> : null}
          <DataTabs sections={sections} idBase={panelId} empty="This run recorded no data." />
        </div>
      ) : null}
    </li>
  );
}
