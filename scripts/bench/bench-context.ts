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

/** What the API adds to a start request (src/server/routers/execution.ts): the benchmark starts executions as it does. */
export const AS_THE_API = { trigger: "api", eager: true } as const;

/**
 * Start one execution through the API's path and wait for its finished NOTIFY. Its status is checked
 * at once, or — `checkLater`, for load scenarios, so the benchmark's own queries do not compete with
 * the executions it measures — by the caller with `expectAllSucceeded` once the load is over.
 */
export async function runExecution(ctx: BenchContext, workflow: BenchWorkflowName, input: Json, options: { checkLater?: boolean } = {}): Promise<{ ms: number; executionId: string }> {
  const t0 = performance.now();
  const { executionId } = await startExecutionRequest(ctx.env.pool, { workflowId: ctx.workflowIds[workflow], input, ...AS_THE_API });
  if (options.checkLater) return { ms: (await ctx.tracker.arrival(executionId)) - t0, executionId };
  const done = await ctx.tracker.waitFor(executionId);
  if (done.status !== "succeeded") throw new Error(`${workflow} execution ${executionId} ended ${done.status}`);
  return { ms: done.at - t0, executionId };
}

/** Throws unless every one of `ids` succeeded (one query). */
export async function expectAllSucceeded(ctx: BenchContext, what: string, ids: readonly string[]): Promise<void> {
  const { rows } = await ctx.env.pool.query<{ status: string; n: number }>(
    `SELECT status, count(*)::int AS n FROM "Execution" WHERE id = ANY($1) GROUP BY status`,
    [ids],
  );
  const succeeded = rows.find((r) => r.status === "succeeded")?.n ?? 0;
  if (succeeded !== ids.length) {
    throw new Error(`${ids.length - succeeded} of ${ids.length} ${what} executions did not succeed (${rows.map((r) => `${r.n} ${r.status}`).join(", ")})`);
  }
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
