import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../test/database";
import { doc, runToEnd } from "../test/engine-harness";
import { killAllWorkers, spawnWorker, type WorkerProcess } from "./fault-harness";
import type { Database } from "@/server/db/prisma";

/**
 * A workflow's `settings.sandbox` limits, through a real worker process:
 *
 *   start ─▶ work (code) ─▶ result (output)
 *
 * `timeoutMs` stops a looping `code` node with a Timeout error; `memoryMb` stops an allocating one
 * with a SandboxLimit error; the same allocation succeeds with a generous limit — 96 MiB, more than
 * the 64 MiB the worker's sandbox used to clamp every request to without saying so. Each error is
 * stored on the failed NodeRun and the Execution, and the worker process goes on serving executions.
 */
let db: Database;
let worker: WorkerProcess;

beforeAll(async () => {
  db = openTestDatabase();
  worker = await spawnWorker("sandbox-limits", { WORKER_CONCURRENCY: "2" });
});
afterAll(async () => {
  await killAllWorkers();
});

const ALLOCATE_80_MIB = "const chunks = [];\nfor (let i = 0; i < 80; i++) chunks.push(new Uint8Array(1024 * 1024).fill(i));\nreturn chunks.length;";

function codeWorkflow(code: string, sandbox?: { timeoutMs?: number; memoryMb?: number }) {
  return doc(
    [
      { id: "start", type: "trigger.manual" },
      { id: "work", type: "code", config: { code } },
      { id: "result", type: "output", config: { value: "{{ input }}" } },
    ],
    ["start->work", "work->result"],
    sandbox ? { sandbox } : undefined,
  );
}

/** The stored error of the execution's `work` NodeRun(s): one attempt, failed. */
async function workRunErrors(executionId: string) {
  const runs = await db.prisma.nodeRun.findMany({ where: { executionId, nodeId: "work" } });
  return runs.map((r) => ({ attempt: r.attempt, status: r.status, error: r.error }));
}

describe("settings.sandbox through a worker process", () => {
  it("timeoutMs: a looping code node fails with a Timeout error naming the limit", async () => {
    const report = await runToEnd(db.pool, { document: codeWorkflow("for (;;) {}", { timeoutMs: 50 }), input: {} });
    expect(report.status).toBe("failed");
    expect(report.error).toEqual({ type: "Timeout", message: "node work: code ran longer than 50 ms", nodeId: "work" });
    expect(await workRunErrors(report.executionId)).toEqual([
      { attempt: 1, status: "failed", error: { type: "Timeout", message: "node work: code ran longer than 50 ms", nodeId: "work", retryable: false } },
    ]);
  });

  it("memoryMb: an allocating code node fails with a SandboxLimit error naming the limit", async () => {
    const report = await runToEnd(db.pool, { document: codeWorkflow(ALLOCATE_80_MIB, { memoryMb: 4, timeoutMs: 10_000 }), input: {} });
    expect(report.status).toBe("failed");
    expect(report.error).toEqual({ type: "SandboxLimit", message: "node work: code used more than 4 MiB of memory", nodeId: "work" });
    expect(await workRunErrors(report.executionId)).toEqual([
      { attempt: 1, status: "failed", error: { type: "SandboxLimit", message: "node work: code used more than 4 MiB of memory", nodeId: "work", retryable: false } },
    ]);
  });

  it("the same code with generous limits succeeds, above the old silent 64 MiB cap", async () => {
    const report = await runToEnd(db.pool, { document: codeWorkflow(ALLOCATE_80_MIB, { memoryMb: 96, timeoutMs: 10_000 }), input: {} });
    expect(report).toMatchObject({ status: "succeeded", error: null, output: 80 });
  });

  it("the worker process keeps serving executions afterwards", async () => {
    expect(worker.alive()).toBe(true);
    const report = await runToEnd(db.pool, { document: codeWorkflow("return input.n * 2;"), input: { n: 21 } });
    expect(report).toMatchObject({ status: "succeeded", output: 42 });
    // Still the same process, still beating.
    const { rows } = await db.pool.query<{ workerId: string }>(`SELECT "workerId" FROM "WorkerHeartbeat"`);
    expect(rows.map((r) => r.workerId)).toEqual([worker.workerId]);
  });
});

describe("SANDBOX_MAX_MEMORY_MB", () => {
  it("a worker started with a lower ceiling fails a larger request with an error naming both figures, never a silent clamp", async () => {
    await killAllWorkers();
    await spawnWorker("sandbox-capped", { WORKER_CONCURRENCY: "2", SANDBOX_MAX_MEMORY_MB: "64" });
    const report = await runToEnd(db.pool, { document: codeWorkflow(ALLOCATE_80_MIB, { memoryMb: 96, timeoutMs: 10_000 }), input: {} });
    const message = "node work: code asks for 96 MiB of memory (the workflow's settings.sandbox.memoryMb) but this worker's sandbox allows at most 64 MiB";
    expect(report).toMatchObject({ status: "failed", error: { type: "SandboxLimit", message, nodeId: "work" } });
    // Within the ceiling, the same worker gives what is asked.
    const within = await runToEnd(db.pool, { document: codeWorkflow("return 1;", { memoryMb: 64 }), input: {} });
    expect(within).toMatchObject({ status: "succeeded", output: 1 });
  });
});
