import { beforeAll, describe, expect, it } from "vitest";
import { apiClient, type SignedInClient } from "../../../test/api-client";
import { openTestDatabase } from "../../../test/database";
import { doc } from "../../../test/engine-harness";
import { readQueuedJobs } from "../../../test/queued-jobs";
import type { Database } from "@/server/db/prisma";

/**
 * `execution.start`'s idempotencyKey and priority through the real API handler. No worker runs in
 * this file: every execution stays where the request left it (queued with its start job, or past
 * its start step when the request made it: eager-start.ts), so its row and jobs can be read.
 */
let db: Database;
let api: SignedInClient;

beforeAll(async () => {
  db = openTestDatabase();
  api = await apiClient(db).as("builder", { via: "token" });
});

async function createWorkflow(name: string, document: object): Promise<string> {
  const created = await api.mutation<{ id: string }>("workflow.create", { name, document });
  if (!created.ok) throw new Error(`workflow.create ${name}: ${created.error.message}`);
  return created.data.id;
}

const hello = doc([{ id: "start", type: "trigger.manual" }, { id: "out", type: "output", config: { value: "hi" } }], ["start->out"]);
// start → ask(approval): never started in the request (an approval needs queries), so it waits queued for a worker.
const asking = doc([{ id: "start", type: "trigger.manual" }, { id: "ask", type: "approval", config: { title: "Go?", onTimeout: "reject" } }], ["start->ask"]);

describe("execution.start with an idempotency key", () => {
  it("returns the same execution for the same workflow and key, and refuses the key for another workflow", async () => {
    const a = await createWorkflow("Keyed A", hello);
    const b = await createWorkflow("Keyed B", hello);
    const first = await api.mutation<{ executionId: string; created: boolean }>("execution.start", { workflowId: a, idempotencyKey: "api-key-1" });
    expect(first).toMatchObject({ ok: true, data: { created: true } });
    if (!first.ok) return;
    const again = await api.mutation("execution.start", { workflowId: a, idempotencyKey: "api-key-1", input: { other: true } });
    expect(again).toMatchObject({ ok: true, data: { executionId: first.data.executionId, created: false } });
    expect(await db.prisma.execution.count({ where: { workflowId: a } })).toBe(1);

    const other = await api.mutation("execution.start", { workflowId: b, idempotencyKey: "api-key-1" });
    expect(other).toMatchObject({
      ok: false,
      status: 409,
      error: {
        message: `idempotency key "api-key-1" was already used to start another workflow, not workflow ${b}: a key starts one workflow only, so use a different key`,
        data: { code: "CONFLICT" },
      },
    });
    expect(await db.prisma.execution.count({ where: { workflowId: b } })).toBe(0);
    expect(await db.prisma.execution.count({ where: { idempotencyKey: "api-key-1" } })).toBe(1);
  });
});

describe("execution.start with a priority", () => {
  it("puts the priority on the execution row and its start job", async () => {
    const id = await createWorkflow("Asks", asking);
    const started = await api.mutation<{ executionId: string }>("execution.start", { workflowId: id, priority: 7 });
    if (!started.ok) throw new Error(started.error.message);
    const row = await db.prisma.execution.findUniqueOrThrow({ where: { id: started.data.executionId } });
    expect([row.status, row.priority]).toEqual(["queued", 7]);
    expect(await readQueuedJobs(db.pool, row.id)).toEqual([{ task: "execution.start", event: null, priority: -7 }]);
  });

  it("gives the jobs of a start made in the request (a timer, an effect, the timeout) the execution's priority", async () => {
    // start ─┬→ nap(delay 60 s)
    //        └→ call(http.request; no worker runs it here)
    const id = await createWorkflow(
      "Naps and calls",
      doc(
        [
          { id: "start", type: "trigger.manual" },
          { id: "nap", type: "delay", config: { seconds: 60 } },
          { id: "call", type: "http.request", config: { method: "GET", url: "https://example.com/never-called" } },
        ],
        ["start->nap", "start->call"],
        { timeoutSeconds: 600 },
      ),
    );
    const started = await api.mutation<{ executionId: string }>("execution.start", { workflowId: id, priority: 12 });
    if (!started.ok) throw new Error(started.error.message);
    const row = await db.prisma.execution.findUniqueOrThrow({ where: { id: started.data.executionId } });
    expect([row.status, row.priority]).toEqual(["running", 12]);
    expect(await readQueuedJobs(db.pool, row.id)).toEqual([
      { task: "execution.effect", event: null, priority: -12 },
      { task: "execution.event", event: "execution-timed-out", priority: -12 },
      { task: "execution.event", event: "timer-fired", priority: -12 },
    ]);
  });
});

describe("execution.start files the execution under the quota of the user who started it", () => {
  it("queued, keyed and made in the request alike: startedBy is the user, admissionOwner `user:<id>`", async () => {
    const queued = await createWorkflow("Owner asks", asking);
    const waits = await createWorkflow(
      "Owner naps",
      doc([{ id: "start", type: "trigger.manual" }, { id: "nap", type: "delay", config: { seconds: 60 } }], ["start->nap"]),
    );
    const starts = [
      await api.mutation<{ executionId: string }>("execution.start", { workflowId: queued }),
      await api.mutation<{ executionId: string }>("execution.start", { workflowId: queued, idempotencyKey: `owner-${Date.now()}` }),
      // Above the start jobs other tests left queued: an eager start never jumps one (eager-start.ts).
      await api.mutation<{ executionId: string }>("execution.start", { workflowId: waits, priority: 50 }),
    ];
    const ids = starts.map((s) => (s.ok ? s.data.executionId : s.error.message));
    const rows = await db.prisma.execution.findMany({ where: { id: { in: ids } }, select: { id: true, status: true, startedBy: true, admissionOwner: true } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    const owner = { startedBy: api.user.id, admissionOwner: `user:${api.user.id}` };
    expect(ids.map((id) => byId.get(id))).toEqual([
      { id: ids[0], status: "queued", ...owner },
      { id: ids[1], status: "queued", ...owner },
      { id: ids[2], status: "waiting", ...owner },
    ]);
    // The one that waits holds its slot under the same owner.
    expect(await db.prisma.admissionSlot.findUnique({ where: { executionId: ids[2] } })).toMatchObject({ owner: owner.admissionOwner });
  });
});
