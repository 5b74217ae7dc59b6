"use client";

import { useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useRef } from "react";
import { useTRPC } from "@/lib/trpc/client";
import { useExecutionLive } from "@/lib/live/use-execution-live";
import { errorMessage } from "@/components/ui/error-message";
import { isActiveStatus } from "@/components/executions/execution-format";
import { collectLogEntries, finishedSeqs, type LogEntry } from "./log-entries";
import { counted, FollowingPanel } from "./following-panel";
import { formatClockTime } from "./run-format";

/** Lines rendered at most; a chatty loop's earlier lines are summarised in one line. */
const MAX_LINES = 1000;
/** While attempts of code nodes keep ending (a busy loop), their runs are read again at most this often. */
const REFRESH_EVERY_MS = 500;

const LEVEL_TEXT: Record<string, string> = {
  log: "text-zinc-500",
  info: "text-sky-700",
  debug: "text-zinc-400",
  warn: "text-amber-700",
  error: "text-red-700",
};

/**
 * What the execution's `code` nodes printed (`console.*`), all of them in run
 * order, each line with its node. The worker stores a run's lines when its
 * attempt ends, so lines appear as attempts end: each `node.succeeded|failed|
 * cancelled` event of a code node in the live feed has its runs read again
 * (`execution.nodeRuns` for that node, the query the run inspector uses).
 * Follows the newest line while the reader is at the bottom, like the timeline.
 */
export function ExecutionLogs({ executionId }: { executionId: string }) {
  const trpc = useTRPC();
  const detail = useQuery(trpc.execution.detail.queryOptions({ id: executionId }));
  const codeNodes = useMemo(() => detail.data?.document.nodes.filter((node) => node.type === "code") ?? [], [detail.data]);
  const names = useMemo(() => new Map(codeNodes.map((node) => [node.id, node.name ?? node.id])), [codeNodes]);
  const runs = useQueries({
    queries: codeNodes.map((node) => trpc.execution.nodeRuns.queryOptions({ id: executionId, nodeId: node.id })),
    combine: (results) => ({
      runs: results.flatMap((result) => result.data?.runs ?? []),
      pending: results.some((result) => result.isPending),
      error: results.find((result) => result.error)?.error ?? null,
    }),
  });
  // Finished when the page opened: the runs read (after the detail, which they wait for) are final.
  const finishedAtOpen = useRef<boolean | null>(null);
  if (finishedAtOpen.current === null && detail.data) finishedAtOpen.current = !isActiveStatus(detail.data.status);
  useReadAgainWhenAttemptsEnd(executionId, new Set(names.keys()), finishedAtOpen.current !== false);

  const entries = useMemo(() => collectLogEntries(runs.runs, names), [runs.runs, names]);
  const shown = entries.length > MAX_LINES ? entries.slice(-MAX_LINES) : entries;
  return (
    <FollowingPanel title="Logs" count={counted(entries.length, "line")} rows={entries.length} className="border-t border-zinc-200 md:border-t-0 md:border-l">
      {runs.error ? (
        <p role="alert" className="px-4 py-2 text-sm text-red-700">
          Could not read the logs: {errorMessage(runs.error)}
        </p>
      ) : null}
      {detail.data && codeNodes.length === 0 ? (
        <p className="px-4 py-3 text-sm text-zinc-500">Only code nodes print logs (console.log), and this workflow has none.</p>
      ) : entries.length === 0 && !runs.pending && !runs.error ? (
        <p className="px-4 py-3 text-sm text-zinc-500">No logs yet: a code node&apos;s lines appear here when its run ends.</p>
      ) : null}
      {entries.length > shown.length ? <p className="px-4 py-2 text-xs text-zinc-500">{entries.length - shown.length} earlier lines are not shown.</p> : null}
      <ol role="log" aria-label="Log lines" aria-live="polite" className="divide-y divide-zinc-100 font-mono text-xs">
        {shown.map((entry) => (
          <LogRow key={entry.id} entry={entry} />
        ))}
      </ol>
    </FollowingPanel>
  );
}

function LogRow({ entry }: { entry: LogEntry }) {
  const tint = entry.level === "error" ? "bg-red-50" : entry.level === "warn" ? "bg-amber-50" : "";
  return (
    <li className={`flex items-baseline gap-3 px-4 py-1.5 ${tint}`}>
      {entry.finishedAt ? (
        <time dateTime={entry.finishedAt} className="shrink-0 text-zinc-500 tabular-nums">
          {formatClockTime(entry.finishedAt)}
        </time>
      ) : null}
      <span className={`w-10 shrink-0 font-semibold uppercase ${LEVEL_TEXT[entry.level] ?? "text-zinc-500"}`}>{entry.level}</span>
      <span className="min-w-0 flex-1">
        <span className="font-sans font-medium text-zinc-800">{entry.nodeName}</span>
        {entry.runKey ? <span className="ml-1.5 text-zinc-500">{entry.runKey}</span> : null}
        {entry.attempt > 1 ? <span className="ml-1.5 font-sans text-zinc-500">attempt {entry.attempt}</span> : null}
        <span className="block whitespace-pre-wrap break-all text-zinc-800">{entry.message}</span>
      </span>
    </li>
  );
}

/**
 * Reads the runs of a code node again when the live feed says one of its
 * attempts ended (its lines are stored by then). One read is scheduled at a
 * time and covers every node whose attempts ended before it fires. `final`:
 * the runs already read are complete (the execution had finished when they
 * were read), so nothing is read again.
 */
function useReadAgainWhenAttemptsEnd(executionId: string, nodeIds: ReadonlySet<string>, final: boolean): void {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const live = useExecutionLive(final ? null : executionId);
  const nodeKey = [...nodeIds].join("\n");
  const ended = useMemo(() => finishedSeqs(live.events, new Set(nodeKey.split("\n"))), [live.events, nodeKey]);
  const latest = useRef(ended);
  latest.current = ended;
  /** Per node, the finished seq its last read covers. */
  const readFor = useRef(new Map<string, number>());
  const scheduled = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    if (scheduled.current || ![...ended].some(([nodeId, seq]) => seq > (readFor.current.get(nodeId) ?? 0))) return;
    scheduled.current = setTimeout(() => {
      scheduled.current = null;
      for (const [nodeId, seq] of latest.current) {
        if (seq <= (readFor.current.get(nodeId) ?? 0)) continue;
        readFor.current.set(nodeId, seq);
        void queryClient.invalidateQueries({ queryKey: trpc.execution.nodeRuns.queryKey({ id: executionId, nodeId }) });
      }
    }, REFRESH_EVERY_MS);
  }, [ended, executionId, queryClient, trpc]);
  useEffect(
    () => () => {
      clearTimeout(scheduled.current ?? undefined);
      scheduled.current = null;
    },
    [],
  );
}
