import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../test/database";
import { httpCallWorkflow, runToEnd, startTestServer, startTestWorker } from "../test/engine-harness";
import type { Database } from "@/server/db/prisma";
import type { WorkerHandle } from "./start-worker";

/**
 * The SSRF guard through a real worker and real Postgres: an `http.request`
 * to a non-public address fails with a clear, non-retryable error, and a
 * redirect from an allowed destination into the network is refused too.
 * "Public" is simulated by allowlisting exactly one test server's address and
 * port; the other test server stands for the inside of the network.
 */
let db: Database;
let outside: Awaited<ReturnType<typeof startTestServer>>;
let inside: Awaited<ReturnType<typeof startTestServer>>;
const port = (url: string) => new URL(url).port;
const REFUSED_CODE = "HTTP_REQUEST_REFUSED";

beforeAll(async () => {
  db = openTestDatabase();
  outside = await startTestServer();
  inside = await startTestServer();
});
afterAll(async () => {
  await outside.close();
  await inside.close();
});

const callWorkflow = (url: string) => httpCallWorkflow(url);

async function fetchRuns(executionId: string) {
  return db.prisma.nodeRun.findMany({ where: { executionId, nodeId: "fetch" }, orderBy: { attempt: "asc" } });
}

describe("with an empty allowlist (production's default)", () => {
  let worker: WorkerHandle;
  beforeAll(async () => {
    worker = await startTestWorker(2, { allowPrivateNetworks: "" });
  });
  afterAll(async () => {
    await worker.stop();
  });

  it("a call to 127.0.0.1 fails at once with the refusal, is not retried, and never reaches the server", async () => {
    const report = await runToEnd(db.pool, { document: callWorkflow(`${inside.url}/echo`), input: {} });
    expect(report.status).toBe("failed");
    expect(report.error).toEqual({
      type: "NodeError",
      message: `node fetch: http.request to 127.0.0.1:${port(inside.url)} refused: loopback address (set HTTP_ALLOW_PRIVATE_NETWORKS to allow)`,
      nodeId: "fetch",
    });
    const runs = await fetchRuns(report.executionId);
    expect(runs.map((r) => [r.attempt, r.status])).toEqual([[1, "failed"]]); // retry: 3 attempts configured, none used
    expect(runs[0]!.error).toMatchObject({ retryable: false, code: REFUSED_CODE });
    expect(inside.hits).toEqual([]);
  });
});

describe("with one destination allowlisted by address and port", () => {
  let worker: WorkerHandle;
  beforeAll(async () => {
    worker = await startTestWorker(2, { allowPrivateNetworks: `127.0.0.1:${port(outside.url)}` });
  });
  afterAll(async () => {
    await worker.stop();
  });

  it("the allowed destination is reached", async () => {
    const report = await runToEnd(db.pool, { document: callWorkflow(`${outside.url}/echo`), input: {} });
    expect(report.status).toBe("succeeded");
    expect(report.output).toMatchObject({ method: "GET" });
  });

  it("a redirect from it to a private address is refused", async () => {
    const target = `${inside.url}/echo`;
    const report = await runToEnd(db.pool, { document: callWorkflow(`${outside.url}/redirect?to=${encodeURIComponent(target)}`), input: {} });
    expect(report.status).toBe("failed");
    expect(report.error?.message).toBe(
      `node fetch: http.request to 127.0.0.1:${port(inside.url)} (redirected from 127.0.0.1:${port(outside.url)}) refused: loopback address (set HTTP_ALLOW_PRIVATE_NETWORKS to allow)`,
    );
    expect((await fetchRuns(report.executionId)).map((r) => r.status)).toEqual(["failed"]);
    expect(outside.hits.filter((h) => h.path.startsWith("/redirect"))).toHaveLength(1);
    expect(inside.hits).toEqual([]);
  });
});
