import type { LiveEvent } from "@/lib/live-events";
import type { LogLine } from "@/engine/ports";

/**
 * What the execution page's Logs list is made of, computed from node runs
 * (`execution.nodeRuns`, which stores a `code` node's console lines on the
 * attempt when it ends) and the live event feed (which says when an attempt
 * ended, so its lines can be read). Pure.
 *
 * Terminology:
 * - entry — one console line with the run it came from (node, run key, attempt).
 * - finished seq — per node, the seq of the newest event that ended an attempt
 *   of it (`node.succeeded|failed|cancelled`): a run's lines are stored in the
 *   same transaction as that event, so once it has arrived they can be read.
 */

/** The fields of a node run this list needs (a subset of `execution.nodeRuns` rows). */
export type RunWithLogs = { key: string; runKey: string; nodeId: string; attempt: number; seq: number; finishedAt: string | null; logs: LogLine[] | null };

export type LogEntry = LogLine & {
  /** Unique within the execution: the run's key and the line's index. */
  id: string;
  nodeId: string;
  nodeName: string;
  /** Shown only when it says more than the node id (a loop iteration: `each#2/shout`). */
  runKey: string | null;
  attempt: number;
  finishedAt: string | null;
};

/** Every line of every run, in the order the engine ran them (run seq, then the line's own order). */
export function collectLogEntries(runs: readonly RunWithLogs[], names: ReadonlyMap<string, string>): LogEntry[] {
  const ordered = runs.filter((run) => run.logs !== null && run.logs.length > 0).sort((a, b) => a.seq - b.seq || a.key.localeCompare(b.key));
  return ordered.flatMap((run) =>
    (run.logs ?? []).map((line, index) => ({
      ...line,
      id: `${run.key}#${index}`,
      nodeId: run.nodeId,
      nodeName: names.get(run.nodeId) ?? run.nodeId,
      runKey: run.runKey === run.nodeId ? null : run.runKey,
      attempt: run.attempt,
      finishedAt: run.finishedAt,
    })),
  );
}

const ENDED = new Set(["node.succeeded", "node.failed", "node.cancelled"]);

/** Per node of `nodeIds`, the seq of the newest event that ended one of its attempts (absent: none yet). */
export function finishedSeqs(events: readonly LiveEvent[], nodeIds: ReadonlySet<string>): Map<string, number> {
  const seqs = new Map<string, number>();
  for (const event of events) {
    if (!ENDED.has(event.type)) continue;
    const nodeId = (event.payload as { nodeId?: unknown } | null)?.nodeId;
    if (typeof nodeId === "string" && nodeIds.has(nodeId)) seqs.set(nodeId, event.seq);
  }
  return seqs;
}
