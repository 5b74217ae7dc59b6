/**
 * `node --import tsx scripts/bench/profile-http-step.ts [--runs N]`
 *
 * Where a durable `http.request` step's time goes. Runs the chain40-http
 * workflow in this process through the worker's own task handlers (effects
 * inline, as a worker runs them; no graphile-worker runner: the start job is
 * handed to the handler directly), against the benchmark's durable Postgres,
 * with every SQL statement, every HTTP call and the sandbox timed. Prints the
 * per-step median of each part; the rest is the worker's own JavaScript.
 */
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import type { JobHelpers } from "graphile-worker";
import { startExecutionRequest } from "@/server/execution/execution-service";
import { createQuickJsSandbox } from "@/server/sandbox/quickjs-sandbox";
import { guardedFetch } from "../../worker/guarded-fetch";
import { startAbortRegistry } from "../../worker/abort-registry";
import { executionTasks } from "../../worker/tasks/execution-tasks";
import { parseNetworkAllowlist } from "@/server/network-policy";
import { startBenchEnvironment } from "./bench-environment";
import { startHttpTarget } from "./http-target";
import { timedPool, type Timings } from "./timed-pool";
import { median } from "./stats";
import { storeBenchWorkflows } from "./store-workflows";

const { values: args } = parseArgs({ options: { runs: { type: "string", default: "5" } } });
const RUNS = Number(args.runs);
const STEPS = 40;

const env = await startBenchEnvironment({ workers: 0, concurrency: 1, log: () => {} });
const sandbox = await createQuickJsSandbox();
const target = await startHttpTarget();
const aborts = await startAbortRegistry(env.pool);
try {
  const { chain40Http: workflowId } = await storeBenchWorkflows(env.url, ["chain40Http"]);
  const guarded = guardedFetch({ allowlist: parseNetworkAllowlist("127.0.0.0/8") });

  const all: Timings[] = [];
  for (let i = 0; i < RUNS + 1; i++) {
    const t: Timings = new Map();
    const timedFetch: typeof fetch = async (...a) => {
      const start = performance.now();
      try {
        return await guarded.fetch(...a);
      } finally {
        t.set("http call (guarded fetch)", (t.get("http call (guarded fetch)") ?? 0) + performance.now() - start);
      }
    };
    const pool = timedPool(env.pool, t);
    const tasks = executionTasks({ pool, sandbox, aborts, fetch: timedFetch, inline: { workerId: "profile-worker", accepting: true } });
    const { executionId } = await startExecutionRequest(env.pool, { workflowId, input: { baseUrl: target.baseUrl } });
    const { rows } = await env.pool.query(
      `UPDATE graphile_worker._private_jobs SET locked_by = 'profile-worker', locked_at = now(), attempts = attempts + 1
        WHERE payload->>'executionId' = $1 RETURNING *`,
      [executionId],
    );
    const start = performance.now();
    await tasks["execution.start"]!({ executionId }, { job: rows[0] } as unknown as JobHelpers);
    t.set("total", performance.now() - start);
    const { rows: done } = await env.pool.query<{ status: string }>(`SELECT status FROM "Execution" WHERE id = $1`, [executionId]);
    if (done[0]?.status !== "succeeded") throw new Error(`chain40-http ended ${done[0]?.status}`);
    if (i > 0) all.push(t); // the first run warms caches, prepared statements and the JIT
  }
  const keys = [...new Set(all.flatMap((t) => [...t.keys()]))].filter((k) => !k.endsWith("(count)"));
  const perStep = (k: string) => median(all.map((t) => t.get(k) ?? 0)) / STEPS;
  const total = perStep("total");
  const parts = keys.filter((k) => k !== "total").map((k): [string, number] => [k, perStep(k)]);
  const rest = total - parts.reduce((s, [, ms]) => s + ms, 0);
  console.log(`chain40-http: ${total.toFixed(2)} ms per step (median of ${RUNS} runs of ${STEPS} steps)`);
  for (const [k, ms] of [...parts, ["worker JavaScript and waiting (rest)", rest] as [string, number]].sort((a, b) => b[1] - a[1])) {
    const count = median(all.map((t) => t.get(`${k} (count)`) ?? 0)) / STEPS;
    console.log(`  ${ms.toFixed(3).padStart(7)} ms ${((100 * ms) / total).toFixed(0).padStart(3)}%  ${k}${count ? ` (${count.toFixed(1)}× per step)` : ""}`);
  }
  guarded.close();
} finally {
  await aborts.stop();
  await target.close();
  sandbox.dispose();
  await env.stop();
}
