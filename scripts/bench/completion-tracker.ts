/**
 * One LISTEN connection for every execution the benchmark waits on (the
 * product's `waitForExecution` takes a pool connection per waiter, which
 * 1,000 concurrent waiters cannot have). Records when each
 * `switchyard_execution_finished` NOTIFY arrives, with a slow poll as a
 * safety net. Times are `performance.now()` of the benchmark process.
 */
import { performance } from "node:perf_hooks";
import pg from "pg";
import { CHANNEL } from "@/server/execution/jobs";

export type Finished = { at: number; status: string };

export class CompletionTracker {
  private readonly finished = new Map<string, number>();
  private readonly waiters = new Map<string, (at: number) => void>();
  private pollTimer: NodeJS.Timeout | undefined;

  private constructor(
    private readonly listener: pg.Client,
    private readonly pool: pg.Pool,
  ) {}

  static async start(url: string, pool: pg.Pool): Promise<CompletionTracker> {
    const listener = new pg.Client({ connectionString: url, application_name: "switchyard-bench-listener" });
    listener.on("error", () => {});
    await listener.connect();
    const tracker = new CompletionTracker(listener, pool);
    listener.on("notification", (m) => {
      if (m.channel === CHANNEL.finished && m.payload) tracker.arrived(m.payload, performance.now());
    });
    await listener.query(`LISTEN ${CHANNEL.finished}`);
    tracker.pollTimer = setInterval(() => void tracker.poll(), 1000);
    return tracker;
  }

  private arrived(id: string, at: number) {
    if (this.finished.has(id)) return;
    this.finished.set(id, at);
    this.waiters.get(id)?.(at);
    this.waiters.delete(id);
  }

  /** Safety net: a NOTIFY cannot be lost while we listen, but never hang on one. */
  private async poll() {
    const ids = [...this.waiters.keys()];
    if (ids.length === 0) return;
    const { rows } = await this.pool
      .query<{ id: string }>(`SELECT id FROM "Execution" WHERE id = ANY($1) AND "finishedAt" IS NOT NULL`, [ids])
      .catch(() => ({ rows: [] as { id: string }[] }));
    for (const row of rows) this.arrived(row.id, performance.now());
  }

  /** Resolves with the arrival time of the execution's terminal NOTIFY. */
  async arrival(id: string, timeoutMs = 120_000): Promise<number> {
    const known = this.finished.get(id);
    const at =
      known ??
      (await new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`execution ${id} did not finish within ${timeoutMs} ms`)), timeoutMs);
        this.waiters.set(id, (t) => {
          clearTimeout(timer);
          resolve(t);
        });
      }));
    this.finished.delete(id);
    return at;
  }

  /** The arrival time of the execution's terminal NOTIFY, and its final status (one more query). */
  async waitFor(id: string, timeoutMs = 120_000): Promise<Finished> {
    const at = await this.arrival(id, timeoutMs);
    const { rows } = await this.pool.query<{ status: string }>(`SELECT status FROM "Execution" WHERE id = $1`, [id]);
    return { at, status: rows[0]?.status ?? "missing" };
  }

  async stop() {
    clearInterval(this.pollTimer);
    await this.listener.end().catch(() => {});
  }
}
