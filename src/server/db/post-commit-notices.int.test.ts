import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../../test/database";
import { doc } from "../../../test/engine-harness";
import type { Database } from "@/server/db/prisma";
import { createQuickJsSandbox } from "@/server/sandbox/quickjs-sandbox";
import { advanceExecution } from "@/server/execution/advance-execution";
import { startExecutionRequest } from "@/server/execution/execution-service";
import { CHANNEL } from "@/server/execution/jobs";
import { EVENTS_CHANNEL } from "@/lib/live-events";
import { noticesSent, sendNotices } from "./post-commit-notices";

/**
 * Transitions and starts commit without NOTIFY and send their notices right
 * after (post-commit-notices.ts): every notice still arrives, none before its
 * data is visible, and one that failed to send does not block later ones.
 */
let db: Database;
let listener: pg.Client;
let reader: pg.Client;
const received: Array<{ channel: string; payload: string; finishedVisible?: boolean }> = [];
let sandbox: Awaited<ReturnType<typeof createQuickJsSandbox>>;

beforeAll(async () => {
  db = openTestDatabase();
  sandbox = await createQuickJsSandbox();
  listener = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await listener.connect();
  reader = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await reader.connect();
  listener.on("notification", (m) => {
    const entry = { channel: m.channel, payload: m.payload ?? "" };
    received.push(entry);
    if (m.channel === CHANNEL.finished) {
      // What a waiter does on this notice: read the execution. It must already be finished.
      void reader
        .query<{ finished: boolean }>(`SELECT "finishedAt" IS NOT NULL AS finished FROM "Execution" WHERE id = $1`, [m.payload])
        .then(({ rows }) => Object.assign(entry, { finishedVisible: rows[0]?.finished ?? false }));
    }
  });
  await listener.query(`LISTEN "test:a"; LISTEN "jobs:insert"; LISTEN ${CHANNEL.finished}; LISTEN ${EVENTS_CHANNEL}`);
});
afterAll(async () => {
  sandbox.dispose();
  await listener.end();
  await reader.end();
});

async function until(check: () => boolean, ms = 5_000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out waiting for notices");
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe("post-commit notices", () => {
  it("sends every notice handed over, in order, batching those queued while a send is in flight", async () => {
    received.length = 0;
    for (let i = 0; i < 50; i++) sendNotices(db.pool, [{ channel: "test:a", payload: String(i) }]);
    await noticesSent(db.pool);
    await until(() => received.length >= 50);
    expect(received.map((r) => r.payload)).toEqual(Array.from({ length: 50 }, (_, i) => String(i)));
  });

  it("a failed send is reported and dropped; later notices still go out", async () => {
    received.length = 0;
    const tooLong = "x".repeat(9000); // Postgres refuses NOTIFY payloads of 8000 bytes or more
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (line: string) => void warnings.push(line);
    try {
      sendNotices(db.pool, [{ channel: "test:a", payload: tooLong }]);
      await noticesSent(db.pool);
    } finally {
      console.warn = warn;
    }
    expect(warnings.join("\n")).toMatch(/1 notice\(s\) not sent \(payload string too long\)/);
    sendNotices(db.pool, [{ channel: "test:a", payload: "after" }]);
    await noticesSent(db.pool);
    await until(() => received.some((r) => r.payload === "after"));
    expect(received.map((r) => r.payload)).toEqual(["after"]);
  });

  it("a start wakes the workers and a transition announces its events and its end, after its commit", async () => {
    received.length = 0;
    const { executionId } = await startExecutionRequest(db.pool, {
      document: doc([{ id: "start", type: "trigger.manual" }, { id: "done", type: "output", config: { value: "{{ trigger.n }}" } }], ["start->done"]),
      input: { n: 1 },
    });
    await noticesSent(db.pool);
    await until(() => received.some((r) => r.channel === "jobs:insert"));
    expect(JSON.parse(received.find((r) => r.channel === "jobs:insert")!.payload)).toMatchObject({ count: 1 });

    const outcome = await advanceExecution({ pool: db.pool, sandbox }, executionId, { type: "start" });
    expect(outcome.status).toBe("succeeded");
    await noticesSent(db.pool);
    await until(() => received.some((r) => r.channel === CHANNEL.finished && r.finishedVisible !== undefined));
    const finished = received.filter((r) => r.channel === CHANNEL.finished);
    expect(finished).toEqual([{ channel: CHANNEL.finished, payload: executionId, finishedVisible: true }]);
    const range = received.filter((r) => r.channel === EVENTS_CHANNEL).map((r) => JSON.parse(r.payload));
    expect(range).toEqual([expect.objectContaining({ executionId, status: "succeeded", fromSeq: 1 })]);
    expect(range[0].toSeq).toBeGreaterThan(1);
  });

  it("a transition that writes nothing sends nothing", async () => {
    const { executionId } = await startExecutionRequest(db.pool, {
      document: doc([{ id: "start", type: "trigger.manual" }, { id: "done", type: "output", config: { value: "1" } }], ["start->done"]),
    });
    await advanceExecution({ pool: db.pool, sandbox }, executionId, { type: "start" });
    await noticesSent(db.pool);
    await new Promise((r) => setTimeout(r, 100));
    received.length = 0;
    const again = await advanceExecution({ pool: db.pool, sandbox }, executionId, { type: "start" }); // a redelivered start job
    expect(again.applied).toBe(false);
    await noticesSent(db.pool);
    await new Promise((r) => setTimeout(r, 200));
    expect(received).toEqual([]);
  });
});
