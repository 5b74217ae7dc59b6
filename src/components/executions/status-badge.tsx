import type { LiveExecutionStatus } from "@/lib/live-events";
import { statusLabel } from "./execution-format";

/** Badge colours per execution status; the dot pulses while the run is moving. */
const STATUS_STYLES: Record<LiveExecutionStatus, { badge: string; dot: string }> = {
  queued: { badge: "bg-zinc-100 text-zinc-700 ring-zinc-200", dot: "bg-zinc-400" },
  running: { badge: "bg-indigo-50 text-indigo-700 ring-indigo-200", dot: "bg-indigo-500 animate-pulse" },
  waiting: { badge: "bg-amber-50 text-amber-800 ring-amber-200", dot: "bg-amber-500" },
  succeeded: { badge: "bg-emerald-50 text-emerald-700 ring-emerald-200", dot: "bg-emerald-500" },
  failed: { badge: "bg-red-50 text-red-700 ring-red-200", dot: "bg-red-500" },
  cancelled: { badge: "bg-zinc-100 text-zinc-500 ring-zinc-200", dot: "bg-zinc-300" },
  timed_out: { badge: "bg-orange-50 text-orange-700 ring-orange-200", dot: "bg-orange-500" },
};

const UNKNOWN_STYLE = STATUS_STYLES.queued;

/**
 * An execution's status as a small coloured badge with its word ("Succeeded",
 * "Timed out"): colour is never the only signal. Shared by the run list and
 * the execution page.
 */
export function ExecutionStatusBadge({ status, className = "" }: { status: string; className?: string }) {
  const style = (STATUS_STYLES as Record<string, { badge: string; dot: string }>)[status] ?? UNKNOWN_STYLE;
  return (
    <span className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${style.badge} ${className}`}>
      <span aria-hidden="true" className={`size-1.5 rounded-full ${style.dot}`} />
      {statusLabel(status)}
    </span>
  );
}
