"use client";

import { useQuery } from "@tanstack/react-query";
import { memo, useMemo } from "react";
import type { LiveEvent } from "@/lib/live-events";
import { useTRPC } from "@/lib/trpc/client";
import { useExecutionLive } from "@/lib/live/use-execution-live";
import { counted, FollowingPanel } from "./following-panel";
import { describeEvent, formatClockTime } from "./run-format";

/** Rows rendered at most; a long run's earlier events are summarised in one line. */
const MAX_ROWS = 1000;

const STATUS_DOT: Record<string, string> = {
  queued: "bg-zinc-400",
  running: "bg-indigo-500",
  waiting: "bg-amber-500",
  succeeded: "bg-emerald-500",
  failed: "bg-red-500",
  timed_out: "bg-red-500",
  cancelled: "bg-zinc-500",
  skipped: "bg-zinc-300",
};

/**
 * The execution's event log, streamed live: one row per event (time, what
 * happened, node, attempt, error), oldest at the top. It follows the newest
 * event while the reader is at the bottom, and stays put when they scrolled up
 * to read. What code nodes print (`console.*`) is not an event: it is stored
 * with each node run when its attempt ends, and listed beside this under Logs
 * (execution-logs.tsx), which reads it as those attempts' events arrive here.
 */
export function EventTimeline({ executionId }: { executionId: string }) {
  const trpc = useTRPC();
  const live = useExecutionLive(executionId);
  const detail = useQuery(trpc.execution.detail.queryOptions({ id: executionId }));
  const names = useMemo(() => new Map(detail.data?.document.nodes.map((n) => [n.id, n.name ?? n.id]) ?? []), [detail.data]);
  const shown = live.events.length > MAX_ROWS ? live.events.slice(-MAX_ROWS) : live.events;
  const hidden = live.events.length - shown.length;

  return (
    <FollowingPanel title="Event timeline" count={counted(live.events.length, "event")} rows={live.events.length}>
      {live.error ? (
        <p role="alert" className="px-4 py-2 text-sm text-red-700">
          {live.error}
        </p>
      ) : null}
      {live.events.length === 0 && !live.error ? <p className="px-4 py-3 text-sm text-zinc-500">No events yet.</p> : null}
      {hidden > 0 ? <p className="px-4 py-2 text-xs text-zinc-500">{hidden} earlier events are not shown.</p> : null}
      <ol role="log" aria-label="Events" aria-live="polite" className="divide-y divide-zinc-100 font-mono text-xs">
        {shown.map((event) => (
          <TimelineRow key={event.seq} event={event} nodeName={nodeNameOf(event, names)} />
        ))}
      </ol>
    </FollowingPanel>
  );
}

/** The node a `node.*` event is about, by the name it has in the document (events are typed: no cast). */
const nodeNameOf = (event: LiveEvent, names: Map<string, string>): string | null =>
  "nodeId" in event.payload ? (names.get(event.payload.nodeId) ?? event.payload.nodeId) : null;

/** One event. Memoised: a batch of new events renders only the new rows. */
const TimelineRow = memo(function TimelineRow({ event, nodeName }: { event: LiveEvent; nodeName: string | null }) {
  const entry = describeEvent(event);
  return (
    <li className="flex items-baseline gap-3 px-4 py-1.5">
      <time dateTime={entry.at} className="shrink-0 text-zinc-500 tabular-nums">
        {formatClockTime(entry.at)}
      </time>
      <span className="flex w-32 shrink-0 items-center gap-1.5 font-sans font-medium text-zinc-800">
        <span aria-hidden="true" className={`size-2 rounded-full ${STATUS_DOT[entry.statusKey] ?? "bg-zinc-400"}`} />
        {entry.scope === "execution" ? runStatusPhrase(entry.statusKey, entry.status) : entry.status}
      </span>
      <span className="min-w-0 flex-1 font-sans text-zinc-700">
        {nodeName ? <span className="font-medium">{nodeName}</span> : null}
        {entry.runKey ? <span className="ml-1.5 font-mono text-zinc-500">{entry.runKey}</span> : null}
        {entry.attempt !== null && entry.attempt > 1 ? <span className="ml-1.5 text-zinc-500">attempt {entry.attempt}</span> : null}
        {entry.error ? <span className="ml-1.5 block text-red-700">{entry.error}</span> : null}
      </span>
    </li>
  );
});

/** How the run's own status changes read: "Run in progress" (not "Run running": also after a wait), "Run waiting", "Run succeeded"… */
function runStatusPhrase(statusKey: string, status: string): string {
  return statusKey === "running" ? "Run in progress" : `Run ${status.toLowerCase()}`;
}
