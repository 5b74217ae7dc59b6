import { describe, expect, it } from "vitest";
import { doc, runToEnd } from "../../../test/engine-harness";
import { nodeRuns, runStatuses, useEngineTestBed } from "../../../test/construct-harness";

/**
 * Errors around real HTTP effects, through a real worker on a real Postgres:
 * try/catch/finally with a 404 in the try region, an error raised again after
 * finally when there is no catch, onError "continue", and node.timeoutMs
 * (a retryable Timeout) with retry.
 */
const bed = useEngineTestBed();

const notFound = () => ({
  type: "NodeError",
  nodeId: "call",
  message: `node call: GET ${bed.server.url}/status/404 answered 404: {"status":404}`,
});

describe("try / catch / finally around an HTTP call", () => {
  it("a 404 in try runs catch with the error object, then finally, then out with the catch result", async () => {
    // start → guard(try) ─try→ call(http GET /status/404) → never(set)
    //                    ├catch→ recover(set { caught: error, input }, keepInput false)
    //                    ├finally→ audit(variable.set audited = true, workflow)
    //                    └out→ result(output { result: input, audited: vars.audited })
    const report = await runToEnd(bed.db.pool, {
      document: doc(
        [
          { id: "start", type: "trigger.manual" },
          { id: "guard", type: "try" },
          { id: "call", type: "http.request", config: { method: "GET", url: `${bed.server.url}/status/404` } },
          { id: "never", type: "set", config: { values: { reached: true } } },
          { id: "recover", type: "set", config: { values: { caught: "{{ error }}", entry: "{{ input }}" }, keepInput: false } },
          { id: "audit", type: "variable.set", config: { name: "audited", value: true, scope: "workflow" } },
          { id: "result", type: "output", config: { value: { result: "{{ input }}", audited: "{{ vars.audited }}" } } },
        ],
        ["start->guard", "guard:try->call", "call->never", "guard:catch->recover", "guard:finally->audit", "guard:out->result"],
      ),
      input: { order: 7 },
    });
    expect(report).toMatchObject({ status: "succeeded", error: null });
    // The catch region sees `error` = { message, nodeId, type }, and its entry input is that same object.
    expect(report.output).toEqual({ result: { caught: notFound(), entry: notFound() }, audited: true });
    // `never` has no row: a failed node fires no edges, and what never started leaves no NodeRun.
    expect(await runStatuses(bed.db.pool, report.executionId)).toEqual({
      start: "succeeded",
      guard: "succeeded",
      call: "failed",
      recover: "succeeded",
      audit: "succeeded",
      result: "succeeded",
    });
    const call = (await nodeRuns(bed.db.pool, report.executionId)).find((r) => r.nodeId === "call");
    expect(call?.error).toEqual({ ...notFound(), retryable: false });
    expect(bed.server.hits.filter((h) => h.key === `${report.executionId}:call`)).toHaveLength(1); // 4xx is not retried
  });

  it("without catch the error is raised again after finally: the execution fails naming the node", async () => {
    // start → guard(try) ─try→ call(http GET /status/404)
    //                    ├finally→ cleanup(code: returns the error object it got)
    //                    └out→ after(output)   (never runs)
    const report = await runToEnd(bed.db.pool, {
      document: doc(
        [
          { id: "start", type: "trigger.manual" },
          { id: "guard", type: "try" },
          { id: "call", type: "http.request", config: { method: "GET", url: `${bed.server.url}/status/404` }, retry: { maxAttempts: 3, delayMs: 10 } },
          { id: "cleanup", type: "code", config: { code: "return { cleaned: true, saw: input.nodeId };" } },
          { id: "after", type: "output", config: { value: "unreachable" } },
        ],
        ["start->guard", "guard:try->call", "guard:finally->cleanup", "guard:out->after"],
      ),
    });
    expect(report.status).toBe("failed");
    expect(report.error).toEqual(notFound());
    expect(report.output).toBeNull();
    const runs = await nodeRuns(bed.db.pool, report.executionId);
    expect(runs.find((r) => r.nodeId === "cleanup")).toMatchObject({ status: "succeeded", output: { cleaned: true, saw: "call" } });
    expect(runs.find((r) => r.nodeId === "guard")).toMatchObject({ status: "failed", error: { ...notFound(), retryable: false } });
    expect(runs.filter((r) => r.nodeId === "call").map((r) => r.attempt)).toEqual([1]); // not retryable ⇒ one attempt
    expect(runs.some((r) => r.nodeId === "after")).toBe(false);
  });
});

