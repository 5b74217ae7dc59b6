/**
 * `node --import tsx scripts/bench/profile-transition.ts [--runs N]`
 *
 * Where one engine transition's time goes. Same durable Postgres as the
 * benchmark (fsync on) but NO worker processes: each execution is started with
 * startExecutionRequest, then its `execution.start` job is applied here, in
 * process, by the product's own advanceExecution — with the pool and the
 * sandbox wrapped so every SQL statement (including COMMIT, i.e. the WAL
 * flush) and every sandbox evaluation is timed. Engine CPU outside the
 * sandbox is the rest. Also prints a bare commit's latency and EXPLAIN
 * ANALYZE of the hot statements.
 */
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import type pg from "pg";
import type { Json } from "@/engine/execution-types";
import type { Sandbox } from "@/engine/ports";
import { advanceExecution } from "@/server/execution/advance-execution";
import { startExecutionRequest } from "@/server/execution/execution-service";
import { createQuickJsSandbox } from "@/server/sandbox/quickjs-sandbox";
import { startBenchEnvironment } from "./bench-environment";
import { lastSaveStep, timedPool, type Timings } from "./timed-pool";
import { median } from "./stats";
import { storeBenchWorkflows } from "./store-workflows";
import type { BenchWorkflowName } from "./workflows";

const { values: args } = parseArgs({ options: { runs: { type: "string", default: "5" } } });
const RUNS = Number(args.runs);
const CASES: Array<[BenchWorkflowName, Json]> = [
  ["hello3", { name: "Ada" }],
  ["chain40", { n: 0 }],
  ["fanout100", { x: 3 }],
  ["loop1000", { items: Array.from({ length: 1000 }, (_, i) => i) }],
];

const add = (t: Timings, key: string, ms: number) => t.set(key, (t.get(key) ?? 0) + ms);

function timedSandbox(sandbox: Sandbox, t: Timings): Sandbox {
  const time = <A extends unknown[], R>(f: (...a: A) => R) => (...a: A): R => {
    const start = performance.now();
    try {
      return f(...a);
    } finally {
      add(t, "sandbox evaluations", performance.now() - start);
      add(t, "sandbox calls (count)", 1);
    }
  };
  return { evaluateExpression: time(sandbox.evaluateExpression), runCode: time(sandbox.runCode) };
}

const env = await startBenchEnvironment({ workers: 0, concurrency: 1, log: () => {} });
const sandbox = await createQuickJsSandbox();
try {
  const ids = await storeBenchWorkflows(env.url, CASES.map(([name]) => name));

  console.log(`bare INSERT + COMMIT (fsync on), median of 200: ${(await commitLatency(env.pool)).toFixed(2)} ms\n`);
  for (const [name, input] of CASES) {
    const all: Timings[] = [];
    for (let i = 0; i < RUNS + 1; i++) {
      const t: Timings = new Map();
      const { executionId } = await startExecutionRequest(env.pool, { workflowId: ids[name], input });
      const start = performance.now();
      const outcome = await advanceExecution({ pool: timedPool(env.pool, t), sandbox: timedSandbox(sandbox, t) }, executionId, { type: "start" });
      t.set("total transition", performance.now() - start);
      if (outcome.status !== "succeeded") throw new Error(`${name} ended ${outcome.status}`);
      if (i > 0) all.push(t); // the first run warms the workflow cache and the JIT
    }
    report(name, all);
    if (name === "loop1000") await explainSaveStep(env.pool, ids.loop1000, input);
  }
  await explainHotStatements(env.pool, ids.chain40);
} finally {
  sandbox.dispose();
  await env.stop();
}

function report(name: string, runs: Timings[]) {
  const keys = [...new Set(runs.flatMap((t) => [...t.keys()]))];
  const med = (k: string) => median(runs.map((t) => t.get(k) ?? 0));
  const total = med("total transition");
  const sql = keys.filter((k) => k.startsWith("sql ") && !k.endsWith("(count)")).reduce((s, k) => s + med(k), 0);
  const engine = total - sql - med("sandbox evaluations");
  console.log(`${name}: one transition ${total.toFixed(1)} ms (median of ${runs.length})`);
  const rows: Array<[string, number]> = [...keys.filter((k) => k !== "total transition" && !k.includes("(count)")).map((k): [string, number] => [k, med(k)]), ["engine CPU outside the sandbox (rest)", engine]];
  for (const [k, ms] of rows.sort((a, b) => b[1] - a[1])) {
    console.log(`  ${ms.toFixed(2).padStart(8)} ms ${((100 * ms) / total).toFixed(0).padStart(3)}%  ${k}${k === "sandbox evaluations" ? ` (${med("sandbox calls (count)")} calls)` : ""}`);
  }
  console.log("");
}

async function commitLatency(pool: pg.Pool): Promise<number> {
  await pool.query("CREATE TABLE IF NOT EXISTS bench_commit_probe (v int)");
  const d: number[] = [];
  for (let i = 0; i < 200; i++) {
    const start = performance.now();
    await pool.query("INSERT INTO bench_commit_probe VALUES (1)");
    d.push(performance.now() - start);
  }
  return median(d);
}

async function explainHotStatements(pool: pg.Pool, workflowId: string) {
  const { executionId } = await startExecutionRequest(pool, { workflowId, input: { n: 0 } });
  const statements: Array<[string, string, unknown[]]> = [
    ["lock execution", `SELECT * FROM "Execution" WHERE id = $1 FOR UPDATE`, [executionId]],
    ["graphile get_job-like claim", `SELECT id FROM graphile_worker._private_jobs WHERE run_at <= now() AND locked_at IS NULL ORDER BY priority, run_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`, []],
    ["wait-for status", `SELECT status FROM "Execution" WHERE id = $1`, [executionId]],
  ];
  console.log("EXPLAIN (ANALYZE, BUFFERS) of hot statements:");
  for (const [name, sql, params] of statements) {
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      const { rows } = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
      await client.query("ROLLBACK");
      console.log(`  ${name}:\n${rows.map((r) => `    ${r["QUERY PLAN"]}`).join("\n")}`);
    } finally {
      client.release();
    }
  }
}

/** EXPLAIN ANALYZE of the loop's step write, replayed (rolled back) for a fresh execution of the same workflow. */
async function explainSaveStep(pool: pg.Pool, workflowId: string, input: Json) {
  const saved = lastSaveStep();
  if (!saved) return;
  const { executionId } = await startExecutionRequest(pool, { workflowId, input });
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const values = [executionId, ...saved.values.slice(1)];
    const { rows } = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS, VERBOSE, WAL) ${saved.text}`, values);
    await client.query("ROLLBACK");
    console.log(`EXPLAIN of the loop's step write (${(String(values[2]).length / 1024).toFixed(0)} KB of runs, ${(String(values[3]).length / 1024).toFixed(0)} KB of events):\n${rows.map((r) => `    ${r["QUERY PLAN"]}`).join("\n")}\n`);
  } finally {
    client.release();
  }
}
