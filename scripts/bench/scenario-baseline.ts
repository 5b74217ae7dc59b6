/**
 * Scenario 1: what the queue alone does on this Postgres, in this run — the
 * floor every engine figure is compared with. Uses the worker processes'
 * no-op `worker.ping` task, so the same processes, pools and settings serve
 * the raw jobs and the engine's jobs.
 */
import { performance } from "node:perf_hooks";
import pg from "pg";
import { median } from "./stats";
import type { Baseline, BenchContext, Figure } from "./bench-context";

export async function runBaseline(ctx: BenchContext): Promise<{ baseline: Baseline; figures: Figure[] }> {
  const jobRoundTripMs = await jobRoundTrip(ctx, ctx.quick ? 10 : 30);
  const batch = ctx.quick ? 2000 : 5000;
  const jobsPerSecond = await batchThroughput(ctx, batch);
  return {
    baseline: { jobsPerSecond, jobRoundTripMs },
    figures: [
      {
        scenario: "1 baseline",
        figure: `raw no-op jobs/s (batch of ${batch})`,
        value: jobsPerSecond,
        unit: "jobs/s",
        vsBaseline: `${((jobsPerSecond / 4300) * 100).toFixed(0)}% of STACK.md claim+complete ceiling (4,300/s)`,
        note: `= ${(1000 / jobsPerSecond).toFixed(2)} ms of queue capacity per job`,
      },
      {
        scenario: "1 baseline",
        figure: "one raw job round trip (add → run → NOTIFY), median",
        value: jobRoundTripMs,
        unit: "ms",
        note: "fsync'd add_job commit + pickup + completion",
      },
    ],
  };
}

/** add_job of one ping whose task NOTIFYs back; the time until that NOTIFY arrives. */
async function jobRoundTrip(ctx: BenchContext, times: number): Promise<number> {
  const listener = new pg.Client({ connectionString: ctx.env.url });
  listener.on("error", () => {});
  await listener.connect();
  try {
    let wake: ((jobId: string) => void) | undefined;
    listener.on("notification", (m) => wake?.(m.payload ?? ""));
    await listener.query("LISTEN bench_ping");
    const durations: number[] = [];
    for (let i = 0; i < times + 2; i++) {
      const replied = new Promise<string>((resolve) => (wake = resolve));
      const t0 = performance.now();
      await ctx.env.pool.query(`SELECT graphile_worker.add_job('worker.ping', json_build_object('replyChannel', 'bench_ping'))`);
      await replied;
      if (i >= 2) durations.push(performance.now() - t0); // two warm-up jobs
    }
    return median(durations);
  } finally {
    await listener.end().catch(() => {});
  }
}

/** Enqueue `count` no-op jobs in one statement; jobs/s until the queue is empty again. */
async function batchThroughput(ctx: BenchContext, count: number): Promise<number> {
  const { pool } = ctx.env;
  const t0 = performance.now();
  await pool.query(
    `SELECT count(*) FROM graphile_worker.add_jobs(ARRAY(
       SELECT ROW('worker.ping', '{}'::json, NULL, NULL, NULL, NULL, NULL, NULL)::graphile_worker.job_spec
         FROM generate_series(1, $1)))`,
    [count],
  );
  for (;;) {
    const { rows } = await pool.query<{ left: boolean }>(`SELECT EXISTS (SELECT 1 FROM graphile_worker._private_jobs) AS left`);
    if (!rows[0]!.left) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  return count / ((performance.now() - t0) / 1000);
}
