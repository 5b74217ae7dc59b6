import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../../test/database";
import { doc, startTestServer, startTestWorker, waitFor } from "../../../test/engine-harness";
import { readQueuedJobs } from "../../../test/queued-jobs";
import type { WorkerHandle } from "../../../worker/start-worker";
import type { Database } from "@/server/db/prisma";
import { workflowService } from "@/server/services/workflow-service";
import { cancelExecution, startExecutionRequest } from "./execution-service";
import { waitForExecution } from "./execution-report";

let db: Database;
let worker: WorkerHandle | undefined;
let server: Awaited<ReturnType<typeof startTestServer>> | undefined;

beforeAll(() => {
  db = openTestDatabase();
});
afterAll(async () => {
  await worker?.stop();
  await server?.close();
});

// start → nap(delay 0.2 s) → done(output): each execution needs two jobs, so order is visible.
const napping = (priority?: number) =>
  doc(
    [
      { id: "start", type: "trigger.manual" },
      { id: "nap", type: "delay", config: { seconds: 0.2 } },
      { id: "done", type: "output", config: { value: "{{ execution.id }}" } },
    ],
    ["start->nap", "nap->done"],
    priority === undefined ? undefined : { priority },
  );

describe("priorities under a backlog", () => {
  it("starts higher-priority executions first, from the API option and from settings.priority", async () => {
    const low = [];
    for (let i = 0; i < 8; i++) low.push(await startExecutionRequest(db.pool, { document: napping() }));
    const urgent = await startExecutionRequest(db.pool, { document: napping(), priority: 50 });
    const fromSettings = await startExecutionRequest(db.pool, { document: napping(20) });

    worker = await startTestWorker(1); // one slot: the queue order decides everything
    for (const e of [...low, urgent, fromSettings]) await waitForExecution(db.pool, e.executionId, { timeoutMs: 20_000 });

    const rows = await db.prisma.execution.findMany({ select: { id: true, priority: true, startedAt: true } });
    const byStart = rows.sort((a, b) => a.startedAt!.getTime() - b.startedAt!.getTime()).map((r) => r.id);
    expect(byStart.slice(0, 2)).toEqual([urgent.executionId, fromSettings.executionId]);
    expect(rows.find((r) => r.id === fromSettings.executionId)?.priority).toBe(20);
  });

  it("a sub-workflow's execution inherits its parent's priority", async () => {
    // parent: start → sub(subworkflow child) ; child: start → done(output)
    worker ??= await startTestWorker(1);
    const child = await workflowService(db.prisma).create({
      name: "Priority child",
      document: doc([{ id: "start", type: "trigger.manual" }, { id: "done", type: "output", config: { value: "child" } }], ["start->done"]),
    });
    const parent = await startExecutionRequest(db.pool, {
      document: doc(
        [
          { id: "start", type: "trigger.manual" },
          { id: "sub", type: "subworkflow", config: { workflowId: child.id } },
        ],
        ["start->sub"],
      ),
      priority: 30,
    });
    await waitForExecution(db.pool, parent.executionId, { timeoutMs: 20_000 });
    const children = await db.prisma.execution.findMany({ where: { parentExecutionId: parent.executionId } });
    expect(children.map((c) => [c.priority, c.status])).toEqual([[30, "succeeded"]]);
  });

  it("the jobs a worker's start step enqueues (a timer, an effect, the timeout) carry the execution's priority", async () => {
    // start ─┬→ nap(delay 60 s)
    //        └→ call(http.request, answered after 2 s: its job stays in the queue, locked, while it runs)
    worker ??= await startTestWorker(1);
    server ??= await startTestServer();
    const { executionId } = await startExecutionRequest(db.pool, {
      document: doc(
        [
          { id: "start", type: "trigger.manual" },
          { id: "nap", type: "delay", config: { seconds: 60 } },
          { id: "call", type: "http.request", config: { method: "GET", url: `${server.url}/slow/2000` } },
        ],
        ["start->nap", "start->call"],
        { timeoutSeconds: 600 },
      ),
      priority: 40,
    });
    const calling = server;
    await waitFor(async () => (calling.hits.some((h) => h.key === `${executionId}:call`) ? true : undefined));
    expect(await readQueuedJobs(db.pool, executionId)).toEqual([
      { task: "execution.effect", event: null, priority: -40 },
      { task: "execution.event", event: "execution-timed-out", priority: -40 },
      { task: "execution.event", event: "timer-fired", priority: -40 },
    ]);
    await cancelExecution(db.pool, executionId);
    await waitForExecution(db.pool, executionId, { timeoutMs: 10_000 });
  });
});
