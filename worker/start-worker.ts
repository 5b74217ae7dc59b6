import { EventEmitter } from "node:events";
import { Logger, run, type Runner, type WorkerEvents, type WorkerPool } from "graphile-worker";
import { createPool } from "@/server/db/pool";
import { patientPool } from "./patient-pool";
import { startHeartbeat } from "./heartbeat";
import { startSweeper } from "./sweeper";
import { stoppableFetch } from "./stoppable-fetch";
import { guardedFetch } from "./guarded-fetch";
import { parseNetworkAllowlist } from "@/server/network-policy";
import { loadEnv, redactUrl } from "@/server/env";
import { createQuickJsSandbox, type QuickJsSandbox } from "@/server/sandbox/quickjs-sandbox";
import { WorkflowSettings } from "@/engine/workflow-schema";
import { startDueAlarm } from "./due-alarm";
import { startAbortRegistry } from "./abort-registry";
import { createTaskList } from "./tasks";
import { noticesSent } from "@/server/db/post-commit-notices";
import type { InlineControl } from "./tasks/inline-effects";

export type WorkerOptions = {
  databaseUrl: string;
  concurrency: number;
  heartbeatSeconds: number;
  /** Lives only for one command (`wf run`): recorded so that other commands do not rely on it. */
  ephemeral?: boolean;
  /**
   * How often an idle worker looks for jobs whose run_at has come (delays,
   * retries, timeouts). New jobs are announced with NOTIFY and picked up at
   * once; scheduled ones only by this poll, so it bounds timer lateness.
   * Default 200 ms.
   */
  pollIntervalMs?: number;
  /**
   * A worker whose heartbeat is older than this is dead: this worker's sweeper
   * releases its jobs (graphile-worker alone keeps them locked for 4 hours).
   * Default 15 s (3 missed beats at the default 5 s interval, and what
   * health calls stale). Keep it well above heartbeatSeconds.
   */
  staleSeconds?: number;
  /** How often the sweeper looks for stale workers (±25 % jitter). Default: staleSeconds / 3, at most 5 s. */
  sweepIntervalSeconds?: number;
  /**
   * stop(): how long running jobs may take to finish before they are abandoned
   * (in-flight HTTP calls aborted, nothing recorded) and their jobs released
   * for another worker. Default 10 s.
   */
  shutdownGraceMs?: number;
  /**
   * Non-public destinations `http.request` may reach, in HTTP_ALLOW_PRIVATE_NETWORKS's
   * syntax (`127.0.0.0/8,::1,localhost`, `10.1.2.3:8080`, `*`). Default: that
   * variable of this process's environment; unset → none (production's default).
   * Tests and development pass LOOPBACK_ALLOWLIST.
   */
  allowPrivateNetworks?: string;
  /** The largest `http.request` response body read, in KiB. Default: HTTP_MAX_RESPONSE_KB (10,240: 10 MiB). */
  maxResponseKb?: number;
  /**
   * The largest sandbox heap one evaluation may have, in MiB. Default: the workflow schema's maximum
   * for settings.sandbox.memoryMb (1024), so every valid document gets what it asks for; a lower value
   * makes larger requests fail with an error naming both figures.
   */
  sandboxMaxMemoryMb?: number;
  /** graphile-worker's own signal handling; off when the caller manages shutdown. */
  handleSignals?: boolean;
  logLevel?: "debug" | "info" | "warn" | "error";
};

export type StopResult = {
  /** Jobs still running when the grace period ended, released for another worker. */
  releasedJobs: string[];
};

export type WorkerHandle = {
  workerId: string;
  runner: Runner;
  /** Graceful shutdown: stop taking jobs, let running ones finish within the grace period, release the rest. Idempotent. */
  stop(): Promise<StopResult>;
  /** Ids of the jobs this worker is running now. */
  runningJobs(): string[];
};

const LEVELS = ["debug", "info", "warning", "error"] as const;
const MiB = 1024 * 1024;
/** Read from the schema so that the worker's sandbox and the format cannot disagree. */
const SCHEMA_MAX_SANDBOX_MEMORY_MB = WorkflowSettings.shape.sandbox.unwrap().shape.memoryMb.unwrap().maxValue ?? 1024;

