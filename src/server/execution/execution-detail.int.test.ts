import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, type SignedInClient } from "../../../test/api-client";
import { openTestDatabase } from "../../../test/database";
import { doc, startTestWorker } from "../../../test/engine-harness";
import type { Database } from "@/server/db/prisma";
import type { WorkerHandle } from "../../../worker/start-worker";
import { waitForExecution } from "./execution-report";
import { MAX_NODE_RUNS_PER_READ } from "./node-runs";

/**
 * `execution.detail` (the graph as it ran) and `execution.nodeRuns` (every
 * instance and attempt of a node) through the real API, on executions a real
 * worker ran.
 */
let db: Database;
let builder: SignedInClient;
let viewer: SignedInClient;
let worker: WorkerHandle;

beforeAll(async () => {
  db = openTestDatabase();
  builder = await apiClient(db).as("builder");
  viewer = await apiClient(db).as("viewer");
  worker = await startTestWorker(2);
});
afterAll(async () => {
  await worker.stop();
});

async function createAndRun(name: string, document: object, input: object = {}) {
  const created = await builder.mutation("workflow.create", { name, document });
  if (!created.ok) throw new Error(created.error.message);
  const started = await builder.mutation("execution.start", { workflowId: created.data.id, input });
  if (!started.ok) throw new Error(started.error.message);
  await waitForExecution(db.pool, started.data.executionId, { timeoutMs: 20_000 });
  return { workflowId: created.data.id as string, executionId: started.data.executionId as string };
}

type Run = { runKey: string; key: string; nodeId: string; attempt: number; status: string; input: unknown; output: unknown; error: unknown; durationMs: number | null; seq: number };

describe("execution.detail and execution.nodeRuns", () => {
  it("shows the version that ran, not the newest, and the execution's input, output and timing", async () => {
    // start → greet(set) → done(output)
    const { workflowId, executionId } = await createAndRun(
      "Greeter",
      doc(
        [
          { id: "start", type: "trigger.manual" },
          { id: "greet", type: "set", config: { values: { text: "Hello {{ trigger.name }}" }, keepInput: false } },
          { id: "done", type: "output", config: { value: "{{ input.text }}" } },
        ],
        ["start->greet", "greet->done"],
      ),
      { name: "Ada" },
    );
    // A newer version afterwards: the detail still shows what ran.
    const saved = await builder.mutation("workflow.saveVersion", {
      id: workflowId,
      document: { ...doc([{ id: "start", type: "trigger.manual" }], []), name: "Greeter" },
    });
    expect(saved.ok).toBe(true);

    const detail = await viewer.query("execution.detail", { id: executionId });
    expect(detail).toMatchObject({
      ok: true,
      data: { id: executionId, workflowId, workflowName: "Greeter", version: 1, status: "succeeded", mode: "normal", trigger: "manual", input: { name: "Ada" }, output: "Hello Ada", error: null },
    });
    if (!detail.ok) return;
    expect(detail.data.document.nodes.map((n: { id: string }) => n.id)).toEqual(["start", "greet", "done"]);
    expect(detail.data.durationMs).toBeGreaterThanOrEqual(0);
    expect(detail.data.eventSeq).toBeGreaterThan(3);
    expect(Date.parse(detail.data.finishedAt)).toBeGreaterThanOrEqual(Date.parse(detail.data.createdAt));

    const runs = await viewer.query<{ runs: Run[]; truncated: boolean }>("execution.nodeRuns", { id: executionId });
    expect(runs).toMatchObject({ ok: true, data: { truncated: false } });
    if (!runs.ok) return;
    expect(runs.data.runs.map((r) => [r.key, r.status])).toEqual([
      ["start@1", "succeeded"],
      ["greet@1", "succeeded"],
      ["done@1", "succeeded"],
    ]);
    expect(runs.data.runs[1]).toMatchObject({ nodeId: "greet", attempt: 1, output: { text: "Hello Ada" }, error: null });
  });

  it("lists every loop iteration of one node, the newest 1000 when there are more, oldest first", async () => {
    // start → times(loop repeat 1003) ─body→ square(code)
    //                                 └done→ result(output)
    const total = MAX_NODE_RUNS_PER_READ + 3;
    const { executionId } = await createAndRun(
      "Many squares",
      doc(
        [
          { id: "start", type: "trigger.manual" },
          { id: "times", type: "loop", config: { mode: "repeat", times: total, maxIterations: 5000 } },
          { id: "square", type: "code", config: { code: "return loop.index * loop.index;" } },
          { id: "result", type: "output", config: { value: "{{ input }}" } },
        ],
        ["start->times", "times:body->square", "times:done->result"],
      ),
    );
    const result = await viewer.query<{ runs: Run[]; truncated: boolean }>("execution.nodeRuns", { id: executionId, nodeId: "square" });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.data.truncated).toBe(true);
    expect(result.data.runs).toHaveLength(MAX_NODE_RUNS_PER_READ);
    expect(result.data.runs.every((r) => r.nodeId === "square")).toBe(true);
    // The newest iterations are kept, in engine order.
    expect(result.data.runs[0]!.runKey).toBe("times#3/square");
    expect(result.data.runs.at(-1)).toMatchObject({ runKey: `times#${total - 1}/square`, output: (total - 1) ** 2 });
    const seqs = result.data.runs.map((r) => r.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));

    const loop = await viewer.query<{ runs: Run[]; truncated: boolean }>("execution.nodeRuns", { id: executionId, nodeId: "times" });
    expect(loop).toMatchObject({ ok: true, data: { truncated: false, runs: [{ runKey: "times", status: "succeeded" }] } });
  });

  it("shows a failure: the failed node's error on its run and on the execution", async () => {
    // start → parse(code throws)
    const { executionId } = await createAndRun(
      "Breaks",
      doc([{ id: "start", type: "trigger.manual" }, { id: "parse", type: "code", config: { code: "throw new Error('total is not a number');" } }], ["start->parse"]),
    );
    const detail = await viewer.query("execution.detail", { id: executionId });
    expect(detail).toMatchObject({ ok: true, data: { status: "failed", error: { nodeId: "parse" } } });
    if (detail.ok) expect(detail.data.error.message).toContain("total is not a number");
    const runs = await viewer.query<{ runs: Run[] }>("execution.nodeRuns", { id: executionId, nodeId: "parse" });
    expect(runs).toMatchObject({ ok: true, data: { runs: [{ status: "failed", error: { nodeId: "parse" } }] } });
  });

  it("answers 404 for an unknown execution", async () => {
    expect(await viewer.query("execution.detail", { id: "nope" })).toMatchObject({ ok: false, status: 404, error: { message: "Execution nope does not exist" } });
    expect(await viewer.query("execution.nodeRuns", { id: "nope" })).toMatchObject({ ok: false, status: 404, error: { message: "Execution nope does not exist" } });
  });
});
