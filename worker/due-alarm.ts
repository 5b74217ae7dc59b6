import type pg from "pg";
import { startNoticeListener } from "@/server/db/notice-listener";
import { CHANNEL } from "@/server/execution/jobs";

/**
 * Wakes this worker's job slots when a scheduled job (a timer, a timeout)
 * comes due, instead of leaving it to graphile-worker's polling, which finds
 * it up to a poll interval (200 ms) late — and, when many come due together
 * (1,000 delays started at once), lets them pile up between polls.
 *
 * Steps that schedule jobs for later say when the earliest is due
 * (CHANNEL.scheduled, sent after their commit: save-step.ts). Each worker keeps
 * those times in a min-heap and one timer for the earliest; when it fires,
 * `nudge` asks idle slots to look for jobs now. A lost notice (the LISTEN
 * connection down, another process's restart) only means polling finds that
 * job, as before. Bounded: beyond MAX_PENDING times the latest are dropped
 * (polling again); so are times more than an hour ahead.
 */
export type DueAlarm = { stop(): Promise<void> };

const MAX_PENDING = 50_000;
/** Times further ahead are left to polling (a poll interval late at most): the heap holds the near ones. */
const HORIZON_MS = 60 * 60 * 1000;
/** Fire a little after the due time: the job must be due by the database's clock too when the slot asks. */
const LATE_MS = 2;

export async function startDueAlarm(pool: pg.Pool, nudge: () => void): Promise<DueAlarm> {
  const heap = new MinHeap(MAX_PENDING);
  let timer: NodeJS.Timeout | undefined;
  let armedFor = Infinity;

  function arm() {
    const next = heap.peek();
    if (next === undefined || next >= armedFor) return;
    clearTimeout(timer);
    armedFor = next;
    timer = setTimeout(fire, Math.max(0, next - Date.now() + LATE_MS));
    timer.unref();
  }

  function fire() {
    armedFor = Infinity;
    timer = undefined;
    const now = Date.now();
    while ((heap.peek() ?? Infinity) <= now) heap.pop();
    nudge();
    arm();
  }

  const listener = await startNoticeListener(pool, CHANNEL.scheduled, {
    onNotice(payload) {
      const at = Date.parse(payload);
      if (Number.isNaN(at) || at - Date.now() > HORIZON_MS) return; // not ours, or far ahead
      heap.push(at);
      arm();
    },
  });
  return {
    async stop() {
      clearTimeout(timer);
      await listener.stop();
    },
  };
}

/** A binary min-heap of numbers, at most `capacity` (a push beyond it is dropped). */
export class MinHeap {
  private readonly items: number[] = [];
  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.items.length;
  }

  peek(): number | undefined {
    return this.items[0];
  }

  push(value: number): void {
    if (this.items.length >= this.capacity) return;
    const items = this.items;
    items.push(value);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (items[parent]! <= value) break;
      items[i] = items[parent]!;
      i = parent;
    }
    items[i] = value;
  }

  pop(): number | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length === 0 || last === undefined) return top;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= items.length) break;
      const right = left + 1;
      const child = right < items.length && items[right]! < items[left]! ? right : left;
      if (items[child]! >= last) break;
      items[i] = items[child]!;
      i = child;
    }
    items[i] = last;
    return top;
  }
}
