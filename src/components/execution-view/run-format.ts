import { statusLabel } from "@/components/executions/execution-format";

/**
 * Words and numbers of the execution page, pure so they are unit-tested
 * without a DOM: clock times and the one-line description of an event in the
 * timeline. Status and trigger words and durations are the run list's
 * (components/executions/execution-format.ts).
 */

/** "14:03:07.250" in the viewer's time zone: events of one run are close together, so the milliseconds matter. */
export function formatClockTime(iso: string): string {
  const date = new Date(iso);
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

/** One event as the timeline shows it. */
export type TimelineEntry = {
  seq: number;
  at: string;
  /** `node` or `execution`. */
  scope: string;
  /** The status word: "Succeeded", "Waiting"… */
  status: string;
  /** The raw status, for styling. */
  statusKey: string;
  nodeId: string | null;
  /** The instance, when it is not simply the node id (a loop iteration: `each#2/fetch`). */
  runKey: string | null;
  attempt: number | null;
  error: string | null;
};

/** Node runs share the execution's status words, plus one of their own. */
export const runStatusLabel = (status: string) => (status === "skipped" ? "Skipped" : statusLabel(status));

export function describeEvent(event: { seq: number; at: string; type: string; payload: unknown }): TimelineEntry {
  const [scope = event.type, statusKey = ""] = event.type.split(".", 2);
  const payload = (event.payload ?? {}) as { nodeId?: unknown; runKey?: unknown; attempt?: unknown; error?: unknown };
  const nodeId = typeof payload.nodeId === "string" ? payload.nodeId : null;
  const runKey = typeof payload.runKey === "string" && payload.runKey !== nodeId ? payload.runKey : null;
  const error = payload.error as { message?: unknown } | null | undefined;
  return {
    seq: event.seq,
    at: event.at,
    scope,
    status: runStatusLabel(statusKey),
    statusKey,
    nodeId,
    runKey,
    attempt: typeof payload.attempt === "number" ? payload.attempt : null,
    error: error && typeof error.message === "string" ? error.message : null,
  };
}

/** JSON for a person: indented; strings that are not JSON-able are shown as they are. */
export function formatJson(value: unknown): string {
  if (value === undefined) return "";
  return JSON.stringify(value, null, 2) ?? String(value);
}
