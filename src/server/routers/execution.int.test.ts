import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, type ApiClient, type SignedInClient } from "../../../test/api-client";
import { openTestDatabase } from "../../../test/database";
import { doc, startTestWorker, waitFor } from "../../../test/engine-harness";
import type { WorkerHandle } from "../../../worker/start-worker";
import type { Database } from "@/server/db/prisma";
import { waitForExecution } from "@/server/execution/execution-report";

let db: Database;
let api: ApiClient;
let approver: SignedInClient;
let admin: SignedInClient;
let worker: WorkerHandle;

beforeAll(async () => {
  db = openTestDatabase();
  api = await apiClient(db).as("builder");
  approver = await apiClient(db).as("approver");
  admin = await apiClient(db).as("admin");
  worker = await startTestWorker(2);
});
afterAll(async () => {
  await worker.stop();
});

describe("execution and approval API", () => {
  it("starts a stored workflow, waits on an approval, decides it and reads the result", async () => {
    // start → ask(approval) ─approved→ ok(output)
    const created = await api.mutation("workflow.create", {
      name: "Ask first",
      document: doc(
        [
          { id: "start", type: "trigger.manual" },
          { id: "ask", type: "approval", config: { title: "Go?", assignees: "approver", onTimeout: "reject" } },
          { id: "ok", type: "output", config: { value: "{{ trigger.order }} approved by {{ input.by }}" } },
        ],
        ["start->ask", "ask:approved->ok"],
      ),
    });
    if (!created.ok) throw new Error(created.error.message);
    const started = await api.mutation("execution.start", { workflowId: created.data.id, input: { order: "PO-1" }, priority: 5 });
    expect(started).toMatchObject({ ok: true, data: { created: true } });
    const executionId = started.ok ? started.data.executionId : "";

    const pending = await waitFor(async () => {
      const listed = await approver.query("approval.pending");
      const mine: Array<{ id: string; executionId: string }> = listed.ok
        ? listed.data.filter((t: { executionId: string }) => t.executionId === executionId)
        : [];
      return mine.length > 0 ? mine : undefined;
    });
    expect(pending).toHaveLength(1);
    const decided = await approver.mutation("approval.decide", { taskId: pending[0]!.id, decision: "approved" });
    expect(decided.ok).toBe(true);
    const again = await admin.mutation("execution.signal", { taskId: pending[0]!.id, decision: "rejected" });
    expect(again).toMatchObject({ ok: false, status: 409 });

    await waitForExecution(db.pool, executionId, { timeoutMs: 10_000 });
    const report = await api.query("execution.get", { id: executionId });
    // The decision is recorded as made by the signed-in approver.
    expect(report).toMatchObject({ ok: true, data: { status: "succeeded", output: `PO-1 approved by ${approver.user.email}` } });
  });

  it("names what is wrong: unknown workflow, unknown execution, bad priority", async () => {
    const unknown = await api.mutation("execution.start", { workflowId: "nope" });
    expect(unknown).toMatchObject({ ok: false, status: 404, error: { message: "Workflow nope does not exist" } });
    const missing = await api.query("execution.get", { id: "nope" });
    expect(missing).toMatchObject({ ok: false, status: 404, error: { message: "Execution nope does not exist" } });
    const bad = await api.mutation("execution.start", { workflowId: "x", priority: 1000 });
    expect(bad).toMatchObject({ ok: false, status: 400 });
    if (!bad.ok) expect(bad.error.message).toMatch(/^Invalid request: priority: /);
  });

  it("cancels through the API", async () => {
    const created = await api.mutation("workflow.create", {
      name: "Sleepy",
      document: doc([{ id: "start", type: "trigger.manual" }, { id: "nap", type: "delay", config: { seconds: 60 } }], ["start->nap"]),
    });
    if (!created.ok) throw new Error(created.error.message);
    const started = await api.mutation("execution.start", { workflowId: created.data.id });
    const executionId = started.ok ? started.data.executionId : "";
    await waitFor(async () => ((await db.prisma.execution.findUnique({ where: { id: executionId } }))?.status === "waiting" ? true : undefined));
    const cancelled = await api.mutation("execution.cancel", { id: executionId });
    expect(cancelled).toMatchObject({ ok: true, data: { status: "cancelling" } });
    await waitForExecution(db.pool, executionId, { timeoutMs: 10_000 });
    expect((await db.prisma.execution.findUniqueOrThrow({ where: { id: executionId } })).status).toBe("cancelled");
  });
});
