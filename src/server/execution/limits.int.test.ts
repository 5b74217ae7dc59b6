import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run, type Runner } from "graphile-worker";
import { openTestDatabase } from "../../../test/database";
import { doc, startTestServer } from "../../../test/engine-harness";
import { createTaskList } from "../../../worker/tasks";
import { startAbortRegistry, type AbortRegistry } from "../../../worker/abort-registry";
import type { Database } from "@/server/db/prisma";
import { createQuickJsSandbox } from "@/server/sandbox/quickjs-sandbox";
import { startExecutionRequest } from "./execution-service";
import { readExecutionReport, waitForExecution } from "./execution-report";

/** A worker with small limits: 20 node runs per execution, 1 KiB stored values (16 KiB for the output). */
let db: Database;
let runner: Runner;
let aborts: AbortRegistry;
let sandbox: Awaited<ReturnType<typeof createQuickJsSandbox>>;
let server: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  db = openTestDatabase();
  server = await startTestServer();
  sandbox = await createQuickJsSandbox();
  aborts = await startAbortRegistry(db.pool);
  // Effects run inline as in a real worker (each step claims the next call for this id).
  const inline = { workerId: "limits-test-worker", accepting: true };
  const taskList = createTaskList({ pool: db.pool, sandbox, aborts, fetch: globalThis.fetch, inline, maxNodeRuns: 20, maxValueBytes: 1024 });
  runner = await run({ pgPool: db.pool, taskList, concurrency: 2, pollInterval: 100, noHandleSignals: true, crontab: "" });
});
afterAll(async () => {
  await runner.stop();
  await server.close();
  await aborts.stop();
  sandbox.dispose();
});

async function runDoc(document: unknown) {
  const { executionId } = await startExecutionRequest(db.pool, { document });
  await waitForExecution(db.pool, executionId, { timeoutMs: 15_000 });
  return readExecutionReport(db.pool, executionId);
}

describe("resource limits", () => {
  it("fails an execution that records more node runs than allowed, with a clear error", async () => {
    // start → each(repeat 30) ─body→ call(http): one step per iteration, so the cap is met mid-run.
    // (Within a single step, pure loops are bounded by maxIterations instead.)
    const report = await runDoc(
      doc(
        [
          { id: "start", type: "trigger.manual" },
          { id: "each", type: "loop", config: { mode: "repeat", times: 30 } },
          { id: "call", type: "http.request", config: { method: "GET", url: `${server.url}/echo` } },
        ],
        ["start->each", "each:body->call"],
      ),
    );
    expect(report.status).toBe("failed");
    expect(report.error).toEqual({ type: "SandboxLimit", message: "execution exceeded 20 node runs (MAX_NODE_RUNS_PER_EXECUTION)", nodeId: null });
    const execution = await db.prisma.execution.findUniqueOrThrow({ where: { id: report.executionId } });
    expect(execution.nodeRunCount).toBe(report.nodeRuns.length);
    // The step that went over the cap had claimed the next call: it is dropped, never made.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const calls = server.hits.filter((h) => h.key?.startsWith(`${report.executionId}:`)).length;
    expect(calls).toBe(report.nodeRuns.filter((r) => r.nodeId === "call" && r.status === "succeeded").length);
    expect(await db.pool.query(`SELECT 1 FROM graphile_worker._private_jobs WHERE payload->>'executionId' = $1`, [report.executionId])).toHaveProperty("rowCount", 0);
  });

  it("stores large values as a truncation marker while the flow still sees them whole", async () => {
    // start → big(code: 5,000-char string) → size(output: its length)
    const report = await runDoc(
      doc(
        [
          { id: "start", type: "trigger.manual" },
          { id: "big", type: "code", config: { code: "return 'x'.repeat(5000);" } },
          { id: "size", type: "output", config: { value: "{{ input.length }}" } },
        ],
        ["start->big", "big->size"],
      ),
    );
    expect(report).toMatchObject({ status: "succeeded", output: 5000 });
    const big = await db.prisma.nodeRun.findFirstOrThrow({ where: { executionId: report.executionId, nodeId: "big" } });
    expect(big.output).toEqual({ $truncated: true, bytes: 5002, preview: `"${"x".repeat(1023)}` });
    const size = await db.prisma.nodeRun.findFirstOrThrow({ where: { executionId: report.executionId, nodeId: "size" } });
    expect((size.input as { $truncated?: boolean }).$truncated).toBe(true);
  });
});
