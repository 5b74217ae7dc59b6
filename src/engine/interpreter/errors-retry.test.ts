import { describe, expect, it } from "vitest";
import type { EngineError } from "../execution-types";
import { delay, fail, http, node, runWorkflow, setNode, trigger, type HttpReply } from "./test-harness";

const http503: EngineError = { type: "NodeError", message: "HTTP 503 Service Unavailable" };
/** Fails the first `failures` calls with `error`, then succeeds. */
const flaky = (failures: number, error: EngineError = http503) => (_command: unknown, call: number): HttpReply =>
  call < failures ? { error } : { output: { ok: true } };

describe("fail node", () => {
  // start → stop(fail)
  it("fails the execution with its message", () => {
    const sim = runWorkflow([trigger(), fail("stop", "Order {{ input.id }} is invalid")], ["start -> stop"], { input: { id: 7 } });
    expect(sim.status).toBe("failed");
    expect(sim.state?.error).toEqual({ type: "NodeError", message: "Order 7 is invalid", nodeId: "stop" });
    expect(sim.lastUpdate("stop")).toMatchObject({ status: "failed", input: { id: 7 } });
  });

  //         ┌→ slow(http) (running)
  // start ──┼→ pause(delay)
  //         └→ stop(fail)
  it("an unhandled error cancels everything in flight", () => {
    const sim = runWorkflow([trigger(), http("slow"), delay("pause", 60), fail("stop", "no")], ["start -> slow", "start -> pause", "start -> stop"], {
      http: () => "hang",
    });
    expect(sim.steps[0]?.state.status).toBe("failed");
    expect(sim.steps[0]?.commands.filter((c) => c.type === "abort-effect")).toEqual([{ type: "abort-effect", runKey: "slow" }]);
    expect(sim.runs).toMatchObject({ "slow@1": "cancelled", "pause@1": "cancelled", "stop@1": "failed" });
    expect(sim.steps).toHaveLength(2); // the delay's timer still fires, as a no-op
  });
});

describe("onError continue", () => {
  // start → call(http, onError continue) → after
  it("turns the error into { error } on out", () => {
    const sim = runWorkflow([trigger(), http("call", {}, { onError: "continue" }), setNode("after", { next: true })], ["start -> call", "call -> after"], {
      http: () => ({ error: http503 }),
    });
    expect(sim.status).toBe("succeeded");
    expect(sim.lastUpdate("call")).toMatchObject({ status: "succeeded", output: { error: { message: "node call: HTTP 503 Service Unavailable", nodeId: "call", type: "NodeError" } } });
    expect(sim.state?.output).toEqual({ error: { message: "node call: HTTP 503 Service Unavailable", nodeId: "call", type: "NodeError" }, next: true });
  });

  it("works for pure nodes", () => {
    const sim = runWorkflow([trigger(), node("c", "code", { code: "throw new Error('x')" }, { onError: "continue" })], ["start -> c"]);
    expect(sim.state?.output).toEqual({ error: { message: "node c: Error: x", nodeId: "c", type: "NodeError" } });
  });

  //            ┌─true──→ yes
  // start → check(if, condition errors, onError continue)
  //            └─false─→ no
  it("multi-handle nodes continue on their first handle", () => {
    const sim = runWorkflow(
      [trigger(), node("check", "if", { condition: "{{ missing.x }}" }, { onError: "continue" }), setNode("yes", { h: "true" }), setNode("no", { h: "false" })],
      ["start -> check", "check.true -> yes", "check.false -> no"],
    );
    expect(sim.runs).toMatchObject({ "yes@1": "succeeded", "no@1": "skipped" });
  });

  it("a fail node with onError continue ends its branch quietly", () => {
    const sim = runWorkflow([trigger(), fail("stop", "nope", { onError: "continue" })], ["start -> stop"]);
    expect(sim.status).toBe("succeeded");
    expect(sim.state?.output).toEqual({ error: { message: "nope", nodeId: "stop", type: "NodeError" } });
  });
});

