/**
 * Scenarios 6–7: many executions at once. 1,000 concurrent 5-second delays
 * (time to all finished, worker memory while they wait) and closed-loop
 * throughput of a 3-node workflow with 8 concurrent starters.
 */
import { performance } from "node:perf_hooks";
import { startExecutionRequest } from "@/server/execution/execution-service";
import { median, percentile, sampleRss } from "./stats";
import { AS_THE_API, expectAllSucceeded, phaseBreakdown, ratio, runExecution, type Baseline, type BenchContext, type Figure } from "./bench-context";

const DELAY_S = 5;

export async function runConcurrentDelays(ctx: BenchContext, base: Baseline): Promise<Figure[]> {
  const count = ctx.quick ? 300 : 1000; // the full run is the real figure; quick keeps a smoke run short
  const { pool } = ctx.env;
  const memory = sampleRss(ctx.env.workers.map((w) => w.pid), 100);
  const t0 = performance.now();
  const ids: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < count) {
        next++;
        const { executionId } = await startExecutionRequest(pool, { workflowId: ctx.workflowIds.delay5s, input: {}, ...AS_THE_API });
        ids.push(executionId);
      }
    }),
  );
  const startedMs = performance.now() - t0;
  // Sample memory while every execution is parked on its timer (halfway through the wait).
  const allParked = await waitUntil(() => waitingCount(ctx, ids).then((n) => n === count), 60_000);
  const waitingAt = performance.now() - t0;
  await new Promise((r) => setTimeout(r, Math.max(0, DELAY_S * 1000 / 2 - (performance.now() - t0))));
  const rssWhileWaiting = memory.now();
  const finished = await Promise.all(ids.map((id) => ctx.tracker.arrival(id, 60_000)));
  const allMs = Math.max(...finished) - t0;
  const rss = memory.stop();
  await expectAllSucceeded(ctx, "delay", ids);
  ctx.log(`delay timeline: ${await delayTimeline(ctx, ids)}`);
  const growWait = rssWhileWaiting - rss.first;
  const growPeak = rss.peak - rss.first;
  const flat = growWait < 0.1 * rss.first;
  // Baselines: for time, the delay itself plus what the raw queue (scenario 1) needs for the same jobs —
  // each execution is two jobs: start, timer-fired; for memory, the same worker processes just before
  // the load (the raw-queue baseline measures no memory).
  const capacityMs = ((2 * count) / base.jobsPerSecond) * 1000;
  const scenario = `6 ${count}× delay ${DELAY_S} s`;
  const processes = `${ctx.env.workers.length} process${ctx.env.workers.length === 1 ? "" : "es"}, sum`;
  const rssBefore = `the RSS before the load (${rss.first.toFixed(0)} MB)`;
  return [
    {
      scenario,
      figure: "start of first → all finished",
      value: allMs / 1000,
      unit: "s",
      target: { op: "<=", value: 7 },
      vsBaseline: `${ratio(allMs, DELAY_S * 1000 + capacityMs, `(the ${DELAY_S} s delay + raw-queue time for its ${2 * count} jobs)`)}; ${((allMs - DELAY_S * 1000) / 1000).toFixed(2)} s over the delay = ${ratio(allMs - DELAY_S * 1000, capacityMs, "raw-queue time")}`,
      reference: "n8n 200× 1 s waits: 5.7 s",
      note: `all ${count} started in ${(startedMs / 1000).toFixed(2)} s, ${allParked ? "all" : "NOT all"} left queued by ${(waitingAt / 1000).toFixed(2)} s; ${(capacityMs / 1000).toFixed(2)} s of raw-queue capacity for its ${2 * count} jobs`,
    },
    {
      scenario,
      figure: `worker RSS peak (${processes}) during the load`,
      value: rss.peak,
      unit: "MB",
      vsBaseline: ratio(rss.peak, rss.first, rssBefore),
      note: `Δ ${growPeak.toFixed(0)} MB while steps ran; after ${rss.last.toFixed(0)} MB; sampled every 100 ms`,
    },
    {
      scenario,
      figure: `worker RSS (${processes}) while all wait, Δ vs before`,
      value: growWait,
      unit: "MB",
      vsBaseline: `${ratio(rssWhileWaiting, rss.first, rssBefore)}: ${flat ? "flat (< 10% of before)" : "NOT flat"}`,
      note: `${rssWhileWaiting.toFixed(0)} MB halfway through the wait`,
    },
  ];
}

