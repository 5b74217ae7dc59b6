import { EXECUTION_STATUSES } from "@/lib/execution-statuses";
import type { LiveExecutionStatus } from "@/lib/live-events";

/**
 * Words for an execution's fields as the run list and the execution page show
 * them. Statuses are the engine's (`queued` … `timed_out`); triggers say how a
 * run was started (Execution.trigger: manual, api, cli, webhook, schedule,
 * subworkflow, replay). Unknown values are shown as they are, so a newer
 * server never breaks an older page.
 */
export const STATUS_LABELS: Record<LiveExecutionStatus, string> = {
  queued: "Queued",
  running: "Running",
  waiting: "Waiting",
  succeeded: "Succeeded",
  failed: "Failed",
  cancelled: "Cancelled",
  timed_out: "Timed out",
};

export const FILTERABLE_STATUSES: readonly LiveExecutionStatus[] = EXECUTION_STATUSES;

export const TRIGGER_LABELS = {
  manual: "Manual (app)",
  api: "API",
  cli: "Command line",
  webhook: "Webhook",
  schedule: "Schedule",
  subworkflow: "Sub-workflow",
  replay: "Replay",
} as const;

export type ExecutionTriggerName = keyof typeof TRIGGER_LABELS;

export function statusLabel(status: string): string {
  return (STATUS_LABELS as Record<string, string>)[status] ?? status;
}

export function triggerLabel(trigger: string): string {
  return (TRIGGER_LABELS as Record<string, string>)[trigger] ?? trigger;
}

/** Still moving: the list keeps refreshing while any shown run is in one of these. */
export function isActiveStatus(status: string): boolean {
  return status === "queued" || status === "running" || status === "waiting";
}

/** "—" (unfinished), "420 ms", "4.2 s", "3 min 5 s", "2 h 5 min", "3 d 4 h". */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms) || ms < 0) return "—";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) {
    const seconds = Math.round(ms / 100) / 10;
    return seconds >= 60 ? "1 min 0 s" : `${seconds} s`;
  }
  const totalSeconds = Math.round(ms / 1000);
  const [days, hours, minutes, seconds] = [
    Math.floor(totalSeconds / 86_400),
    Math.floor(totalSeconds / 3600) % 24,
    Math.floor(totalSeconds / 60) % 60,
    totalSeconds % 60,
  ];
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${minutes} min`;
  return `${minutes} min ${seconds} s`;
}

/** The status filter after clicking one chip: on if it was off, off if it was on; in the canonical order. */
export function toggleStatus(selected: readonly LiveExecutionStatus[], status: LiveExecutionStatus): LiveExecutionStatus[] {
  const next = new Set(selected);
  if (next.has(status)) next.delete(status);
  else next.add(status);
  return FILTERABLE_STATUSES.filter((candidate) => next.has(candidate));
}

/** One line for the list: `node <id>: <message>`, cut to `max` characters. */
export function errorSummary(error: { message: string; nodeId: string | null } | null, max = 140): string | null {
  if (!error) return null;
  const message = error.message.trim() || "failed without a message";
  const line = (error.nodeId ? `node ${error.nodeId}: ${message}` : message).replace(/\s+/g, " ");
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
