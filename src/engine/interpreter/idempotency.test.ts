import { describe, expect, it } from "vitest";
import type { ExecutionState, StepContext } from "../execution-types";
import { applyEvent, startExecution } from "./index";
import { buildWorkflow, delay, fakeSandbox, http, node, setNode, Simulation, T0, trigger } from "./test-harness";

const ctx = (now = T0): StepContext => ({ executionId: "exec-1", startedAt: T0, mode: "normal", now });
const ports = { sandbox: fakeSandbox };

// start → call(http, retry 2) → after
const workflow = buildWorkflow([trigger(), http("call", {}, { retry: { maxAttempts: 2, delayMs: 1000 } }), setNode("after", { x: 1 })], ["start -> call", "call -> after"]);
const started = () => startExecution(workflow, { v: 1 }, ctx(), ports);

describe("stale and duplicate events are no-ops", () => {
  it("a second effect-succeeded for the same run key and attempt changes nothing", () => {
    const first = applyEvent(workflow, started().state, { type: "effect-succeeded", runKey: "call", attempt: 1, output: { a: 1 } }, ctx(), ports);
    expect(first.state.status).toBe("succeeded");
    expect(first.state.output).toEqual({ a: 1, x: 1 });
    const second = applyEvent(workflow, first.state, { type: "effect-succeeded", runKey: "call", attempt: 1, output: { b: 2 } }, ctx(), ports);
    expect(second).toEqual({ state: first.state, commands: [], runUpdates: [] });
    expect(second.state).toBe(first.state);
  });

  it("a duplicate while the execution is still running changes nothing either", () => {
    const wf = buildWorkflow([trigger(), http("a"), delay("d", 10)], ["start -> a", "a -> d"]);
    const s0 = startExecution(wf, {}, ctx(), ports);
    const s1 = applyEvent(wf, s0.state, { type: "effect-succeeded", runKey: "a", attempt: 1, output: 1 }, ctx(), ports);
    expect(s1.state.status).toBe("waiting");
    const dup = applyEvent(wf, s1.state, { type: "effect-succeeded", runKey: "a", attempt: 1, output: 1 }, ctx(), ports);
    expect(dup.state).toBe(s1.state);
    expect(dup.commands).toEqual([]);
  });

  it("a result for an attempt that is no longer current is ignored", () => {
    const failed = applyEvent(workflow, started().state, { type: "effect-failed", runKey: "call", attempt: 1, error: { type: "NodeError", message: "503" } }, ctx(), ports);
    const retried = applyEvent(workflow, failed.state, { type: "timer-fired", timerId: "call@2:retry" }, ctx("2025-01-01T00:00:01.000Z"), ports);
    expect(retried.commands).toEqual([expect.objectContaining({ type: "run-effect", attempt: 2 })]);
    const late = applyEvent(workflow, retried.state, { type: "effect-succeeded", runKey: "call", attempt: 1, output: "late" }, ctx(), ports);
    expect(late.state).toBe(retried.state);
    expect(late.runUpdates).toEqual([]);
  });

  it("a result that arrives while the node waits for its retry timer is ignored", () => {
    const failed = applyEvent(workflow, started().state, { type: "effect-failed", runKey: "call", attempt: 1, error: { type: "NodeError", message: "503" } }, ctx(), ports);
    const dup = applyEvent(workflow, failed.state, { type: "effect-failed", runKey: "call", attempt: 1, error: { type: "NodeError", message: "503" } }, ctx(), ports);
    expect(dup.state).toBe(failed.state);
  });

  it("a timer that already fired, or was never scheduled, is ignored", () => {
    const wf = buildWorkflow([trigger(), delay("d", 5), delay("e", 5)], ["start -> d", "d -> e"]);
    const s0 = startExecution(wf, {}, ctx(), ports);
    const s1 = applyEvent(wf, s0.state, { type: "timer-fired", timerId: "d@1:delay" }, ctx(), ports);
    expect(s1.commands).toEqual([expect.objectContaining({ timerId: "e@1:delay" })]);
    expect(applyEvent(wf, s1.state, { type: "timer-fired", timerId: "d@1:delay" }, ctx(), ports).state).toBe(s1.state);
    expect(applyEvent(wf, s1.state, { type: "timer-fired", timerId: "zzz" }, ctx(), ports).state).toBe(s1.state);
  });

  it("events for unknown run keys, wrong kinds of wait, or a second start are ignored", () => {
    const s0 = started();
    const events = [
      { type: "effect-succeeded", runKey: "nope", attempt: 1, output: 1 },
      { type: "effect-succeeded", runKey: "after", attempt: 1, output: 1 },
      { type: "approval-decided", runKey: "call", decision: { decision: "approved", at: T0 } },
      { type: "child-finished", runKey: "call", status: "succeeded", output: 1, error: null },
      { type: "started", input: {} },
    ] as const;
    for (const event of events) expect(applyEvent(workflow, s0.state, event, ctx(), ports).state).toBe(s0.state);
  });

  it("a second approval decision is ignored", () => {
    const wf = buildWorkflow([trigger(), node("ask", "approval", { title: "t", onTimeout: "reject" })], ["start -> ask"]);
    const s0 = startExecution(wf, {}, ctx(), ports);
    const s1 = applyEvent(wf, s0.state, { type: "approval-decided", runKey: "ask", decision: { decision: "approved", at: T0 } }, ctx(), ports);
    const s2 = applyEvent(wf, s1.state, { type: "approval-decided", runKey: "ask", decision: { decision: "rejected", at: T0 } }, ctx(), ports);
    expect(s1.state.output).toMatchObject({ decision: "approved" });
    expect(s2.state).toBe(s1.state);
  });

  it("events for instances of a finished loop iteration are ignored", () => {
    const wf = buildWorkflow([trigger(), node("each", "loop", { mode: "for", items: [1, 2] }), http("call")], ["start -> each", "each.body -> call"]);
    const s0 = startExecution(wf, {}, ctx(), ports);
    const s1 = applyEvent(wf, s0.state, { type: "effect-succeeded", runKey: "each#0/call", attempt: 1, output: 1 }, ctx(), ports);
    expect(s1.commands).toEqual([expect.objectContaining({ runKey: "each#1/call" })]);
    const dup = applyEvent(wf, s1.state, { type: "effect-succeeded", runKey: "each#0/call", attempt: 1, output: 1 }, ctx(), ports);
    expect(dup.state).toBe(s1.state);
  });
});

