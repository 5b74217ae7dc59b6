"use client";

import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import { useRouter } from "next/navigation";
import type { AppRouter } from "@/server/routers/app";
import { RelativeTime } from "@/components/ui/relative-time";
import { errorSummary, formatDuration, triggerLabel } from "./execution-format";
import { ExecutionStatusBadge } from "./status-badge";

export type ExecutionListItem = inferRouterOutputs<AppRouter>["execution"]["list"]["items"][number];

export function executionHref(id: string): string {
  return `/executions/${encodeURIComponent(id)}`;
}

/**
 * One run in the list. The Started cell is the row's link (keyboard and screen
 * readers); a click anywhere else on the row opens it too.
 */
export function ExecutionRow({ execution }: { execution: ExecutionListItem }) {
  const router = useRouter();
  const href = executionHref(execution.id);
  // Not started yet (queued): when it was asked for.
  const started = new Date(execution.startedAt ?? execution.createdAt);
  const error = errorSummary(execution.error);
  return (
    <tr
      onClick={(event) => {
        if (!(event.target as HTMLElement).closest("a")) router.push(href);
      }}
      className="cursor-pointer align-top hover:bg-zinc-50"
    >
      <td className="px-4 py-2.5">
        <ExecutionStatusBadge status={execution.status} />
      </td>
      <td className="px-4 py-2.5 text-sm whitespace-nowrap">
        <Link href={href} className="font-medium text-zinc-900 hover:text-indigo-600 hover:underline">
          <RelativeTime date={started} />
        </Link>
        {execution.mode !== "normal" ? <span className="ml-1.5 text-xs text-zinc-500">({execution.mode})</span> : null}
      </td>
      <td className="px-4 py-2.5 text-sm whitespace-nowrap text-zinc-700 tabular-nums">{formatDuration(execution.durationMs)}</td>
      <td className="px-4 py-2.5 text-sm whitespace-nowrap text-zinc-700">{triggerLabel(execution.trigger)}</td>
      <td className="px-4 py-2.5 text-sm whitespace-nowrap text-zinc-700 tabular-nums">{execution.version === null ? "—" : `v${execution.version}`}</td>
      <td className="max-w-md px-4 py-2.5 text-sm text-red-700">
        {error ? (
          <span title={execution.error?.message} className="line-clamp-2 break-words">
            {error}
          </span>
        ) : null}
      </td>
    </tr>
  );
}
