import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../test/database";
import { httpCallWorkflow, runToEnd, startTestServer, startTestWorker } from "../test/engine-harness";
import type { Database } from "@/server/db/prisma";
import type { WorkerHandle } from "./start-worker";

/**
 * HTTP_MAX_RESPONSE_KB through a real worker: an `http.request` whose response
 * body is over the limit fails at once with an error naming the call and the
 * limit (not retried: the same call would answer the same), instead of the
 * worker buffering it; a body within the limit is delivered whole.
 */
let db: Database;
let server: Awaited<ReturnType<typeof startTestServer>>;
let worker: WorkerHandle;

beforeAll(async () => {
  db = openTestDatabase();
  server = await startTestServer();
  worker = await startTestWorker(2, { maxResponseKb: 1 });
});
afterAll(async () => {
  await worker.stop();
  await server.close();
});

const callWorkflow = (url: string) => httpCallWorkflow(url, "{{ input.body.length }}");

describe("http.request response size limit (HTTP_MAX_RESPONSE_KB=1)", () => {
  it("a body over the limit fails the node at once, naming the call and the limit", async () => {
    const report = await runToEnd(db.pool, { document: callWorkflow(`${server.url}/bytes/5000`), input: {} });
    expect(report.status).toBe("failed");
    expect(report.error).toEqual({
      type: "NodeError",
      message: `node fetch: GET ${server.url}/bytes/5000: the response body is larger than 1 KB (HTTP_MAX_RESPONSE_KB)`,
      nodeId: "fetch",
    });
    const runs = await db.prisma.nodeRun.findMany({ where: { executionId: report.executionId, nodeId: "fetch" } });
    expect(runs.map((r) => [r.attempt, r.status])).toEqual([[1, "failed"]]);
    expect(runs[0]!.error).toMatchObject({ retryable: false, code: "HTTP_RESPONSE_TOO_LARGE" });
  });

  it("a body within the limit is delivered whole", async () => {
    const report = await runToEnd(db.pool, { document: callWorkflow(`${server.url}/bytes/1000`), input: {} });
    expect(report.status).toBe("succeeded");
    expect(report.output).toBe(1000);
  });
});