describe("onError: continue on an HTTP node", () => {
  it("the node succeeds with { error } and the flow goes on", async () => {
    // start → call(http GET /status/500, onError continue) → next(output { got: input })
    const report = await runToEnd(bed.db.pool, {
      document: doc(
        [
          { id: "start", type: "trigger.manual" },
          { id: "call", type: "http.request", config: { method: "GET", url: `${bed.server.url}/status/500` }, onError: "continue" },
          { id: "next", type: "output", config: { value: { got: "{{ input }}" } } },
        ],
        ["start->call", "call->next"],
      ),
    });
    const error = { type: "NodeError", nodeId: "call", message: `node call: GET ${bed.server.url}/status/500 answered 500: {"status":500}` };
    expect(report).toMatchObject({ status: "succeeded", error: null });
    expect(report.output).toEqual({ got: { error } });
    expect(await runStatuses(bed.db.pool, report.executionId)).toEqual({ start: "succeeded", call: "succeeded", next: "succeeded" });
    const call = (await nodeRuns(bed.db.pool, report.executionId)).find((r) => r.nodeId === "call");
    expect(call).toMatchObject({ status: "succeeded", output: { error }, error: null });
  });
});

describe("node timeoutMs on an HTTP call", () => {
  it("a 3 s call with timeoutMs 200 times out; Timeout is retryable, so retry makes two attempts", async () => {
    // start → call(http GET /slow/3000, timeoutMs 200, retry maxAttempts 2 delayMs 50) → after(output)
    const started = Date.now();
    const report = await runToEnd(bed.db.pool, {
      document: doc(
        [
          { id: "start", type: "trigger.manual" },
          {
            id: "call",
            type: "http.request",
            config: { method: "GET", url: `${bed.server.url}/slow/3000` },
            timeoutMs: 200,
            retry: { maxAttempts: 2, backoff: "fixed", delayMs: 50 },
          },
          { id: "after", type: "output", config: { value: "unreachable" } },
        ],
        ["start->call", "call->after"],
      ),
    });
    const elapsed = Date.now() - started;
    const timeout = { type: "Timeout", nodeId: "call", message: `node call: GET ${bed.server.url}/slow/3000 took longer than 200 ms` };
    expect(report).toMatchObject({ status: "failed", error: timeout });
    expect(elapsed).toBeLessThan(2500); // neither attempt waited for the 3 s answer
    const attempts = (await nodeRuns(bed.db.pool, report.executionId)).filter((r) => r.nodeId === "call");
    expect(attempts.map((r) => [r.attempt, r.status, r.error])).toEqual([
      [1, "failed", { ...timeout, retryable: true }],
      [2, "failed", { ...timeout, retryable: true }],
    ]);
    expect(await runStatuses(bed.db.pool, report.executionId)).toEqual({ start: "succeeded", call: "failed", "call@2": "failed" });
    // Both attempts reached the server with the same Idempotency-Key and were hung up on after ~200 ms.
    const hits = bed.server.hits.filter((h) => h.key === `${report.executionId}:call`);
    expect(hits).toHaveLength(2);
    for (const hit of hits) {
      expect(hit.aborted).toBe(true);
      expect(hit.end! - hit.start).toBeLessThan(1500);
    }
  });
});
