import type pg from "pg";

/** A Postgres NOTIFY to send once the transaction that warrants it has committed. */
export type Notice = { channel: string; payload: string };

/**
 * NOTIFY after COMMIT, batched per pool.
 *
 * A NOTIFY inside a transaction makes its COMMIT take a database-wide lock
 * (async.c, PreCommit_Notify) and hold it through the commit's WAL flush, so
 * every transaction that notifies commits one at a time, without group commit.
 * On the bench machine 16 clients committing one-row inserts managed 5,500–8,000
 * commits/s, and 2,000/s with a NOTIFY in each; under the throughput bench, 1.5
 * backends on average were queued on that lock (`Lock:object`), the largest
 * wait of all (docs/BENCHMARKS.md).
 *
 * So the hot paths (a transition's events and "finished" notice, the wake-up
 * for new jobs) commit without NOTIFY and hand their notices to `sendNotices`:
 * one statement per pool at a time sends everything queued meanwhile, so the
 * lock is taken once per batch, outside anyone's data transaction. Listeners
 * still never see a notice before the data it announces (it is sent after the
 * commit). What changes: a process that dies between its COMMIT and the send
 * loses those notices. Every consumer already tolerates lost notices, because
 * a broken LISTEN connection loses them too: live feeds read by sequence number
 * from where each client is, execution waits poll slowly as a safety net, and
 * graphile-worker polls for jobs (its NOTIFY is only a wake-up).
 *
 * Rare notices (cancellations' aborts, ending a queued execution) stay in their
 * transactions: there the lock costs nothing measurable.
 */
export function sendNotices(pool: pg.Pool, notices: readonly Notice[]): void {
  if (notices.length === 0) return;
  let sender = senders.get(pool);
  if (!sender) senders.set(pool, (sender = createSender(pool)));
  sender.send(notices);
}

/** Resolves when every notice handed to `sendNotices` for `pool` so far has been sent (or given up). Call before `pool.end()`. */
export function noticesSent(pool: pg.Pool): Promise<void> {
  return senders.get(pool)?.idle() ?? Promise.resolve();
}

const senders = new WeakMap<pg.Pool, ReturnType<typeof createSender>>();

function createSender(pool: pg.Pool) {
  let pending: Notice[] = [];
  let sending: Promise<void> | null = null;

  async function drain(): Promise<void> {
    while (pending.length > 0) {
      const batch = pending;
      pending = [];
      try {
        await pool.query({
          name: "sy_send_notices",
          // A transaction of its own, which need not wait for its commit record to reach disk: it
          // writes no data, and the notices go out at commit either way.
          text: `SELECT set_config('synchronous_commit', 'off', true), count(pg_notify(n.channel, n.payload))
                   FROM unnest($1::text[], $2::text[]) AS n(channel, payload)`,
          values: [batch.map((n) => n.channel), batch.map((n) => n.payload)],
        });
      } catch (error) {
        // Best effort, like a NOTIFY lost to a broken LISTEN connection (see above): never retried,
        // so a dead database cannot grow this queue.
        if (!(pool as { ending?: boolean }).ending) {
          console.warn(`switchyard: ${batch.length} notice(s) not sent (${(error as Error).message}); listeners catch up by polling`);
        }
      }
    }
    sending = null;
  }

  return {
    send(notices: readonly Notice[]) {
      pending.push(...notices);
      sending ??= drain();
    },
    idle(): Promise<void> {
      return sending ?? Promise.resolve();
    },
  };
}