function makeLogger(min: WorkerOptions["logLevel"] = "info") {
  const floor = LEVELS.indexOf(min === "warn" ? "warning" : min);
  return new Logger(() => (level, message) => {
    if (LEVELS.indexOf(level as (typeof LEVELS)[number]) < floor) return;
    const line = `switchyard worker: ${redactUrl(message)}`; // no connection-string password in logs
    if (level === "error") console.error(line);
    else if (level === "warning") console.warn(line);
    else console.log(line);
  });
}

/** Start one graphile-worker runner plus its heartbeat and stale-worker sweeper, on its own pool. */
export async function startWorker(options: WorkerOptions): Promise<WorkerHandle> {
  const staleSeconds = options.staleSeconds ?? 15;
  const graceMs = options.shutdownGraceMs ?? 10_000;
  const logLevel = options.logLevel ?? "info";
  // A connection per job slot, two held by LISTENers (aborts, due timers), and room for graphile-worker's
  // own queries and the heartbeat and sweeper.
  const pool = createPool(options.databaseUrl, { max: options.concurrency + 4, name: "switchyard-worker" });
  // Each evaluation tells the heartbeat how long the main thread may be busy with it (heartbeat.ts).
  let busyFor: (ms: number) => void = () => {};
  const sandbox = markingBusy(await createQuickJsSandbox({ maxMemoryBytes: (options.sandboxMaxMemoryMb ?? SCHEMA_MAX_SANDBOX_MEMORY_MB) * MiB }), (ms) => busyFor(ms));
  const aborts = await startAbortRegistry(pool);
  // SSRF guard (non-public addresses refused unless allowlisted), wrapped so that shutdown can abandon calls.
  const guarded = guardedFetch({
    allowlist: parseNetworkAllowlist(options.allowPrivateNetworks ?? process.env.HTTP_ALLOW_PRIVATE_NETWORKS),
  });
  const http = stoppableFetch(guarded.fetch, { maxResponseBytes: (options.maxResponseKb ?? loadEnv().HTTP_MAX_RESPONSE_KB) * 1024 });
  // Effects run inline once the pool's id (the jobs' locked_by) is known; never while shutting down.
  const inline: InlineControl = { workerId: "", accepting: true };
  const taskList = createTaskList({ pool, sandbox, aborts, fetch: http.fetch, inline });
  const events: WorkerEvents = new EventEmitter();
  let workerPool: WorkerPool | undefined;
  events.on("pool:create", ({ workerPool: created }) => (workerPool ??= created));
  const runner = await run({
    events,
    pgPool: patientPool(pool),
    concurrency: options.concurrency,
    pollInterval: options.pollIntervalMs ?? 200,
    taskList,
    noHandleSignals: !options.handleSignals,
    crontab: "", // schedules are our own (trigger.schedule), not a crontab file
    // helpers.abortSignal fires when our grace period ends (our tasks use their own signals; see stop()).
    gracefulShutdownAbortTimeout: graceMs,
    // graphile-worker logs every job at info level; only warnings and errors unless LOG_LEVEL=debug.
    logger: makeLogger(logLevel === "debug" ? "debug" : logLevel === "error" ? "error" : "warn"),
  });
  // The pool id is what graphile-worker 0.17 writes into jobs.locked_by: the id to unlock by.
  const workerId = workerPool?.id ?? `worker-${process.pid}`;
  if (workerPool) inline.workerId = workerPool.id;
  const heartbeat = await startHeartbeat(pool, workerId, {
    databaseUrl: options.databaseUrl,
    concurrency: options.concurrency,
    intervalSeconds: options.heartbeatSeconds,
    staleSeconds,
    ephemeral: options.ephemeral,
  });
  busyFor = (ms) => heartbeat.busyFor(ms);
  const sweeper = startSweeper(pool, workerId, {
    staleSeconds,
    intervalSeconds: options.sweepIntervalSeconds ?? Math.min(5, staleSeconds / 3),
    healthyForMs: () => heartbeat.healthyForMs(),
  });
  // Scheduled jobs (timers) are looked for when due, not at the next poll.
  const alarm = await startDueAlarm(pool, () => workerPool?.nudge(options.concurrency));
  const running = new Set<string>();
  // One line per job at debug level: which process ran what (the fault tests read it), inline claims included.
  const logStart = (jobId: string, task: string) => {
    if (logLevel === "debug") console.log(`switchyard worker ${workerId}: job ${jobId} ${task} started`);
  };
  inline.onClaim = logStart;
  runner.events.on("job:start", ({ job }) => {
    running.add(job.id);
    heartbeat.setRunningJobs(running.size);
    logStart(job.id, job.task_identifier);
  });
  runner.events.on("job:complete", ({ job }) => {
    running.delete(job.id);
    heartbeat.setRunningJobs(running.size);
  });

  const shutdown = async (): Promise<StopResult> => {
    inline.accepting = false;
    // 1. Stop taking jobs — first, before anything below yields to the event loop, during which the pool
    //    could still take one (the due alarm's timer is cleared synchronously by its stop) — then wait for
    //    the running ones, up to the grace period. The heartbeat keeps beating meanwhile, so no other
    //    worker's sweeper takes these jobs away.
    const alarmStopped = alarm.stop();
    const drained = workerPool
      ? Promise.resolve(workerPool.gracefulShutdown("Switchyard worker is shutting down")).then(
          () => true,
          () => true,
        )
      : undefined;
    await sweeper.stop();
    await alarmStopped;
    let timer: NodeJS.Timeout | undefined;
    const inTime = await Promise.race([
      drained ?? Promise.resolve(true),
      new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), graceMs))),
    ]);
    clearTimeout(timer);
    const releasedJobs = inTime ? [] : [...running];
    if (!inTime) {
      // 2. Out of time: abandon in-flight HTTP calls (the server sees a hang-up; the task never
      //    records a result), then unlock our jobs with run_at unchanged so another worker takes them
      //    at once (graphile-worker's forcefulShutdown would fail them with a backoff of e^attempts s).
      http.abandon();
      await pool.query("SELECT graphile_worker.force_unlock_workers($1::text[])", [[workerId]]);
      console.warn(`switchyard worker: shutdown grace period (${graceMs} ms) over; released job(s) ${releasedJobs.join(", ")}`);
      if (workerPool) await Promise.resolve(workerPool.forcefulShutdown("Switchyard worker shutdown grace period over")).catch(() => {});
    }
    await runner.stop().catch(() => {}); // "already stopped" once the pool has finished on its own
    await runner.promise.catch(() => {}); // abandoned jobs make the pool report "failed to stop working"
    await aborts.stop();
    guarded.close();
    sandbox.dispose();
    await heartbeat.stop();
    // The last transitions' NOTIFYs go out first (post-commit-notices.ts). A task abandoned in the
    // middle of a database step still holds its client; do not wait forever.
    await Promise.race([
      noticesSent(pool).then(() => pool.end()),
      new Promise((resolve) => setTimeout(resolve, 3000).unref()),
    ]);
    return { releasedJobs };
  };

  let stopping: Promise<StopResult> | undefined;
  return {
    workerId,
    runner,
    runningJobs: () => [...running],
    stop: () => (stopping ??= shutdown()),
  };
}

/**
 * The sandbox, telling `busyFor` before each evaluation how long it may keep the main thread: its own
 * deadline (the workflow's or node's timeoutMs, else the sandbox's default, at most 1 s).
 */
function markingBusy(sandbox: QuickJsSandbox, busyFor: (ms: number) => void): QuickJsSandbox {
  return {
    evaluateExpression(source, scope, limits) {
      busyFor(limits?.timeoutMs ?? 1000);
      return sandbox.evaluateExpression(source, scope, limits);
    },
    runCode(body, scope, limits) {
      busyFor(limits?.timeoutMs ?? 1000);
      return sandbox.runCode(body, scope, limits);
    },
    dispose: () => sandbox.dispose(),
  };
}
