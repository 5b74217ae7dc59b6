/**
 * The benchmark's own world: an embedded PostgreSQL under .data/pg-bench on
 * port 54359 with fsync ON (a durable engine is benchmarked durably: every
 * commit waits for its WAL flush), a fresh migrated database, and real worker
 * processes (`node --import tsx worker/main.ts`) exactly as production runs them.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { ensureDatabase, startEmbeddedPostgres, type RunningPostgres } from "@/server/db/embedded-postgres";
import { migrateDatabase } from "@/server/db/migrate";
import { createPool } from "@/server/db/pool";
import { LOOPBACK_ALLOWLIST } from "@/server/network-policy";

/** BENCH_PG_PORT overrides it (e.g. when another tool already listens there). */
export const BENCH_PG_PORT = Number(process.env.BENCH_PG_PORT ?? 54359);
export const BENCH_PG_DIR = ".data/pg-bench";
const DATABASE = "switchyard_bench";
const ROOT = path.resolve(import.meta.dirname, "../..");

export type WorkerProcess = { pid: number; child: ChildProcess };

export type BenchEnvironment = {
  url: string;
  pool: pg.Pool;
  workers: WorkerProcess[];
  postgresStartedHere: boolean;
  stop(): Promise<void>;
};

export type EnvironmentOptions = {
  workers: number;
  concurrency: number;
  /** Directory for `node --cpu-prof` output of the worker processes (profiling runs only). */
  cpuProfileDir?: string;
  /** Load pg_stat_statements (profiling runs only): see `statementStats`. */
  statementStats?: boolean;
  log: (line: string) => void;
};

export async function startBenchEnvironment(options: EnvironmentOptions): Promise<BenchEnvironment> {
  const server = await startEmbeddedPostgres({
    dataDir: path.join(ROOT, BENCH_PG_DIR),
    port: BENCH_PG_PORT,
    // Unlike test/test-postgres.ts, fsync, synchronous_commit and full_page_writes stay at their (durable) defaults.
    settings: options.statementStats
      ? { shared_preload_libraries: "pg_stat_statements", "pg_stat_statements.track": "all", "pg_stat_statements.track_planning": "on" }
      : {},
    log: options.log,
    adopt: true, // our own data directory: a server left by an interrupted run is stopped at the end
  });
  await recreateDatabase(server, options.log);
  const url = server.urlFor(DATABASE);
  await migrateDatabase(url);
  if (options.statementStats) await createStatementStats(url);
  const pool = createPool(url, { max: 24, name: "switchyard-bench" });

  const workers: WorkerProcess[] = [];
  const stop = async () => {
    await Promise.all(workers.map(stopWorker));
    await pool.end().catch(() => {});
    await server.stop();
  };
  try {
    for (let i = 0; i < options.workers; i++) workers.push(spawnWorker(url, options));
    await waitForHeartbeats(pool, workers, 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, pool, workers, postgresStartedHere: server.startedHere, stop };
}

async function recreateDatabase(server: RunningPostgres, log: (line: string) => void) {
  const admin = new pg.Client({ connectionString: server.adminUrl });
  admin.on("error", () => {});
  await admin.connect();
  try {
    // A reused server may have been started with other settings: a benchmark of durability must be durable.
    const { rows } = await admin.query<{ fsync: string; sync: string }>(
      `SELECT current_setting('fsync') AS fsync, current_setting('synchronous_commit') AS sync`,
    );
    if (rows[0]!.fsync !== "on" || rows[0]!.sync !== "on") {
      throw new Error(`the Postgres on port ${BENCH_PG_PORT} runs with fsync=${rows[0]!.fsync}, synchronous_commit=${rows[0]!.sync}; stop it and re-run`);
    }
    await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
  await ensureDatabase(server.adminUrl, DATABASE);
  log(`postgres on 127.0.0.1:${BENCH_PG_PORT} (${server.startedHere ? "started" : "reused"}; fsync and synchronous_commit on)`);
}

function spawnWorker(url: string, options: EnvironmentOptions): WorkerProcess {
  const profile = options.cpuProfileDir ? ["--cpu-prof", "--cpu-prof-dir", options.cpuProfileDir] : [];
  const child = spawn(process.execPath, ["--import", "tsx", ...profile, path.join(ROOT, "worker/main.ts")], {
    cwd: ROOT,
    stdio: ["ignore", "inherit", "inherit"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: url,
      SWITCHYARD_SUPERVISED: "1",
      WORKER_CONCURRENCY: String(options.concurrency),
      LOG_LEVEL: "warn",
      HTTP_ALLOW_PRIVATE_NETWORKS: LOOPBACK_ALLOWLIST, // the HTTP target runs on 127.0.0.1
    },
  });
  if (!child.pid) throw new Error("could not start a worker process");
  return { pid: child.pid, child };
}

async function waitForHeartbeats(pool: pg.Pool, workers: WorkerProcess[], timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  const pids = workers.map((w) => w.pid);
  for (;;) {
    const dead = workers.find((w) => w.child.exitCode !== null);
    if (dead) throw new Error(`worker process ${dead.pid} exited with code ${dead.child.exitCode} before its heartbeat`);
    const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM "WorkerHeartbeat" WHERE pid = ANY($1)`, [pids]);
    if (rows[0]!.n === pids.length) return;
    if (Date.now() > deadline) throw new Error(`worker heartbeats missing after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function stopWorker(worker: WorkerProcess): Promise<void> {
  const { child } = worker;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
  await exited;
  clearTimeout(timer);
}

async function createStatementStats(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
  } catch (error) {
    throw new Error(`--pg-stats needs a Postgres started with pg_stat_statements; stop the one on port ${BENCH_PG_PORT} and re-run (${(error as Error).message})`);
  } finally {
    await client.end();
  }
}

/** Resets pg_stat_statements (call before the scenarios you want to see). */
export async function resetStatementStats(pool: pg.Pool) {
  await pool.query("SELECT pg_stat_statements_reset()");
}

/** The statements that took the most server time since the last reset, as printable lines. */
export async function statementStats(pool: pg.Pool, limit = Number(process.env.BENCH_PG_STATS_LIMIT ?? 20)): Promise<string[]> {
  const { rows } = await pool.query<{ calls: string; exec: number; plan: number; mean: number; rows: string; query: string }>(
    `SELECT calls, total_exec_time AS exec, total_plan_time AS plan, mean_exec_time AS mean, rows,
            regexp_replace(query, '\\s+', ' ', 'g') AS query
       FROM pg_stat_statements
      WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
      ORDER BY total_exec_time + total_plan_time DESC LIMIT $1`,
    [limit],
  );
  const total = rows.reduce((sum, row) => sum + row.exec + row.plan, 0);
  return [
    "server time by statement (exec + plan ms, calls, mean exec ms, rows):",
    ...rows.map(
      (row) =>
        `${(row.exec + row.plan).toFixed(0).padStart(7)} ms ${(((row.exec + row.plan) / total) * 100).toFixed(0).padStart(3)}%  ${String(row.calls).padStart(7)}×  ${row.mean.toFixed(3).padStart(7)}  ${String(row.rows).padStart(7)}  ${row.query.slice(0, 160)}`,
    ),
  ];
}
