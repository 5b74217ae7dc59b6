import os from "node:os";
import { Worker } from "node:worker_threads";
import type pg from "pg";

/**
 * Each worker process owns one WorkerHeartbeat row (id = graphile-worker's
 * WorkerPool id, which is also what the pool writes into the `locked_by` of
 * the jobs it takes) and refreshes `lastSeenAt` every interval. Health reads
 * it; the stale-worker sweeper (worker/sweeper.ts) releases the jobs of
 * workers whose row is stale and deletes the row.
 *
 * The beats come from a thread of their own (heartbeat-thread.mjs, with its
 * own connection), not from the main thread: an engine step runs there
 * synchronously, `code` evaluations included, and a step busy for longer than
 * the stale threshold (a slow code node with a long timeoutMs, a loop of many
 * in one step) used to stop the beats, so other workers presumed this one dead
 * and ran its jobs a second time. The thread still beats only while the main
 * thread is alive: it turns (stamps `mainAliveAt` every second) or is inside a
 * sandbox evaluation whose deadline has not passed (`busyFor`, called by the
 * worker's sandbox before each one). A main thread stuck anywhere else lets
 * the row go stale, as a dead process does.
 */
export type Heartbeat = {
  setRunningJobs(n: number): void;
  /**
   * How long this worker has been beating without a failure (ms; 0 when the
   * last beat failed or is overdue). The sweeper only judges other workers
   * after it has itself been healthy for a stale threshold: after a database
   * outage every row is old, and the workers that beat again must not be
   * declared dead by the first one back.
   */
  healthyForMs(): number;
  /** The main thread is about to be busy for up to `ms` (a sandbox evaluation's deadline): keep beating meanwhile. */
  busyFor(ms: number): void;
  stop(): Promise<void>;
};

/** Float64 slots shared with heartbeat-thread.mjs (its SLOT, same order). */
const SLOT = { mainAliveAt: 0, busyUntil: 1, runningJobs: 2, lastOk: 3, healthySince: 4 } as const;
/**
 * The main thread stamps mainAliveAt this often. The thread gives up on it after a third of the stale
 * threshold without a stamp (and no evaluation under way; 1–5 s), so that a stuck main thread's row
 * goes stale about when a dead process's would.
 */
const MAIN_TICK_MS = 500;
const mainQuietMs = (staleSeconds: number) => Math.min(5000, Math.max(1000, (staleSeconds * 1000) / 3));
/** Time past an evaluation's own deadline that it may take to stop and return (the sandbox checks its clock periodically). */
const EVALUATION_SLACK_MS = 2000;


export async function startHeartbeat(
  pool: pg.Pool,
  workerId: string,
  options: { databaseUrl: string; concurrency: number; intervalSeconds: number; staleSeconds: number; ephemeral?: boolean },
): Promise<Heartbeat> {
  const intervalMs = options.intervalSeconds * 1000;
  const shared = new SharedArrayBuffer(8 * 5);
  const state = new Float64Array(shared);
  const stampMain = () => (state[SLOT.mainAliveAt] = Date.now());
  stampMain();
  // The first beat from here, so the row exists when this resolves (health, tests and the sweeper rely on it).
  await pool.query(
    `INSERT INTO "WorkerHeartbeat" ("workerId", host, pid, concurrency, "runningJobs", ephemeral, "startedAt", "lastSeenAt")
     VALUES ($1, $2, $3, $4, 0, $5, now(), now())
     ON CONFLICT ("workerId") DO UPDATE SET "lastSeenAt" = now()`,
    [workerId, os.hostname(), process.pid, options.concurrency, options.ephemeral ?? false],
  );
  state[SLOT.lastOk] = state[SLOT.healthySince] = Date.now();

  const thread = new Worker(new URL("./heartbeat-thread.mjs", import.meta.url), {
    workerData: {
      databaseUrl: options.databaseUrl,
      workerId,
      concurrency: options.concurrency,
      ephemeral: options.ephemeral ?? false,
      pid: process.pid,
      intervalMs,
      mainQuietMs: mainQuietMs(options.staleSeconds),
      shared,
    },
    // Plain JavaScript: no loader needed (and none inherited: tests start workers in-process too).
    execArgv: [],
  });
  thread.unref();
  let stopped: ((error: string | null) => void) | undefined;
  thread.on("message", (message: { type: string; message?: string; error?: string | null }) => {
    if (message.type === "warn") console.warn(`switchyard worker: ${message.message}`);
    if (message.type === "stopped") stopped?.(message.error ?? null);
  });
  thread.on("error", (error) => console.error(`switchyard worker: the heartbeat thread failed (${error.message}); this worker will be presumed dead`));
  const mainTicker = setInterval(stampMain, MAIN_TICK_MS);
  mainTicker.unref();

  return {
    setRunningJobs(n) {
      state[SLOT.runningJobs] = n;
    },
    healthyForMs() {
      const now = Date.now();
      const healthySince = state[SLOT.healthySince]!;
      if (healthySince === 0 || now - state[SLOT.lastOk]! > 2 * intervalMs + 1000) return 0;
      return now - healthySince;
    },
    busyFor(ms) {
      stampMain();
      state[SLOT.busyUntil] = Math.max(state[SLOT.busyUntil]!, Date.now() + ms + EVALUATION_SLACK_MS);
    },
    async stop() {
      clearInterval(mainTicker);
      const error = await Promise.race([
        new Promise<string | null>((resolve) => {
          stopped = resolve;
          thread.postMessage({ type: "stop" });
        }),
        new Promise<string>((resolve) => setTimeout(() => resolve("the heartbeat thread did not answer"), 5000).unref()),
      ]);
      await thread.terminate();
      if (error !== null) {
        // Not fatal: other workers' sweepers remove the row once it is stale (and release nothing: we hold no jobs now).
        console.warn(`switchyard worker: could not remove ${workerId}'s heartbeat on shutdown (${error}); it goes stale`);
      }
    },
  };
}
