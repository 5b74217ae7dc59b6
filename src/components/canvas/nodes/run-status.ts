import type { NodeType } from "@/engine/nodes/registry";
import type { NodeRunStatus } from "@/stores/run-view-store";

/**
 * How a node's part in the shown run looks on its card: the status badge, the
 * ring around the card and the small line under the badge ("38 ms",
 * "× 3 iterations"). Pure, so the mapping is unit-tested without a DOM.
 */

/** What the badge shows: a glyph kind (drawn by the card) and the word read out to screen readers. */
export type RunStatusStyle = {
  label: string;
  icon: "dot" | "spinner" | "clock" | "check" | "cross" | "skip" | "stop";
  /** Classes for the badge pill. */
  badge: string;
  /** Extra classes for the card root (ring, fading, dashed border). */
  card: string;
};

export const runStatusStyles = {
  queued: {
    label: "Queued",
    icon: "dot",
    badge: "bg-zinc-100 text-zinc-600 ring-zinc-300",
    card: "ring-2 ring-zinc-300",
  },
  running: {
    label: "Running",
    icon: "spinner",
    badge: "bg-indigo-50 text-indigo-700 ring-indigo-300",
    card: "ring-3 ring-indigo-400/60",
  },
  waiting: {
    label: "Waiting",
    icon: "clock",
    badge: "bg-amber-50 text-amber-700 ring-amber-300",
    card: "ring-3 ring-amber-400/60",
  },
  succeeded: {
    label: "Succeeded",
    icon: "check",
    badge: "bg-emerald-50 text-emerald-700 ring-emerald-300",
    card: "ring-2 ring-emerald-500/60",
  },
  failed: {
    label: "Failed",
    icon: "cross",
    badge: "bg-red-50 text-red-700 ring-red-300",
    card: "ring-3 ring-red-500/60",
  },
  skipped: {
    label: "Skipped",
    icon: "skip",
    badge: "bg-zinc-50 text-zinc-500 ring-zinc-200",
    card: "opacity-60 border-dashed",
  },
  cancelled: {
    label: "Cancelled",
    icon: "stop",
    badge: "bg-zinc-100 text-zinc-500 ring-zinc-300 line-through",
    card: "ring-2 ring-zinc-300 opacity-80",
  },
} satisfies Record<NodeRunStatus, RunStatusStyle>;

/** Statuses after which a node's duration is final and worth showing. */
const FINISHED: ReadonlySet<NodeRunStatus> = new Set(["succeeded", "failed", "cancelled"]);

/**
 * A duration as people read it: "38 ms", "1.2 s", "14 s", "2 min 5 s", "1 h 3 min".
 * Negative or non-finite input gives undefined (nothing to show).
 */
export function formatDuration(ms: number): string | undefined {
  if (!Number.isFinite(ms) || ms < 0) return undefined;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 10_000) {
    const seconds = Math.round(ms / 100) / 10;
    return seconds < 10 ? `${seconds.toFixed(1)} s` : "10 s";
  }
  const totalSeconds = Math.round(ms / 1000);
  if (totalSeconds < 60) return `${totalSeconds} s`;
  const totalMinutes = Math.floor(totalSeconds / 60);
  if (totalMinutes < 60) return joinUnits(totalMinutes, "min", totalSeconds % 60, "s");
  return joinUnits(Math.floor(totalMinutes / 60), "h", totalMinutes % 60, "min");
}

function joinUnits(major: number, majorUnit: string, minor: number, minorUnit: string): string {
  return minor === 0 ? `${major} ${majorUnit}` : `${major} ${majorUnit} ${minor} ${minorUnit}`;
}

/**
 * The detail line under a node's status: the duration once it has finished, and
 * how many times it ran — "× N iterations" for a loop, "× N runs" for a node that
 * ran more than once (inside a loop body). Undefined when there is nothing to add.
 */
export function runDetailText(
  type: NodeType,
  view: { status: NodeRunStatus; runs: number; iterations: number; durationMs: number | null },
): string | undefined {
  const parts: string[] = [];
  if (type === "loop") parts.push(`× ${view.iterations} ${view.iterations === 1 ? "iteration" : "iterations"}`);
  else if (view.runs > 1) parts.push(`× ${view.runs} runs`);
  if (FINISHED.has(view.status) && view.durationMs !== null) {
    const duration = formatDuration(view.durationMs);
    if (duration) parts.push(duration);
  }
  return parts.length ? parts.join(" · ") : undefined;
}
