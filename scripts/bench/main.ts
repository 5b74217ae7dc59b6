/**
 * `npm run bench [-- --quick] [--workers N] [--concurrency N] [--only a,b] [--cpu-prof DIR] [--pg-stats] [--pg-waits] [--no-doc]`
 *
 * Starts its own durable embedded PostgreSQL (.data/pg-bench, port 54359,
 * fsync on), a fresh migrated database and real worker processes, runs the
 * scenarios, prints the table, writes it into docs/BENCHMARKS.md and stops
 * everything. Scenarios: baseline, chain40, http, fanout, loop, delays, throughput, and canvas
 * (the editor opening a 500-node workflow in Chromium: scenario-canvas.ts).
 * Profiling: `--cpu-prof DIR` writes the workers' V8 CPU profiles; `--pg-stats`
 * loads pg_stat_statements and prints, after each scenario, the statements that
 * took the most server time in it; `--pg-waits` samples what the database's
 * busy sessions wait on during each scenario (wait-sampler.ts).
 */
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { resetStatementStats, startBenchEnvironment, statementStats, type BenchEnvironment } from "./bench-environment";
import { CompletionTracker } from "./completion-tracker";
import { startWaitSampler } from "./wait-sampler";
import { storeBenchWorkflows } from "./store-workflows";
import { startHttpTarget, type HttpTarget } from "./http-target";
import type { Baseline, BenchContext, Figure } from "./bench-context";
import { runBaseline } from "./scenario-baseline";
import { runChain40, runChain40Http, runFanout100, runLoop1000 } from "./scenarios-engine";
import { runConcurrentDelays, runThroughput } from "./scenarios-load";
import { runCanvas } from "./scenario-canvas";
import { concurrentLoad, machineFacts, terminalTable, writeBenchmarksDoc } from "./report";

const ROOT = path.resolve(import.meta.dirname, "../..");
const { values: args } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    "pg-waits": { type: "boolean", default: false },
    // The product's deployment on one machine: `npm run dev` and `npm start` run one worker process.
    // On 2 cores a second process only adds contention (two LISTENers woken per job, twice the idle
    // polling): in alternated runs (2026-11-27) one process did 239 / 248 / 300 exec/s against 175 /
    // 175 / 226 with two. `--workers N` measures more; sharing across processes is tested in worker/.
    workers: { type: "string", default: "1" },
    // The product's default WORKER_CONCURRENCY (src/server/env.ts). 16 was used before: on 2 cores,
    // 32 job slots only add idle polling and contention (throughput 190 → 232 exec/s with 8, same code).
    concurrency: { type: "string", default: "8" },
    only: { type: "string" },
    "cpu-prof": { type: "string" },
    "pg-stats": { type: "boolean", default: false },
    "no-doc": { type: "boolean", default: false },
  },
});

const SCENARIOS: Record<string, (ctx: BenchContext, base: Baseline) => Promise<Figure[]>> = {
  chain40: runChain40,
  http: runChain40Http,
  fanout: runFanout100,
  loop: runLoop1000,
  delays: runConcurrentDelays,
  throughput: runThroughput,
  canvas: runCanvas,
};
const only = args.only?.split(",").map((s) => s.trim());
const unknown = only?.filter((s) => !(s in SCENARIOS));
if (unknown?.length) {
  console.error(`unknown scenario(s) ${unknown.join(", ")}; known: ${Object.keys(SCENARIOS).join(", ")}`);
  process.exit(2);
}

const log = (line: string) => console.log(`[bench ${(performance.now() / 1000).toFixed(1)}s] ${line}`);
const load = concurrentLoad();
const workers = Number(args.workers);
const concurrency = Number(args.concurrency);
let env: BenchEnvironment | undefined;
let tracker: CompletionTracker | undefined;
let http: HttpTarget | undefined;
let stopping: Promise<void> | undefined;
const cleanup = () =>
  (stopping ??= (async () => {
    await tracker?.stop();
    await http?.close();
    await env?.stop();
  })());
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void cleanup().finally(() => process.exit(130)));
}

let exitCode = 0;
try {
  log(`starting (${args.quick ? "quick" : "full"} run; ${workers} workers × concurrency ${concurrency}; ${load})`);
  env = await startBenchEnvironment({ workers, concurrency, cpuProfileDir: args["cpu-prof"], statementStats: args["pg-stats"], log });
  log(`workers up: pids ${env.workers.map((w) => w.pid).join(", ")}`);
  const workflowIds = await storeBenchWorkflows(env.url);
  tracker = await CompletionTracker.start(env.url, env.pool);
  http = await startHttpTarget();
  const ctx: BenchContext = { env, tracker, workflowIds, http, quick: args.quick, log };

  log("scenario baseline");
  const { baseline, figures } = await runBaseline(ctx);
  for (const [name, run] of Object.entries(SCENARIOS)) {
    if (only && !only.includes(name)) continue;
    log(`scenario ${name}`);
    if (args["pg-stats"]) await resetStatementStats(env.pool);
    const waits = args["pg-waits"] ? await startWaitSampler(env.url) : undefined;
    figures.push(...(await run(ctx, baseline)));
    if (waits) console.log((await waits.stop()).join("\n"));
    if (args["pg-stats"]) console.log((await statementStats(env.pool)).join("\n"));
  }

  const table = terminalTable(figures);
  console.log(`\n${table}\n`);
  if (!args["no-doc"] && !only) {
    const command = `npm run bench${args.quick ? " -- --quick" : ""}`;
    const facts = machineFacts({ command, quick: args.quick, workers, concurrency, totalSeconds: performance.now() / 1000, concurrentLoad: load });
    log(`wrote ${path.relative(ROOT, writeBenchmarksDoc(ROOT, facts, figures))}`);
  }
} catch (error) {
  console.error(`bench failed: ${(error as Error).stack ?? error}`);
  exitCode = 1;
} finally {
  await cleanup();
  log("stopped");
}
process.exit(exitCode);
