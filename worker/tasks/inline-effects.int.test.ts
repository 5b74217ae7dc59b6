import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../test/database";
import { doc, runToEnd, startTestServer, startTestWorker } from "../../test/engine-harness";
import type { Database } from "@/server/db/prisma";
import type { WorkerHandle } from "../start-worker";

/**
 * Effects run inline (inline-effects.ts): the task that enqueues an effect of
 * its execution claims that job and runs it at once. These tests watch which
 * jobs graphile-worker itself handed out (`job:start`) against what ran.
 */
let db: Database;
let worker: WorkerHandle;
let server: Awaited<ReturnType<typeof startTestServer>>;
const handedOut: string[] = [];

beforeAll(async () => {
  db = openTestDatabase();
  server = await startTestServer();
  worker = await startTestWorker(4);
  worker.runner.events.on("job:start", ({ job }) => handedOut.push(job.task_identifier));
});
afterAll(async () => {
  await worker.stop();
  await server.close();
});

const chainOf = (count: number, url: string) =>
  doc(
    [
      { id: "start", type: "trigger.manual" },
      ...Array.from({ length: count }, (_, i) => ({ id: `h${i}`, type: "http.request", config: { method: "GET", url: `${url}/echo` } })),
    ],
    Array.from({ length: count }, (_, i) => `${i === 0 ? "start" : `h${i - 1}`}->h${i}`),
  );

describe("inline effects", () => {
  it("a chain of 6 http calls runs in its start job: no effect job is handed out by the queue, each is done once", async () => {
    handedOut.length = 0;
    const before = server.hits.length;
    const report = await runToEnd(db.pool, { document: chainOf(6, server.url) });
    expect(report.status).toBe("succeeded");
    expect(server.hits.length - before).toBe(6);
    expect(handedOut).toEqual(["execution.start"]);
    // Every effect job was claimed, run and completed: none is left in the queue.
    const { rows } = await db.pool.query(`SELECT count(*)::int AS n FROM graphile_worker._private_jobs`);
    expect(rows[0].n).toBe(0);
    expect(report.nodeRuns.filter((r) => r.nodeId.startsWith("h")).map((r) => [r.nodeId, r.status, r.attempt])).toEqual(
      Array.from({ length: 6 }, (_, i) => [`h${i}`, "succeeded", 1]),
    );
  });

  it("parallel effects: the task runs one inline and leaves the others to the queue, so they still run in parallel", async () => {
    handedOut.length = 0;
    const document = doc(
      [
        { id: "start", type: "trigger.manual" },
        ...["a", "b", "c"].map((id) => ({ id, type: "http.request", config: { method: "GET", url: `${server.url}/slow/300` } })),
        { id: "all", type: "join", config: { mode: "all", aggregate: "array" } },
      ],
      ["start->a", "start->b", "start->c", "a->all", "b->all", "c->all"],
    );
    const t0 = Date.now();
    const report = await runToEnd(db.pool, { document });
    expect(report.status).toBe("succeeded");
    // The three 300 ms calls overlapped (not one after another).
    expect(server.maxInFlight((h) => h.path === "/slow/300" && h.start >= t0)).toBe(3);
    expect(handedOut.filter((t) => t === "execution.effect")).toHaveLength(2);
  });
});
