/** What every scenario gets, and the one helper that runs an execution start → terminal. */
import { performance } from "node:perf_hooks";
import type { Json } from "@/engine/execution-types";
import { startExecutionRequest } from "@/server/execution/execution-service";
import type { BenchEnvironment } from "./bench-environment";
import type { CompletionTracker } from "./completion-tracker";
import type { HttpTarget } from "./http-target";
import type { BenchWorkflowName } from "./workflows";

export type Baseline = {
  /** Raw graphile-worker no-op jobs completed per second (batch of N, 2 worker processes). */
  jobsPerSecond: number;
  /** One raw job: add_job → picked up → completed → NOTIFY back, median ms. */
  jobRoundTripMs: number;
};

export type BenchContext = {
  env: BenchEnvironment;
  tracker: CompletionTracker;
  workflowIds: Record<BenchWorkflowName, string>;
  http: HttpTarget;
  quick: boolean;
  log: (line: string) => void;
};

/** One row of the result table. */
export type Figure = {
  scenario: string;
  figure: string;
  value: number;
  unit: string;
  target?: { op: "<=" | ">="; value: number };
  vsBaseline?: string;
  reference?: string;
  note?: string;
};

/** Start a stored workflow and wait for its terminal NOTIFY; throws unless it succeeded. */
export async function runExecution(ctx: BenchContext, workflow: BenchWorkflowName, input: Json): Promise<{ ms: number; executionId: string }> {
  const t0 = performance.now();
  const { executionId } = await startExecutionRequest(ctx.env.pool, { workflowId: ctx.workflowIds[workflow], input });
  const done = await ctx.tracker.waitFor(executionId);
  if (done.status !== "succeeded") throw new Error(`${workflow} execution ${executionId} ended ${done.status}`);
  return { ms: done.at - t0, executionId };
}

export async function executionOutput(ctx: BenchContext, executionId: string): Promise<unknown> {
  const { rows } = await ctx.env.pool.query<{ output: unknown }>(`SELECT output FROM "Execution" WHERE id = $1`, [executionId]);
  return rows[0]?.output;
}

/** Run `times` executions one after another (after `warmup` unmeasured ones); returns the durations. */
export async function sequentialRuns(ctx: BenchContext, workflow: BenchWorkflowName, input: Json, times: number, warmup = 1) {
  for (let i = 0; i < warmup; i++) await runExecution(ctx, workflow, input);
  const runs: Array<{ ms: number; executionId: string }> = [];
  for (let i = 0; i < times; i++) runs.push(await runExecution(ctx, workflow, input));
  return runs;
}

export const ratio = (value: number, base: number, unit: string) => `${(value / base).toFixed(1)}× ${unit}`;

/**
 * Where an execution's time went, from its own timestamps (medians over `ids`):
 * queued→started (commit of the start request, job pickup, admission lock) and
 * started→finished (inside the worker's transitions).
 */
export async function phaseBreakdown(ctx: BenchContext, ids: readonly string[]): Promise<string> {
  const { rows } = await ctx.env.pool.query<{ pickup: number; run: number }>(
    `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM ("startedAt" - "createdAt")) * 1000) AS pickup,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM ("finishedAt" - "startedAt")) * 1000) AS run
       FROM "Execution" WHERE id = ANY($1)`,
    [ids],
  );
  const r = rows[0]!;
  return `median created→started ${Number(r.pickup).toFixed(1)} ms, started→finished ${Number(r.run).toFixed(1)} ms`;
}
