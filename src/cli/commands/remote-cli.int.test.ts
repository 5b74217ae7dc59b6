import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient } from "../../../test/api-client";
import { startApiHttpServer } from "../../../test/api-http-server";
import { openTestDatabase } from "../../../test/database";
import { doc, startTestWorker } from "../../../test/engine-harness";
import type { Database } from "@/server/db/prisma";
import { waitForExecution } from "@/server/execution/execution-report";
import type { WorkerHandle } from "../../../worker/start-worker";

/**
 * The real CLI (a child process) against a running server with an API token
 * (SWITCHYARD_URL + SWITCHYARD_TOKEN): the server is a Node HTTP server in
 * front of the API's own handler, with a real worker behind it.
 */
const execFileAsync = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../../..");
let db: Database;
let worker: WorkerHandle;
let server: Awaited<ReturnType<typeof startApiHttpServer>>;
let url: string;

beforeAll(async () => {
  db = openTestDatabase();
  worker = await startTestWorker(4);
  server = await startApiHttpServer(db);
  url = server.url;
});
afterAll(async () => {
  await worker.stop();
  await server.close();
});

async function wf(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], {
      cwd: root,
      // No DATABASE_URL: the remote commands must not need the database.
      env: { PATH: process.env.PATH, NODE_ENV: "test", LOG_LEVEL: "error", ...env },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}

const approvalFlow = doc(
  [
    { id: "start", type: "trigger.manual" },
    { id: "ask", type: "approval", config: { title: "Ship it?", assignees: "approver", onTimeout: "reject" } },
    { id: "yes", type: "output", config: { value: "{{ input.decision }}" } },
    { id: "no", type: "output", config: { value: "rejected" } },
  ],
  ["start->ask", "ask:approved->yes", "ask:rejected->no"],
);

describe("wf with SWITCHYARD_URL and SWITCHYARD_TOKEN", { timeout: 120_000 }, () => {
  it("runs, decides and cancels through the API as the token's user; roles are enforced", async () => {
    const admin = await apiClient(db).as("admin");
    const hello = await admin.mutation<{ id: string }>("workflow.create", {
      name: "Remote hello",
      document: doc([{ id: "start", type: "trigger.manual" }, { id: "out", type: "output", config: { value: "Hi {{ trigger.name }}" } }], ["start->out"]),
    });
    const approval = await admin.mutation<{ id: string }>("workflow.create", { name: "Remote approval", document: approvalFlow });
    expect([hello.ok ? "ok" : hello.error.message, approval.ok ? "ok" : approval.error.message]).toEqual(["ok", "ok"]);
    if (!hello.ok || !approval.ok) return;

    const builder = await apiClient(db).as("builder", { via: "token" });
    const approver = await apiClient(db).as("approver", { via: "token" });
    const viewer = await apiClient(db).as("viewer", { via: "token" });
    const as = (client: { credentials: { token?: string } }) => ({ SWITCHYARD_URL: url, SWITCHYARD_TOKEN: client.credentials.token! });

    const ran = await wf(["run", hello.data.id, "--input", '{"name":"Ada"}'], as(builder));
    expect(ran).toMatchObject({ code: 0, stderr: "" });
    expect(JSON.parse(ran.stdout)).toMatchObject({ status: "succeeded", output: "Hi Ada" });

    const refused = await wf(["run", hello.data.id], as(viewer));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("Your role (viewer) cannot do this: execution.start needs builder or admin.");

    // Start one that waits for an approval, decide it as the approver through the CLI.
    const started = await builder.mutation<{ executionId: string }>("execution.start", { workflowId: approval.data.id });
    expect(started.ok).toBe(true);
    if (!started.ok) return;
    let taskId: string | undefined;
    for (let i = 0; i < 100 && !taskId; i++) {
      const pending = await approver.query<Array<{ id: string; executionId: string }>>("approval.pending");
      taskId = pending.ok ? pending.data.find((t) => t.executionId === started.data.executionId)?.id : undefined;
      if (!taskId) await new Promise((r) => setTimeout(r, 100));
    }
    expect(taskId).toBeDefined();
    expect((await wf(["decide", taskId!, "approve", "--by", "someone"], as(approver))).code).toBe(2); // --by is the server's to set
    const decided = await wf(["decide", taskId!, "approve", "--comment", "from the CLI"], as(approver));
    expect(decided).toMatchObject({ code: 0, stderr: "" });
    const task = await db.prisma.approvalTask.findUniqueOrThrow({ where: { id: taskId! } });
    expect([task.status, task.decidedBy, task.comment]).toEqual(["approved", approver.user.email, "from the CLI"]);

    // Cancel another waiting one.
    const waiting = await builder.mutation<{ executionId: string }>("execution.start", { workflowId: approval.data.id });
    if (!waiting.ok) throw new Error("start failed");
    const cancelled = await wf(["cancel", waiting.data.executionId], as(builder));
    expect(cancelled.code).toBe(0);
    expect(["cancelling", "cancelled"]).toContain(JSON.parse(cancelled.stdout).status);
    await waitForExecution(db.pool, waiting.data.executionId, { timeoutMs: 10_000 });
    expect((await db.prisma.execution.findUniqueOrThrow({ where: { id: waiting.data.executionId } })).status).toBe("cancelled");

    // Missing token: a clear error, no stack.
    const noToken = await wf(["cancel", waiting.data.executionId], { SWITCHYARD_URL: url });
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toContain("SWITCHYARD_TOKEN is not");
  });
});
