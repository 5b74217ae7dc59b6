/**
 * Scenarios 2–5: single executions, one at a time, measured start → terminal
 * NOTIFY from the benchmark process (includes startExecutionRequest's own
 * transaction, the job pickup and every engine step's transaction).
 */
import { performance } from "node:perf_hooks";
import { median, percentile } from "./stats";
import { executionOutput, phaseBreakdown, ratio, sequentialRuns, type Baseline, type BenchContext, type Figure } from "./bench-context";

const RAW = "raw job round trips";

export async function runChain40(ctx: BenchContext, base: Baseline): Promise<Figure[]> {
  const runs = await sequentialRuns(ctx, "chain40", { n: 0 }, ctx.quick ? 5 : 20, 2);
  const output = (await executionOutput(ctx, runs[0]!.executionId)) as { n?: number } | null;
  if (output?.n !== 40) throw new Error(`chain40 produced ${JSON.stringify(output)}, expected n = 40`);
  const ms = runs.map((r) => r.ms);
  const reference = "n8n 58 ms · Node-RED 1.6 ms";
  const phases = await phaseBreakdown(ctx, runs.map((r) => r.executionId));
  return [
    { scenario: "2 chain40", figure: `end-to-end median (${ms.length} runs)`, value: median(ms), unit: "ms", target: { op: "<=", value: 20 }, vsBaseline: ratio(median(ms), base.jobRoundTripMs, RAW), reference, note: phases },
    { scenario: "2 chain40", figure: "end-to-end p95", value: percentile(ms, 95), unit: "ms", vsBaseline: ratio(percentile(ms, 95), base.jobRoundTripMs, RAW) },
  ];
}

export async function runChain40Http(ctx: BenchContext, base: Baseline): Promise<Figure[]> {
  const fetchMs = await directFetchMs(ctx.http.baseUrl, 50);
  const before = ctx.http.requests();
  const runs = await sequentialRuns(ctx, "chain40Http", { baseUrl: ctx.http.baseUrl }, ctx.quick ? 1 : 3, 1);
  const calls = ctx.http.requests() - before;
  if (calls < 40 * (runs.length + 1)) throw new Error(`chain40-http made ${calls} HTTP calls, expected ≥ ${40 * (runs.length + 1)}`);
  const perStep = median(runs.map((r) => r.ms)) / 40;
  const overhead = perStep - fetchMs;
  return [
    { scenario: "3 chain40-http", figure: `ms per durable http.request step (median of ${runs.length})`, value: perStep, unit: "ms", vsBaseline: ratio(perStep, base.jobRoundTripMs, RAW), note: `whole run ${(perStep * 40).toFixed(0)} ms` },
    { scenario: "3 chain40-http", figure: "step overhead (per step − one direct fetch)", value: overhead, unit: "ms", target: { op: "<=", value: 5 }, vsBaseline: ratio(overhead, 1000 / base.jobsPerSecond, "raw job capacity"), note: `direct fetch ${fetchMs.toFixed(2)} ms` },
  ];
}

export async function runFanout100(ctx: BenchContext, base: Baseline): Promise<Figure[]> {
  const runs = await sequentialRuns(ctx, "fanout100", { x: 3 }, ctx.quick ? 3 : 10, 1);
  const output = await executionOutput(ctx, runs[0]!.executionId);
  if (!Array.isArray(output) || output.length !== 100) throw new Error(`fanout100 produced ${JSON.stringify(output).slice(0, 200)}`);
  const ms = runs.map((r) => r.ms);
  const phases = await phaseBreakdown(ctx, runs.map((r) => r.executionId));
  return [
    { scenario: "4 fanout100 + join", figure: `end-to-end median (${ms.length} runs)`, value: median(ms), unit: "ms", target: { op: "<=", value: 30 }, vsBaseline: ratio(median(ms), base.jobRoundTripMs, RAW), reference: "n8n 68 ms (100 items)", note: `p95 ${percentile(ms, 95).toFixed(1)} ms; ${phases}` },
  ];
}

export async function runLoop1000(ctx: BenchContext, base: Baseline): Promise<Figure[]> {
  const items = Array.from({ length: 1000 }, (_, i) => i);
  const runs = await sequentialRuns(ctx, "loop1000", { items }, ctx.quick ? 1 : 5, 1);
  const output = await executionOutput(ctx, runs[0]!.executionId);
  if (!Array.isArray(output) || output.length !== 1000 || output[999] !== 1998) {
    throw new Error(`loop1000 produced ${JSON.stringify(output).slice(0, 200)}`);
  }
  const ms = runs.map((r) => r.ms);
  const phases = await phaseBreakdown(ctx, runs.map((r) => r.executionId));
  return [
    { scenario: "5 loop 1000 items", figure: `end-to-end median (${ms.length} runs)`, value: median(ms), unit: "ms", target: { op: "<=", value: 150 }, vsBaseline: ratio(median(ms), base.jobRoundTripMs, RAW), reference: "n8n 576 ms", note: `${(median(ms) / 1000).toFixed(3)} ms per iteration; ${phases}` },
  ];
}

async function directFetchMs(baseUrl: string, times: number): Promise<number> {
  const durations: number[] = [];
  for (let i = 0; i < times + 5; i++) {
    const t0 = performance.now();
    const res = await fetch(`${baseUrl}/direct`);
    await res.text();
    if (i >= 5) durations.push(performance.now() - t0);
  }
  return median(durations);
}
