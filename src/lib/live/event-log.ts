import type { LiveEvent } from "@/lib/live-events";

/**
 * A client's copy of one execution's event log, kept gap-free and without
 * duplicates whatever order batches arrive in (socket batches, a resubscribe
 * after reconnecting that resends what we have, an HTTP catch-up racing live
 * delivery).
 *
 * Terminology:
 * - lastSeq — the highest seq such that every event 1..lastSeq is in `events`;
 *             what a (re)subscribe sends as `afterSeq`.
 * - pending — events that arrived beyond a hole, held until the hole is filled.
 * - gap     — the hole to fetch (`execution.events` with afterSeq = lastSeq);
 *             null when nothing is pending.
 */
export type EventLog = {
  readonly events: readonly LiveEvent[];
  readonly lastSeq: number;
  readonly pending: ReadonlyMap<number, LiveEvent>;
};

export type Gap = { afterSeq: number; beforeSeq: number };

export const emptyEventLog = (): EventLog => ({ events: [], lastSeq: 0, pending: new Map() });

/**
 * Merge a batch into the log: events at or below lastSeq (and ones already
 * pending) are dropped, the contiguous run after lastSeq is appended, and the
 * rest waits in `pending`. Returns the same log object when nothing changed.
 */
export function receiveEvents(log: EventLog, batch: readonly LiveEvent[]): EventLog {
  const fresh = batch.filter((event) => event.seq > log.lastSeq && !log.pending.has(event.seq));
  if (fresh.length === 0) return log;
  const pending = new Map(log.pending);
  for (const event of fresh) pending.set(event.seq, event);
  const appended: LiveEvent[] = [];
  let lastSeq = log.lastSeq;
  for (let next = pending.get(lastSeq + 1); next; next = pending.get(lastSeq + 1)) {
    appended.push(next);
    pending.delete(next.seq);
    lastSeq = next.seq;
  }
  return { events: appended.length ? [...log.events, ...appended] : log.events, lastSeq, pending };
}

/** The hole before the earliest pending event, or null when the log is whole. */
export function findGap(log: EventLog): Gap | null {
  if (log.pending.size === 0) return null;
  return { afterSeq: log.lastSeq, beforeSeq: Math.min(...log.pending.keys()) };
}
