import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient } from "../../../test/api-client";
import { startApiHttpServer } from "../../../test/api-http-server";
import { openTestDatabase } from "../../../test/database";
import { doc, startTestWorker, waitFor } from "../../../test/engine-harness";
import { readQueuedJobs } from "../../../test/queued-jobs";
import type { Database } from "@/server/db/prisma";
import { workflowService } from "@/server/services/workflow-service";

/**
 * `wf run ID --idempotency-key K --priority N`, the real CLI in a child process, both ways it starts
 * an execution: against the database (no SWITCHYARD_URL), and through a server's API with a token.
 * No worker runs while a test reads the first start: its execution waits queued with its start job
 * (the CLI waiting for its end), and only then does a worker run it.
 */
const execFileAsync = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../../..");
let db: Database;
let server: Awaited<ReturnType<typeof startApiHttpServer>>;
const running = new Set<AbortController>();

beforeAll(async () => {
  db = openTestDatabase();
  server = await startApiHttpServer(db);
});
afterAll(async () => {
  for (const controller of running) controller.abort(); // a failed test must not leave a CLI waiting
  await server.close();
});

async function wf(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  const controller = new AbortController();
  running.add(controller);
  try {
    const options = { cwd: root, env: { ...env, LOG_LEVEL: "error" }, timeout: 60_000, signal: controller.signal };
    const { stdout, stderr } = await execFileAsync(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], options);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === "number" ? failed.code : -1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  } finally {
    running.delete(controller);
  }
}

// start → work(code) → out(output): a `code` node is never run in a request, so every start waits queued for a worker.
const working = doc(
  [
    { id: "start", type: "trigger.manual" },
    { id: "work", type: "code", config: { code: "return { done: true }" } },
    { id: "out", type: "output", config: { value: "{{ input.done }}" } },
  ],
  ["start->work", "work->out"],
);

async function twoWorkflows(prefix: string) {
  const workflows = workflowService(db.prisma);
  const a = await workflows.create({ name: `${prefix} A`, document: working });
  const b = await workflows.create({ name: `${prefix} B`, document: working });
  return [a.id, b.id] as const;
}

/**
 * Runs `wf run A --idempotency-key KEY --priority PRIORITY` three ways and checks each: the first
 * start's row and start job carry the priority; the same key again returns the same execution; the
 * key given for workflow B is refused (exit 1, the reason on stderr, no stack).
 */
async function checkKeyedRuns(env: NodeJS.ProcessEnv, key: string, priority: number, refusalPrefix: string) {
  const [a, b] = await twoWorkflows(key);
  const args = ["run", a, "--idempotency-key", key, "--priority", String(priority)];
  const first = wf(args, env);

  const queued = await waitFor(() => db.prisma.execution.findFirst({ where: { idempotencyKey: key } }).then((row) => row ?? undefined), 30_000);
  expect([queued.workflowId, queued.status, queued.priority]).toEqual([a, "queued", priority]);
  expect(await readQueuedJobs(db.pool, queued.id)).toEqual([{ task: "execution.start", event: null, priority: -priority }]);

  const worker = await startTestWorker(2);
  try {
    const ran = await first;
    expect(ran).toMatchObject({ code: 0, stderr: "" });
    expect(JSON.parse(ran.stdout)).toMatchObject({ executionId: queued.id, status: "succeeded", output: true });

    const again = await wf(args, env);
    expect(again).toMatchObject({ code: 0, stderr: "" });
    expect(JSON.parse(again.stdout)).toMatchObject({ executionId: queued.id, status: "succeeded" });
    expect(await db.prisma.execution.count({ where: { workflowId: a } })).toBe(1);

    const other = await wf(["run", b, "--idempotency-key", key], env);
    expect(other).toEqual({
      code: 1,
      stdout: "",
      stderr: `${refusalPrefix}idempotency key "${key}" was already used to start another workflow, not workflow ${b}: a key starts one workflow only, so use a different key\n`,
    });
    expect(await db.prisma.execution.count({ where: { workflowId: b } })).toBe(0);
  } finally {
    await worker.stop();
  }
}

describe("wf run --idempotency-key --priority", { timeout: 120_000 }, () => {
  it("against the database", async () => {
    // A worker that looks alive: the CLI then starts no worker of its own, and the execution waits for one.
    const absent = `absent-${process.pid}`;
    await db.pool.query(
      `INSERT INTO "WorkerHeartbeat" ("workerId", host, pid, concurrency, "runningJobs", ephemeral, "startedAt", "lastSeenAt")
       VALUES ($1, 'elsewhere', 1, 1, 0, false, now(), now())`,
      [absent],
    );
    const env = { ...process.env };
    delete env.SWITCHYARD_URL;
    delete env.SWITCHYARD_TOKEN;
    try {
      await checkKeyedRuns(env, "cli-local-1", 7, "wf: ");
    } finally {
      await db.pool.query(`DELETE FROM "WorkerHeartbeat" WHERE "workerId" = $1`, [absent]);
    }
  });

  it("through the API with SWITCHYARD_URL and SWITCHYARD_TOKEN", async () => {
    const builder = await apiClient(db).as("builder", { via: "token" });
    // No DATABASE_URL: the remote path must not need the database.
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, NODE_ENV: "test", SWITCHYARD_URL: server.url, SWITCHYARD_TOKEN: builder.credentials.token! };
    await checkKeyedRuns(env, "cli-remote-1", 9, "wf: run: ");
  });
});