/**
 * Where the delay scenario's time went, from the rows themselves (no sampling during the load): when the
 * requests created the executions, when the worker made their start steps (startedAt), and how late the
 * timer steps ended after their 5 s (finishedAt − startedAt − the delay).
 */
async function delayTimeline(ctx: BenchContext, ids: string[]): Promise<string> {
  const { rows } = await ctx.env.pool.query<Record<string, number>>(
    `WITH t AS (
       SELECT EXTRACT(EPOCH FROM ("createdAt" - min("createdAt") OVER ())) AS created,
              EXTRACT(EPOCH FROM ("startedAt" - min("createdAt") OVER ())) AS started,
              EXTRACT(EPOCH FROM ("finishedAt" - "startedAt")) - $2 AS late
         FROM "Execution" WHERE id = ANY($1))
     SELECT max(created) AS "createdLast",
            percentile_cont(0.5) WITHIN GROUP (ORDER BY started) AS "startedMedian", max(started) AS "startedLast",
            percentile_cont(0.5) WITHIN GROUP (ORDER BY late) AS "lateMedian", max(late) AS "lateMax",
            count(*) FILTER (WHERE started <= (SELECT max(created) FROM t)) AS "startedWhileRequesting"
       FROM t`,
    [ids, DELAY_S],
  );
  const r = rows[0]!;
  const s = (v: number) => `${Number(v).toFixed(2)} s`;
  return `requests created the executions until ${s(r.createdLast!)}; start steps: median ${s(r.startedMedian!)}, last ${s(r.startedLast!)} (${r.startedWhileRequesting} of ${ids.length} while requests ran); timer steps ended after the delay by median ${s(r.lateMedian!)}, at most ${s(r.lateMax!)}`;
}

async function waitingCount(ctx: BenchContext, ids: string[]): Promise<number> {
  const { rows } = await ctx.env.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Execution" WHERE id = ANY($1) AND status <> 'queued'`, [ids]);
  return rows[0]!.n;
}

/** Polls `check` until it holds (true) or the time is up (false). */
async function waitUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

export async function runThroughput(ctx: BenchContext, base: Baseline): Promise<Figure[]> {
  const windowMs = ctx.quick ? 5_000 : 20_000;
  const clients = 8;
  await runExecution(ctx, "hello3", { name: "warm" });
  const latencies: number[] = [];
  const ids: string[] = [];
  const t0 = performance.now();
  const end = t0 + windowMs;
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      while (performance.now() < end) {
        const run = await runExecution(ctx, "hello3", { name: `client${c}` }, { checkLater: true });
        latencies.push(run.ms);
        ids.push(run.executionId);
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  const perSecond = latencies.length / elapsed;
  await expectAllSucceeded(ctx, "throughput", ids);
  const phases = await phaseBreakdown(ctx, ids);
  return [
    { scenario: "7 throughput (3 nodes)", figure: `executions/s, ${clients} closed-loop starters, ${windowMs / 1000} s`, value: perSecond, unit: "exec/s", target: { op: ">=", value: 300 }, vsBaseline: `${((perSecond / base.jobsPerSecond) * 100).toFixed(0)}% of raw jobs/s`, reference: "n8n 19/s · Node-RED ~2,000/s", note: `${latencies.length} executions; latency median ${median(latencies).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms; ${phases}` },
  ];
}
