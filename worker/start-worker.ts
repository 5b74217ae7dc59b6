import { EventEmitter } from "node:events";
import { Logger, run, type Runner, type WorkerEvents } from "graphile-worker";
import { createPool } from "@/server/db/pool";
import { startHeartbeat } from "./heartbeat";
import { createQuickJsSandbox } from "@/server/sandbox/quickjs-sandbox";
import { startAbortRegistry } from "./abort-registry";
import { createTaskList } from "./tasks";

export type WorkerOptions = {
  databaseUrl: string;
  concurrency: number;
  heartbeatSeconds: number;
  /**
   * How often an idle worker looks for jobs whose run_at has come (delays,
   * retries, timeouts). New jobs are announced with NOTIFY and picked up at
   * once; scheduled ones only by this poll, so it bounds timer lateness.
   * Default 200 ms.
   */
  pollIntervalMs?: number;
  /** graphile-worker's own signal handling; off when the caller manages shutdown. */
  handleSignals?: boolean;
  logLevel?: "debug" | "info" | "warn" | "error";
};

export type WorkerHandle = { workerId: string; runner: Runner; stop(): Promise<void> };

const LEVELS = ["debug", "info", "warning", "error"] as const;

function makeLogger(min: WorkerOptions["logLevel"] = "info") {
  const floor = LEVELS.indexOf(min === "warn" ? "warning" : min);
  return new Logger(() => (level, message) => {
    if (LEVELS.indexOf(level as (typeof LEVELS)[number]) < floor) return;
    const line = `switchyard worker: ${message}`;
    if (level === "error") console.error(line);
    else if (level === "warning") console.warn(line);
    else console.log(line);
  });
}

/** Start one graphile-worker runner plus its heartbeat, on its own pool. */
export async function startWorker(options: WorkerOptions): Promise<WorkerHandle> {
  const pool = createPool(options.databaseUrl, { max: options.concurrency + 2, name: "switchyard-worker" });
  const sandbox = await createQuickJsSandbox();
  const aborts = await startAbortRegistry(pool);
  const taskList = createTaskList({ pool, sandbox, aborts, fetch: globalThis.fetch });
  const events: WorkerEvents = new EventEmitter();
  let poolId: string | undefined;
  events.on("pool:create", ({ workerPool }) => (poolId ??= workerPool.id));
  const runner = await run({
    events,
    pgPool: pool,
    concurrency: options.concurrency,
    pollInterval: options.pollIntervalMs ?? 200,
    taskList,
    noHandleSignals: !options.handleSignals,
    crontab: "", // schedules are our own (trigger.schedule), not a crontab file
    // graphile-worker logs every job at info level; only warnings and errors unless LOG_LEVEL=debug.
    logger: makeLogger(options.logLevel === "debug" ? "debug" : options.logLevel === "error" ? "error" : "warn"),
  });
  const workerId = poolId ?? `worker-${process.pid}`;
  const heartbeat = await startHeartbeat(pool, workerId, {
    concurrency: options.concurrency,
    intervalSeconds: options.heartbeatSeconds,
  });
  let running = 0;
  runner.events.on("job:start", () => heartbeat.setRunningJobs(++running));
  runner.events.on("job:complete", () => heartbeat.setRunningJobs(--running));

  let stopping: Promise<void> | undefined;
  return {
    workerId,
    runner,
    stop: () =>
      (stopping ??= (async () => {
        await runner.stop();
        await aborts.stop();
        sandbox.dispose();
        await heartbeat.stop();
        await pool.end();
      })()),
  };
}