describe("purity", () => {
  it("never mutates the input state (deep-frozen input does not throw)", () => {
    const s0 = started();
    const frozen = structuredClone(s0.state);
    const snapshot = JSON.stringify(frozen);
    const deepFreeze = (value: unknown): void => {
      if (typeof value === "object" && value !== null) {
        Object.freeze(value);
        Object.values(value).forEach(deepFreeze);
      }
    };
    deepFreeze(frozen);
    const next = applyEvent(workflow, frozen, { type: "effect-succeeded", runKey: "call", attempt: 1, output: 1 }, ctx(), ports);
    expect(JSON.stringify(frozen)).toBe(snapshot);
    expect(next.state).not.toBe(frozen);
  });

  it("is deterministic: the same inputs give the same result", () => {
    const a = started();
    const b = started();
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it("the state is plain JSON and survives a round trip unchanged", () => {
    const s0 = started();
    const roundTripped = JSON.parse(JSON.stringify(s0.state)) as ExecutionState;
    expect(roundTripped).toEqual(s0.state);
    const viaCopy = applyEvent(workflow, roundTripped, { type: "effect-succeeded", runKey: "call", attempt: 1, output: 1 }, ctx(), ports);
    const viaOriginal = applyEvent(workflow, s0.state, { type: "effect-succeeded", runKey: "call", attempt: 1, output: 1 }, ctx(), ports);
    expect(JSON.stringify(viaCopy)).toBe(JSON.stringify(viaOriginal));
  });

  it("does not read the clock: `now` comes from the context", () => {
    const wf = buildWorkflow([trigger(), delay("d", 1)], ["start -> d"]);
    const result = startExecution(wf, {}, ctx("2030-06-01T12:00:00.000Z"), ports);
    expect(result.commands).toEqual([{ type: "schedule-timer", timerId: "d@1:delay", fireAt: "2030-06-01T12:00:01.000Z", purpose: "delay" }]);
  });

  it("the simulation round-trips the state through JSON between every step", () => {
    const sim = new Simulation(buildWorkflow([trigger(), delay("d", 1), http("h")], ["start -> d", "d -> h"]));
    sim.start({ a: 1 });
    sim.runToEnd();
    expect(sim.steps).toHaveLength(3);
    for (const step of sim.steps) expect(JSON.parse(JSON.stringify(step.state))).toEqual(step.state);
  });
});
