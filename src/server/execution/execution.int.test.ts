import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../../test/database";
import { doc, runToEnd, startTestServer, startTestWorker, waitFor } from "../../../test/engine-harness";
import type { WorkerHandle } from "../../../worker/start-worker";
import type { Database } from "@/server/db/prisma";
import { DomainError } from "@/server/errors";
import { workflowService } from "@/server/services/workflow-service";
import { cancelExecution, decideApproval, startExecutionRequest } from "./execution-service";
import { readExecutionReport, waitForExecution } from "./execution-report";

let db: Database;
let worker: WorkerHandle;
let server: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  db = openTestDatabase();
  worker = await startTestWorker();
  server = await startTestServer();
});
afterAll(async () => {
  await worker.stop();
  await server.close();
});

describe("durable execution through a real worker", () => {
  it("runs a chain of pure nodes to its output in one start step", async () => {
    // start → greet(set) → shout(code) → result(output)
    const report = await runToEnd(db.pool, {
      document: doc(
        [
          { id: "start", type: "trigger.manual" },
          { id: "greet", type: "set", config: { values: { greeting: "Hello {{ trigger.name }}" } } },
          { id: "shout", type: "code", config: { code: "return { text: input.greeting.toUpperCase() }" } },
          { id: "result", type: "output", config: { value: "{{ input.text }}" } },
        ],
        ["start->greet", "greet->shout", "shout->result"],
      ),
      input: { name: "Ada" },
    });
    expect(report).toMatchObject({ status: "succeeded", output: "HELLO ADA", error: null });
    expect(report.nodeRuns.map((r) => [r.nodeId, r.status])).toEqual([
      ["start", "succeeded"],
      ["greet", "succeeded"],
      ["shout", "succeeded"],
      ["result", "succeeded"],
    ]);
    const events = await db.prisma.executionEvent.findMany({ where: { executionId: report.executionId }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.at(-1)?.type).toBe("execution.succeeded");
  });

  it("runs two 1-second delays in parallel in about one second", async () => {
    // start ─┬→ a(delay 1s) ─┐
    //        └→ b(delay 1s) ─┴→ both(join all, object)
    const started = Date.now();
    const report = await runToEnd(db.pool, {
      document: doc(
        [
          { id: "start", type: "trigger.manual" },
          { id: "a", type: "delay", config: { seconds: 1 } },
          { id: "b", type: "delay", config: { seconds: 1 } },
          { id: "both", type: "join", config: { mode: "all", aggregate: "object" } },
        ],
        ["start->a", "start->b", "a->both", "b->both"],
      ),
      input: { n: 1 },
    });
    const elapsed = Date.now() - started;
    expect(report.status).toBe("succeeded");
    expect(report.output).toEqual({ a: { n: 1 }, b: { n: 1 } });
    expect(elapsed).toBeGreaterThanOrEqual(1000);
    expect(elapsed).toBeLessThan(1900); // sequential would be ≥ 2 s
  });

  it("retries a flaky HTTP call with the same Idempotency-Key and records each attempt", async () => {
    const report = await runToEnd(db.pool, {
      document: doc(
        [
          { id: "start", type: "trigger.manual" },
          {
            id: "call",
            type: "http.request",
            config: { method: "GET", url: `${server.url}/flaky/2` },
            retry: { maxAttempts: 3, backoff: "fixed", delayMs: 50 },
          },
        ],
        ["start->call"],
      ),
    });
    expect(report.status).toBe("succeeded");
    expect((report.output as { body: unknown }).body).toEqual({ attempts: 3 });
    const calls = report.nodeRuns.filter((r) => r.nodeId === "call");
    expect(calls.map((r) => [r.key, r.status])).toEqual([
      ["call@1", "failed"],
      ["call@2", "failed"],
      ["call@3", "succeeded"],
    ]);
    const keys = server.hits.filter((h) => h.path === "/flaky/2").map((h) => h.key);
    expect(keys).toEqual([`${report.executionId}:call`, `${report.executionId}:call`, `${report.executionId}:call`]);
  });

  it("fails on a 4xx without retrying, naming the node", async () => {
    const report = await runToEnd(db.pool, {
      document: doc(
        [
          { id: "start", type: "trigger.manual" },
          { id: "call", type: "http.request", config: { method: "GET", url: `${server.url}/status/404` }, retry: { maxAttempts: 3, delayMs: 10 } },
        ],
        ["start->call"],
      ),
    });
    expect(report.status).toBe("failed");
    expect(report.error).toMatchObject({ type: "NodeError", nodeId: "call" });
    expect(report.error?.message).toContain("answered 404");
    expect(report.nodeRuns.filter((r) => r.nodeId === "call")).toHaveLength(1);
  });

  it("waits for an approval without holding a worker, then continues on the decided handle", async () => {
    const { executionId } = await startExecutionRequest(db.pool, {
      document: doc(
        [
          { id: "start", type: "trigger.manual" },
          { id: "ask", type: "approval", config: { title: "Ship it?", onTimeout: "fail" } },
          { id: "yes", type: "output", config: { value: "shipped by {{ input.by }}" } },
          { id: "no", type: "output", config: { value: "stopped" } },
        ],
        ["start->ask", "ask:approved->yes", "ask:rejected->no"],
      ),
    });
    const task = await waitFor(async () => (await db.prisma.approvalTask.findFirst({ where: { executionId } })) ?? undefined);
    expect(task).toMatchObject({ title: "Ship it?", status: "pending", nodeId: "ask" });
    expect((await db.prisma.execution.findUniqueOrThrow({ where: { id: executionId } })).status).toBe("waiting");
    await decideApproval(db.pool, { taskId: task.id, decision: "approved", by: "ops@example.com" });
    await expect(decideApproval(db.pool, { taskId: task.id, decision: "rejected" })).rejects.toThrow(/already approved/);
    await waitForExecution(db.pool, executionId, { timeoutMs: 10_000 });
    expect(await readExecutionReport(db.pool, executionId)).toMatchObject({ status: "succeeded", output: "shipped by ops@example.com" });
  });

  it("cancels a running execution: the in-flight HTTP call is aborted", async () => {
    const { executionId } = await startExecutionRequest(db.pool, {
      document: doc(
        [
          { id: "start", type: "trigger.manual" },
          { id: "slow", type: "http.request", config: { method: "GET", url: `${server.url}/slow/5000` } },
        ],
        ["start->slow"],
      ),
    });
    await waitFor(async () => (server.hits.some((h) => h.key === `${executionId}:slow`) ? true : undefined));
    const started = Date.now();
    await cancelExecution(db.pool, executionId);
    await waitForExecution(db.pool, executionId, { timeoutMs: 10_000 });
    expect(Date.now() - started).toBeLessThan(3000);
    const report = await readExecutionReport(db.pool, executionId);
    expect(report.status).toBe("cancelled");
    expect(report.nodeRuns.find((r) => r.nodeId === "slow")?.status).toBe("cancelled");
  });

  it("returns the same execution for the same idempotency key", async () => {
    const request = { document: doc([{ id: "start", type: "trigger.manual" }], []), idempotencyKey: "order-42" };
    const first = await startExecutionRequest(db.pool, request);
    const second = await startExecutionRequest(db.pool, request);
    expect(second).toEqual({ executionId: first.executionId, created: false });
    expect(first.created).toBe(true);
  });

  it("ends the whole execution as timed_out after settings.timeoutSeconds", async () => {
    const report = await runToEnd(db.pool, {
      document: doc(
        [
          { id: "start", type: "trigger.manual" },
          { id: "nap", type: "delay", config: { seconds: 30 } },
        ],
        ["start->nap"],
        { timeoutSeconds: 1 },
      ),
    });
    expect(report.status).toBe("timed_out");
    expect(report.error?.type).toBe("Timeout");
  });
});

describe("idempotent starts", () => {
  const request = (key: string) => ({ document: doc([{ id: "start", type: "trigger.manual" }], []), idempotencyKey: key });

  it("ten concurrent starts with one key create exactly one execution", async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => startExecutionRequest(db.pool, request("burst-1"))));
    expect(new Set(results.map((r) => r.executionId)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await db.prisma.execution.count({ where: { idempotencyKey: "burst-1" } })).toBe(1);
  });

  it("refuses a key used for another workflow, stored or not, and writes nothing", async () => {
    const workflows = workflowService(db.prisma);
    const a = await workflows.create({ name: "Keyed A", document: doc([{ id: "start", type: "trigger.manual" }], []) });
    const b = await workflows.create({ name: "Keyed B", document: doc([{ id: "start", type: "trigger.manual" }], []) });
    const first = await startExecutionRequest(db.pool, { workflowId: a.id, idempotencyKey: "scoped-1" });

    const refusal = (key: string, what: string) => ({ code: "CONFLICT", message: `idempotency key "${key}" was already used to start another workflow, not ${what}: a key starts one workflow only, so use a different key` });
    const other = startExecutionRequest(db.pool, { workflowId: b.id, idempotencyKey: "scoped-1" });
    await expect(other).rejects.toBeInstanceOf(DomainError);
    await expect(other).rejects.toMatchObject(refusal("scoped-1", `workflow ${b.id}`));
    await expect(startExecutionRequest(db.pool, request("scoped-1"))).rejects.toMatchObject(refusal("scoped-1", "this workflow document"));

    // Nothing half-written, no transaction left open on a pooled connection, and the key still works for its workflow.
    expect(await db.prisma.execution.count({ where: { workflowId: b.id } })).toBe(0);
    expect(await db.prisma.execution.count({ where: { idempotencyKey: "scoped-1" } })).toBe(1);
    expect(await countJobsOfNoExecution()).toBe(0);
    // A connection left in a transaction stays "idle in transaction"; a worker's transition in this database is
    // so only for moments between its statements (this failed once in CI when one was caught mid-step).
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const { rows } = await db.pool.query(
      `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%' AND now() - state_change > interval '1 second'`,
    );
    expect(rows).toHaveLength(0);
    expect(await startExecutionRequest(db.pool, { workflowId: a.id, idempotencyKey: "scoped-1" })).toEqual({ executionId: first.executionId, created: false });

    // A document run without storing it is its own workflow: a stored one, or another document, may not take its key.
    const adHoc = await startExecutionRequest(db.pool, request("scoped-2"));
    await expect(startExecutionRequest(db.pool, { workflowId: a.id, idempotencyKey: "scoped-2" })).rejects.toMatchObject(refusal("scoped-2", `workflow ${a.id}`));
    const edited = { document: doc([{ id: "begin", type: "trigger.manual" }], []), idempotencyKey: "scoped-2" };
    await expect(startExecutionRequest(db.pool, edited)).rejects.toMatchObject(refusal("scoped-2", "this workflow document"));
    expect(await startExecutionRequest(db.pool, request("scoped-2"))).toEqual({ executionId: adHoc.executionId, created: false });
  });

  it("concurrent starts of two workflows with one key: one workflow gets the execution, the other is refused", async () => {
    const workflows = workflowService(db.prisma);
    const a = await workflows.create({ name: "Racing A", document: doc([{ id: "start", type: "trigger.manual" }], []) });
    const b = await workflows.create({ name: "Racing B", document: doc([{ id: "start", type: "trigger.manual" }], []) });
    const starts = Array.from({ length: 8 }, (_, i) => ({ workflowId: i % 2 ? a.id : b.id, idempotencyKey: "race-1" }));
    const results = await Promise.allSettled(starts.map((s) => startExecutionRequest(db.pool, s)));

    const rows = await db.prisma.execution.findMany({ where: { idempotencyKey: "race-1" } });
    expect(rows).toHaveLength(1);
    const winner = rows[0]!;
    results.forEach((result, i) => {
      if (starts[i]!.workflowId === winner.workflowId) expect(result).toMatchObject({ status: "fulfilled", value: { executionId: winner.id } });
      else expect(result).toMatchObject({ status: "rejected", reason: { code: "CONFLICT" } });
    });
    expect(await db.prisma.execution.count({ where: { workflowId: { in: [a.id, b.id] } } })).toBe(1);
  });

  it("a key older than its TTL starts a new execution", async () => {
    const first = await startExecutionRequest(db.pool, request("ttl-1"));
    await db.pool.query(`UPDATE "Execution" SET "createdAt" = "createdAt" - interval '25 hours' WHERE id = $1`, [first.executionId]);
    const second = await startExecutionRequest(db.pool, request("ttl-1"));
    expect(second.created).toBe(true);
    expect(second.executionId).not.toBe(first.executionId);
    const within = await startExecutionRequest(db.pool, { ...request("ttl-1"), idempotencyTtlSeconds: 3600 });
    expect(within).toEqual({ executionId: second.executionId, created: false });
  });
});

/** Queued jobs whose execution row does not exist: what a start that wrote its job but not its row would leave. */
const countJobsOfNoExecution = async () =>
  Number(
    (await db.pool.query(`SELECT count(*) FROM graphile_worker._private_jobs j WHERE NOT EXISTS (SELECT 1 FROM "Execution" e WHERE e.id = j.payload->>'executionId')`))
      .rows[0].count,
  );