describe("retries", () => {
  // start → call(http, retry)
  it("fixed backoff: a failed attempt schedules a retry timer at now + delayMs, then attempt 2 runs", () => {
    const sim = runWorkflow([trigger(), http("call", {}, { retry: { maxAttempts: 3, backoff: "fixed", delayMs: 2000 } })], ["start -> call"], {
      http: flaky(2),
    });
    expect(sim.timeline).toEqual([
      "start succeeded",
      "call running",
      "call failed",
      "call@2 running",
      "call@2 failed",
      "call@3 running",
      "call@3 succeeded",
    ]);
    expect(sim.commandsOf("schedule-timer")).toEqual([
      { type: "schedule-timer", timerId: "call@2:retry", fireAt: "2025-01-01T00:00:02.000Z", purpose: "retry" },
      { type: "schedule-timer", timerId: "call@3:retry", fireAt: "2025-01-01T00:00:04.000Z", purpose: "retry" },
    ]);
    expect(sim.commandsOf("run-effect").map((c) => c.attempt)).toEqual([1, 2, 3]);
    expect(sim.state?.output).toEqual({ ok: true });
  });

  it("exponential backoff doubles the delay each attempt", () => {
    const sim = runWorkflow([trigger(), http("call", {}, { retry: { maxAttempts: 4, backoff: "exponential", delayMs: 1000 } })], ["start -> call"], {
      http: flaky(3),
    });
    expect(sim.commandsOf("schedule-timer").map((c) => c.fireAt)).toEqual([
      "2025-01-01T00:00:01.000Z", // +1 s
      "2025-01-01T00:00:03.000Z", // +2 s
      "2025-01-01T00:00:07.000Z", // +4 s
    ]);
    expect(sim.status).toBe("succeeded");
  });

  it("the idempotency key stays the same on every attempt", () => {
    const sim = runWorkflow([trigger(), http("call", {}, { retry: { maxAttempts: 2, delayMs: 10 } })], ["start -> call"], { http: flaky(1) });
    expect(sim.commandsOf("run-effect").map((c) => c.idempotencyKey)).toEqual(["exec-1:call", "exec-1:call"]);
  });

  it("fails once the attempts are used up, with the last error", () => {
    const sim = runWorkflow([trigger(), http("call", {}, { retry: { maxAttempts: 2, delayMs: 10 } })], ["start -> call"], { http: flaky(5) });
    expect(sim.runs).toEqual({ "start@1": "succeeded", "call@1": "failed", "call@2": "failed" });
    expect(sim.state?.error).toEqual({ type: "NodeError", message: "node call: HTTP 503 Service Unavailable", nodeId: "call" });
  });

  it("a non-retryable error (retryable: false) fails at once", () => {
    const sim = runWorkflow([trigger(), http("call", {}, { retry: { maxAttempts: 5 } })], ["start -> call"], {
      http: () => ({ error: { type: "NodeError", message: "HTTP 404 Not Found", retryable: false } }),
    });
    expect(sim.commandsOf("schedule-timer")).toEqual([]);
    expect(sim.state?.error).toEqual({ type: "NodeError", message: "node call: HTTP 404 Not Found", nodeId: "call" });
  });

  it("without retry an http failure fails the execution on the first attempt", () => {
    const sim = runWorkflow([trigger(), http("call")], ["start -> call"], { http: () => ({ error: http503 }) });
    expect(sim.runs).toEqual({ "start@1": "succeeded", "call@1": "failed" });
  });

  it("a node timeout (Timeout from the driver) is retryable and keeps its type", () => {
    const timeout: EngineError = { type: "Timeout", message: "no response within 500 ms" };
    const sim = runWorkflow([trigger(), http("call", {}, { timeoutMs: 500, retry: { maxAttempts: 2, delayMs: 0 } })], ["start -> call"], {
      http: () => ({ error: timeout }),
    });
    expect(sim.commandsOf("run-effect").map((c) => c.timeoutMs)).toEqual([500, 500]);
    expect(sim.state?.error).toEqual({ type: "Timeout", message: "node call: no response within 500 ms", nodeId: "call" });
    expect(sim.lastUpdate("call")).toMatchObject({ attempt: 2, status: "failed", error: { type: "Timeout" } });
  });

  it("retries then onError continue", () => {
    const sim = runWorkflow([trigger(), http("call", {}, { retry: { maxAttempts: 2, delayMs: 1 }, onError: "continue" })], ["start -> call"], {
      http: () => ({ error: http503 }),
    });
    expect(sim.timeline).toEqual(["start succeeded", "call running", "call failed", "call@2 running", "call@2 succeeded"]);
    expect(sim.state?.output).toEqual({ error: { message: "node call: HTTP 503 Service Unavailable", nodeId: "call", type: "NodeError" } });
  });

  it("the execution waits between attempts", () => {
    const sim = runWorkflow([trigger(), http("call", {}, { retry: { maxAttempts: 2, delayMs: 5000 } })], ["start -> call"], { http: flaky(1) });
    expect(sim.steps.map((s) => s.state.status)).toEqual(["running", "waiting", "running", "succeeded"]);
  });

  // each(for [1,2]) ─body→ call(http, retry)   — retry timers carry the loop path
  it("retries inside a loop body use the iteration's run key", () => {
    const sim = runWorkflow(
      [trigger(), node("each", "loop", { mode: "for", items: [1, 2] }), http("call", {}, { retry: { maxAttempts: 2, delayMs: 100 } })],
      ["start -> each", "each.body -> call"],
      { http: (command) => (command.attempt === 1 ? { error: http503 } : { output: command.runKey }) },
    );
    expect(sim.commandsOf("schedule-timer").map((c) => c.timerId)).toEqual(["each#0/call@2:retry", "each#1/call@2:retry"]);
    expect(sim.state?.output).toEqual(["each#0/call", "each#1/call"]);
  });
});
