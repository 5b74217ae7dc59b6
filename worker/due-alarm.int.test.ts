import { afterAll, beforeAll, expect, it } from "vitest";
import { openTestDatabase } from "../test/database";
import { doc } from "../test/engine-harness";
import type { Database } from "@/server/db/prisma";
import { startExecutionRequest } from "@/server/execution/execution-service";
import { workflowService } from "@/server/services/workflow-service";
import { startWorker, type WorkerHandle } from "./start-worker";

/**
 * A worker looks for a scheduled job when it comes due (due-alarm.ts), not at
 * its next poll: with polling every 30 s, a 1 s delay still ends in about 1 s.
 */
let db: Database;
let worker: WorkerHandle;

beforeAll(async () => {
  db = openTestDatabase();
  worker = await startWorker({ databaseUrl: process.env.DATABASE_URL!, concurrency: 2, heartbeatSeconds: 1, pollIntervalMs: 30_000 });
});

afterAll(async () => {
  await worker.stop();
});

it("a timer's step runs when the timer is due, not at the next poll", async () => {
  const document = doc(
    [
      { id: "start", type: "trigger.manual" },
      { id: "nap", type: "delay", config: { seconds: 1 } },
      { id: "done", type: "set", config: { values: { woke: true } } },
    ],
    ["start->nap", "nap->done"],
  );
  const { id: workflowId } = await workflowService(db.prisma).create({ name: "alarm", document });
  // As the API starts it: the request makes the start step and schedules the timer (eager-start.ts).
  const { executionId } = await startExecutionRequest(db.pool, { workflowId, input: {}, eager: true });
  const started = await db.prisma.execution.findUniqueOrThrow({ where: { id: executionId } });
  expect(started.status).toBe("waiting");

  const deadline = Date.now() + 10_000;
  let finished = started;
  while (finished.status === "waiting" && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    finished = await db.prisma.execution.findUniqueOrThrow({ where: { id: executionId } });
  }
  expect(finished.status).toBe("succeeded");
  const lateMs = finished.finishedAt!.getTime() - started.startedAt!.getTime() - 1000;
  expect(lateMs).toBeLessThan(1000); // polling alone: up to 30 s
});
