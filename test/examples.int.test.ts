import { execFile } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "./database";
import { startTestServer, waitFor } from "./engine-harness";
import type { Database } from "@/server/db/prisma";
import { LOOPBACK_ALLOWLIST } from "@/server/network-policy";
import { workflowService } from "@/server/services/workflow-service";
import { decideApproval } from "@/server/execution/execution-service";

/**
 * Every example in examples/ runs through the real CLI (`npm run wf -- run`,
 * a child process with its own in-process worker, as on a fresh machine)
 * and must produce exactly the documented output.
 */
const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "..");
let db: Database;
let server: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  db = openTestDatabase();
  server = await startTestServer();
});
const running = new Set<AbortController>();
afterAll(async () => {
  for (const controller of running) controller.abort(); // a failed test must not leave a CLI waiting
  await server.close();
});

type Report = { executionId: string; status: string; output: unknown; error: unknown; nodeRuns: Array<{ nodeId: string; status: string; attempt: number }> };

async function wfRun(example: string, input: unknown): Promise<{ code: number; report: Report }> {
  const args = ["--import", "tsx", "src/cli/main.ts", "run", `examples/${example}.json`, "--input", JSON.stringify(input)];
  const controller = new AbortController();
  running.add(controller);
  try {
    const { stdout } = await run(process.execPath, args, {
      cwd: root,
      // The CLI's in-process worker calls the local test server: allow this machine explicitly.
      env: { ...process.env, LOG_LEVEL: "error", HTTP_ALLOW_PRIVATE_NETWORKS: LOOPBACK_ALLOWLIST },
      timeout: 60_000,
      signal: controller.signal,
    });
    return { code: 0, report: JSON.parse(stdout) as Report };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    if (!failed.stdout) throw new Error(`wf run ${example} failed: ${failed.stderr}`);
    return { code: failed.code ?? -1, report: JSON.parse(failed.stdout) as Report };
  } finally {
    running.delete(controller);
  }
}

const cases: Array<[string, unknown, unknown]> = [
  ["hello", { name: "Ada" }, "Hello, Ada!"],
  ["branching", { amount: 250, country: "DE" }, { branches: ["large", "other"], size: "large", vat: null }],
  ["branching", { amount: 5, country: "FR" }, { branches: ["eu", "small"], size: "small", vat: true }],
  ["parallel-join", { qty: 3 }, { price: 15, inStock: true, qty: 3 }],
  ["loop-for", { numbers: [2, 3, 4, 9, 6] }, [4, 16]],
  ["loop-while-repeat", { limit: 20 }, { n: 32, ticks: ["tick 0", "tick 1", "tick 2"] }],
  ["try-catch", { valid: false, id: "A-1" }, { result: { outcome: "recovered", reason: "order A-1 is invalid", failedAt: "reject" }, audited: true }],
  ["try-catch", { valid: true, id: "A-2" }, { result: { valid: true, id: "A-2", outcome: "accepted" }, audited: true }],
  [
    "transform",
    { lines: [{ qty: 1, price: 5 }, { qty: 2, price: 10 }, { qty: 3, price: 1 }] },
    { lineTotals: [5, 20, 3], bigLines: [20], total: 28, pages: 2 },
  ],
  ["variables", {}, { iterations: ["loop a (saw workflow)", "loop b (saw workflow)"], after: "workflow" }],
  ["delay", { a: 1 }, { waited: true, input: { a: 1 } }],
  ["order-approval", { id: "PO-8", total: 10 }, { order: "PO-8", decision: "approved", by: "policy" }],
];

describe("examples run through the CLI", () => {
  it.concurrent.each(cases)("%s with %j", async (example, input, expected) => {
    const { code, report } = await wfRun(example, input);
    expect(report.error).toBeNull();
    expect(report.output).toEqual(expected);
    expect([code, report.status]).toEqual([0, "succeeded"]);
  }, 90_000); // each is a CLI process (tsx start-up, its own worker); generous for a loaded 2-core CI machine

  it("covers every file in examples/", () => {
    const covered = new Set([...cases.map(([name]) => name), "fanout-enrichment", "retrying-http", "subworkflow"]);
    const files = readdirSync(path.join(root, "examples")).map((f) => f.replace(/\.json$/, ""));
    expect(files.filter((f) => !covered.has(f))).toEqual([]);
  });

  it("fanout-enrichment calls both services in parallel and joins their answers", async () => {
    const { code, report } = await wfRun("fanout-enrichment", { baseUrl: server.url, customer: "c-1" });
    expect(report.output).toEqual({ crm: "crm", billing: "billing", customer: "c-1" });
    expect(code).toBe(0);
  });

  it("retrying-http succeeds on the third attempt with one Idempotency-Key", async () => {
    const { code, report } = await wfRun("retrying-http", { baseUrl: server.url });
    expect(report.output).toEqual({ status: 200, attempts: 3 });
    expect(report.nodeRuns.filter((r) => r.nodeId === "call").map((r) => [r.attempt, r.status])).toEqual([
      [1, "failed"],
      [2, "failed"],
      [3, "succeeded"],
    ]);
    expect(new Set(server.hits.filter((h) => h.path === "/flaky/2").map((h) => h.key))).toEqual(new Set([`${report.executionId}:call`]));
    expect(code).toBe(0);
  });

  it("order-approval waits for a manager, then continues on the decision", async () => {
    const pending = wfRun("order-approval", { id: "PO-7", total: 5000 });
    const task = await waitFor(
      async () => (await db.prisma.approvalTask.findFirst({ where: { title: "Approve order PO-7 (5000 EUR)", status: "pending" } })) ?? undefined,
      30_000,
    );
    expect(task.assignees).toEqual(["manager"]);
    await decideApproval(db.pool, { taskId: task.id, decision: "approved", by: "maria@example.com" });
    const { code, report } = await pending;
    expect(report.output).toEqual({ order: "PO-7", decision: "approved", by: "maria@example.com" });
    expect(code).toBe(0);
  });

  it("subworkflow runs a stored child workflow and returns its result", async () => {
    const child = await workflowService(db.prisma).importDocument(JSON.parse(readFileSync(path.join(root, "examples/hello.json"), "utf8")));
    const { code, report } = await wfRun("subworkflow", { childId: child.workflowId, name: "Zoe" });
    expect(report.output).toEqual({ fromChild: "Hello, Zoe!" });
    expect(code).toBe(0);
  });

  it("exits 1 with the error when the workflow fails", async () => {
    const { code, report } = await wfRun("retrying-http", { baseUrl: "http://127.0.0.1:9" });
    expect(report.status).toBe("failed");
    expect(report.error).toMatchObject({ type: "NodeError", nodeId: "call" });
    expect(code).toBe(1);
  });
});
