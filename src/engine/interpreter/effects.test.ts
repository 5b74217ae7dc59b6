import { describe, expect, it } from "vitest";
import { buildWorkflow, delay, http, node, runWorkflow, setNode, Simulation, trigger } from "./test-harness";

describe("http.request", () => {
  // start → call(http) → after
  it("emits run-effect with the resolved config, input, timeout and idempotency key", () => {
    const sim = runWorkflow(
      [
        trigger(),
        http("call", { url: "https://api.example.com/orders/{{ input.id }}", headers: { "X-Id": "{{ String(input.id) }}" }, body: { id: "{{ input.id }}" } }, { timeoutMs: 3000 }),
      ],
      ["start -> call"],
      { input: { id: 42 } },
    );
    expect(sim.steps[0]?.commands).toEqual([
      {
        type: "run-effect",
        runKey: "call",
        nodeId: "call",
        nodeType: "http.request",
        attempt: 1,
        config: { method: "POST", url: "https://api.example.com/orders/42", headers: { "X-Id": "42" }, body: { id: 42 } },
        input: { id: 42 },
        timeoutMs: 3000,
        idempotencyKey: "exec-1:call",
      },
    ]);
  });

  it("is running until the result arrives; the node run goes running → succeeded", () => {
    const sim = runWorkflow([trigger(), http("call"), setNode("after", { seen: "{{ input.status }}" }, false)], ["start -> call", "call -> after"], {
      http: () => ({ output: { status: 201, headers: { a: "b" }, body: "ok" } }),
    });
    expect(sim.steps[0]?.state.status).toBe("running");
    expect(sim.steps[0]?.runUpdates.at(-1)).toEqual({
      runKey: "call",
      nodeId: "call",
      nodeType: "http.request",
      attempt: 1,
      status: "running",
      input: {},
    });
    expect(sim.lastUpdate("call")).toMatchObject({ status: "succeeded", output: { status: 201, headers: { a: "b" }, body: "ok" } });
    expect(sim.state?.output).toEqual({ seen: 201 });
  });

  it("omits timeoutMs when the node has none", () => {
    const sim = runWorkflow([trigger(), http("call")], ["start -> call"]);
    expect("timeoutMs" in (sim.commandsOf("run-effect")[0] ?? {})).toBe(false);
  });

  it("an expression error in the config fails the node before any command", () => {
    const sim = runWorkflow([trigger(), http("call", { url: "https://x.example.com/{{ nope }}" })], ["start -> call"]);
    expect(sim.commands).toEqual([]);
    expect(sim.state?.error).toEqual({ type: "NodeError", message: "node call: config.url: ReferenceError: nope is not defined", nodeId: "call" });
  });
});

describe("delay", () => {
  // start → d(delay 30) → after
  it("schedules a timer at now + seconds, waits, then passes its input on", () => {
    const sim = runWorkflow([trigger(), delay("d", 30), setNode("after", { done: true })], ["start -> d", "d -> after"], { input: { v: 1 } });
    expect(sim.steps[0]?.commands).toEqual([{ type: "schedule-timer", timerId: "d@1:delay", fireAt: "2025-01-01T00:00:30.000Z", purpose: "delay" }]);
    expect(sim.steps[0]?.state.status).toBe("waiting");
    expect(sim.timeline).toEqual(["start succeeded", "d waiting", "d succeeded", "after succeeded"]);
    expect(sim.state?.output).toEqual({ v: 1, done: true });
  });

  it("the fireAt is computed from the step's now", () => {
    const sim = runWorkflow([trigger(), delay("a", 10), delay("b", "{{ 0.5 }}")], ["start -> a", "a -> b"]);
    expect(sim.commandsOf("schedule-timer").map((c) => c.fireAt)).toEqual(["2025-01-01T00:00:10.000Z", "2025-01-01T00:00:10.500Z"]);
  });

  it("0 seconds succeeds at once without a timer", () => {
    const sim = runWorkflow([trigger(), delay("d", 0)], ["start -> d"]);
    expect(sim.commands).toEqual([]);
    expect(sim.timeline).toEqual(["start succeeded", "d succeeded"]);
  });

  it("a negative or non-numeric expression fails the node", () => {
    const sim = runWorkflow([trigger(), delay("d", "{{ -1 }}")], ["start -> d"]);
    expect(sim.state?.error?.message).toBe("node d: config.seconds: expected a number of seconds ≥ 0, got -1");
  });
});

describe("wait", () => {
  // start → w(wait until) → after
  it("schedules a timer at `until`", () => {
    const sim = runWorkflow([trigger(), node("w", "wait", { until: "2025-01-02T09:00:00+01:00" }), setNode("after", {})], ["start -> w", "w -> after"]);
    expect(sim.steps[0]?.commands).toEqual([{ type: "schedule-timer", timerId: "w@1:delay", fireAt: "2025-01-02T08:00:00.000Z", purpose: "delay" }]);
    expect(sim.status).toBe("succeeded");
  });

  it("a time in the past succeeds at once", () => {
    const sim = runWorkflow([trigger(), node("w", "wait", { until: "2024-06-01T00:00:00Z" })], ["start -> w"], { input: { v: 1 } });
    expect(sim.commands).toEqual([]);
    expect(sim.state?.output).toEqual({ v: 1 });
  });

  it("until may come from an expression; an invalid one fails", () => {
    const ok = runWorkflow([trigger(), node("w", "wait", { until: "{{ input.at }}" })], ["start -> w"], { input: { at: "2025-01-01T00:01:00Z" } });
    expect(ok.commandsOf("schedule-timer")[0]?.fireAt).toBe("2025-01-01T00:01:00.000Z");
    const bad = runWorkflow([trigger(), node("w", "wait", { until: "{{ input.at }}" })], ["start -> w"], { input: { at: "soon" } });
    expect(bad.state?.error?.message).toBe('node w: config.until: expected an ISO date-time, got "soon"');
  });

  it("a wait that is reached later measures from that step's now", () => {
    const workflow = buildWorkflow([trigger(), delay("d", 120), node("w", "wait", { until: "2025-01-01T00:01:00Z" })], ["start -> d", "d -> w"]);
    const sim = new Simulation(workflow);
    sim.start({});
    sim.runToEnd();
    // The delay ends at 00:02:00, after `until`: the wait succeeds at once.
    expect(sim.commandsOf("schedule-timer").map((c) => c.timerId)).toEqual(["d@1:delay"]);
    expect(sim.status).toBe("succeeded");
  });
});
