/**
 * `node --import tsx scripts/bench/cpu-per-execution.ts [--runs N]`
 *
 * (Also an eager start request, as the API makes it: the start step in the request.)
 * CPU, not wall time, per execution of the 3-node `hello3` workflow (or
 * `--workflow delay5s`: its start takes an admission slot and schedules a
 * timer, and its timer step is measured too), split by
 * phase and by process: the start request, the start transition
 * (advanceExecution, completing its job as a worker's task does) and
 * graphile-worker's own completion afterwards (then a no-op), each run N times in a row from one client against the benchmark's durable Postgres
 * (no worker processes). Postgres CPU is read from /proc for every postgres
 * process (the serving backend, the WAL writer, listeners…), this process's
 * own from process.cpuUsage(). Throughput on a CPU-bound machine is bounded by
 * the sum: docs/BENCHMARKS.md "Where things stand".
 */
import { readFileSync, readdirSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { advanceExecution } from "@/server/execution/advance-execution";
import { startExecutionRequest } from "@/server/execution/execution-service";
import { createQuickJsSandbox } from "@/server/sandbox/quickjs-sandbox";
import { AS_THE_API } from "./bench-context";
import { startBenchEnvironment } from "./bench-environment";
import { storeBenchWorkflows } from "./store-workflows";
import type { BenchWorkflowName } from "./workflows";
import type { EngineEvent } from "@/engine/execution-types";

const { values: args } = parseArgs({ options: { runs: { type: "string", default: "500" }, workflow: { type: "string", default: "hello3" } } });
const RUNS = Number(args.runs);
const HZ = 100; // USER_HZ on Linux

/** CPU ms used so far by every process whose command line starts with "postgres". */
function postgresCpuMs(): number {
  let ticks = 0;
  for (const pid of readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, "utf8").startsWith("postgres")) continue;
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // exited meanwhile
    }
  }
  return (ticks * 1000) / HZ;
}

const selfCpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function measure(label: string, body: (i: number) => Promise<void>) {
  const [pg0, self0, t0] = [postgresCpuMs(), selfCpuMs(), performance.now()];
  for (let i = 0; i < RUNS; i++) await body(i);
  const [pg1, self1, t1] = [postgresCpuMs(), selfCpuMs(), performance.now()];
  const per = (x: number) => (x / RUNS).toFixed(2).padStart(6);
  console.log(`${label.padEnd(44)} wall ${per(t1 - t0)} ms   postgres CPU ${per(pg1 - pg0)} ms   node CPU ${per(self1 - self0)} ms`);
}

const env = await startBenchEnvironment({ workers: 0, concurrency: 1, log: () => {} });
const sandbox = await createQuickJsSandbox();
try {
  const name = args.workflow as BenchWorkflowName;
  const workflowId = (await storeBenchWorkflows(env.url, [name]))[name];
  const pool = env.pool;
  // Warm up: prepared statements, the workflow cache, the JIT.
  for (let i = 0; i < 20; i++) {
    const { executionId } = await startExecutionRequest(pool, { workflowId, input: { name: "warm" } });
    await advanceExecution({ pool, sandbox }, executionId, { type: "start" });
  }
  await pool.query(`DELETE FROM graphile_worker._private_jobs`);

  console.log(`per execution of ${name}, mean of ${RUNS} in a row (one client, no workers):`);
  await measure("bare INSERT + COMMIT (fsync'd)", async () => {
    await pool.query("CREATE TABLE IF NOT EXISTS bench_cpu_probe (v int)");
    await pool.query("INSERT INTO bench_cpu_probe VALUES (1)");
  });
  // As the API starts it (AS_THE_API): the request makes the start step when it qualifies (eager-start.ts).
  await measure("eager start request (INSERT past the start step)", async () => {
    await startExecutionRequest(pool, { workflowId, input: { name: "Ada" }, ...AS_THE_API });
  });
  const ids: string[] = [];
  await measure("start request (INSERT + start job)", async () => {
    ids.push((await startExecutionRequest(pool, { workflowId, input: { name: "Ada" } })).executionId);
  });
  for (let i = 0; i < RUNS; i++) ids.push((await startExecutionRequest(pool, { workflowId, input: { name: "Ada" } })).executionId);
  // Handed out as graphile-worker's getJobs locks a job.
  const { rows: jobs } = await pool.query<{ id: string; versionId: string }>(
    `WITH handed AS (UPDATE graphile_worker._private_jobs SET locked_by = 'cpu-worker', locked_at = now(), attempts = 1 RETURNING id, payload)
      SELECT id, payload->>'versionId' AS "versionId" FROM handed ORDER BY id`,
  );
  await measure("start transition, locked (BEGIN + lock, write, COMMIT)", async (i) => {
    await advanceExecution({ pool, sandbox }, ids[i]!, { type: "start" }, { completeJob: { id: jobs[i]!.id, workerId: "cpu-worker" } });
  });
  // As the worker's task makes it: the job names the version, whose starts end at once (unlocked-start.ts).
  await measure("start transition, as a worker (read, guarded write)", async (i) => {
    const job = jobs[RUNS + i]!;
    await advanceExecution({ pool, sandbox }, ids[RUNS + i]!, { type: "start" }, { completeJob: { id: job.id, workerId: "cpu-worker" }, versionHint: job.versionId });
  });
  await measure("graphile's completion (deletes nothing now)", async (i) => {
    await pool.query(`delete from graphile_worker._private_jobs as jobs where id = $1::bigint`, [jobs[i]!.id]);
  });
  // The timers the delay's starts scheduled, handed out as getJobs would once due, then fired.
  const { rows: timers } = await pool.query<{ id: string; executionId: string; event: EngineEvent }>(
    `WITH handed AS (UPDATE graphile_worker._private_jobs SET locked_by = 'cpu-worker', locked_at = now(), attempts = 1
                      WHERE payload->'event'->>'type' = 'timer-fired' RETURNING id, payload)
      SELECT id, payload->>'executionId' AS "executionId", payload->'event' AS event FROM handed ORDER BY id`,
  );
  if (timers.length > 0) {
    await measure("timer step, locked (BEGIN + lock, write, release, COMMIT)", async (i) => {
      const t = timers[i]!;
      await advanceExecution({ pool, sandbox }, t.executionId, t.event, { completeJob: { id: t.id, workerId: "cpu-worker" } });
    });
  }
} finally {
  sandbox.dispose();
  await env.stop();
}
