"use client";

import Link from "next/link";
import { ExecutionStatusBadge } from "@/components/executions/status-badge";
import { useRunSummary } from "@/stores/run-view-store";

/**
 * Under the toolbar while the canvas shows a run: its status (live), a link to
 * its execution page, and a way back to plain editing. Nodes on the canvas
 * show the same run; clicking one lists its runs.
 */
export function RunBanner({ executionId, onDismiss }: { executionId: string; onDismiss: () => void }) {
  const summary = useRunSummary();
  return (
    <div role="region" aria-label="Current run" className="flex items-center gap-3 border-b border-indigo-100 bg-indigo-50/60 px-4 py-1.5 text-sm">
      <span className="font-medium text-zinc-800">Run</span>
      {summary ? <ExecutionStatusBadge status={summary.status} /> : null}
      {summary && !summary.connected ? <span className="text-xs text-amber-700">Reconnecting…</span> : null}
      <span className="text-zinc-500">Click a node to see its input and output.</span>
      <Link href={`/executions/${executionId}`} className="ml-auto font-medium text-indigo-600 hover:text-indigo-500">
        Open execution
      </Link>
      <button type="button" onClick={onDismiss} className="text-zinc-500 hover:text-zinc-900" aria-label="Hide run">
        Hide
      </button>
    </div>
  );
}
