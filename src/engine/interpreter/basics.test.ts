import { describe, expect, it } from "vitest";
import type { Json } from "../execution-types";
import { code, EXECUTION_ID, node, output, runWorkflow, setNode, T0, trigger } from "./test-harness";

describe("start and result", () => {
  // start
  it("a lone trigger succeeds with the execution input as output and result", () => {
    const sim = runWorkflow([trigger()], [], { input: { a: 1 } });
    expect(sim.status).toBe("succeeded");
    expect(sim.state?.output).toEqual({ a: 1 });
    expect(sim.updates).toEqual([
      { runKey: "start", nodeId: "start", nodeType: "trigger.manual", attempt: 1, status: "succeeded", input: { a: 1 }, output: { a: 1 }, handles: ["out"] },
    ]);
  });

  // hook(trigger.webhook) → a(set)
  it("webhook and schedule triggers pass the input through", () => {
    for (const trig of [node("hook", "trigger.webhook", {}), node("hook", "trigger.schedule", { cron: "0 9 * * *" })]) {
      const sim = runWorkflow([trig, setNode("a", { seen: "{{ input.body.x }}" })], ["hook -> a"], {
        input: { body: { x: 7 }, headers: {}, query: {} },
      });
      expect(sim.state?.output).toEqual({ body: { x: 7 }, headers: {}, query: {}, seen: 7 });
    }
  });

  // start → a → b → c : a chain of pure nodes finishes inside startExecution
  it("a chain of pure nodes completes in the first step with no commands", () => {
    const sim = runWorkflow(
      [trigger(), setNode("a", { n: 1 }), setNode("b", { n: "{{ input.n + 1 }}" }), setNode("c", { n: "{{ input.n * 10 }}" })],
      ["start -> a", "a -> b", "b -> c"],
    );
    expect(sim.steps).toHaveLength(1);
    expect(sim.commands).toEqual([]);
    expect(sim.state?.output).toEqual({ n: 20 });
    expect(sim.timeline).toEqual(["start succeeded", "a succeeded", "b succeeded", "c succeeded"]);
  });

  // start → out(output) → after(set)
  it("the result is the output node's value even when nodes complete after it", () => {
    const sim = runWorkflow([trigger(), output("out", { total: 42 }), setNode("after", { x: 1 })], ["start -> out", "out -> after"]);
    expect(sim.state?.output).toEqual({ total: 42 });
    expect(sim.lastUpdate("after")?.output).toEqual({ total: 42, x: 1 });
  });

  // start → o1(output) → o2(output)
  it("the last output node to run wins", () => {
    const sim = runWorkflow([trigger(), output("o1", 1), output("o2", 2)], ["start -> o1", "o1 -> o2"]);
    expect(sim.state?.output).toBe(2);
  });

  // start ─→ a ;  start ─→ b   (no output node: the last node to complete)
  it("without an output node the result is the last completed node's output", () => {
    const sim = runWorkflow([trigger(), setNode("a", { v: "a" }, false), setNode("b", { v: "b" }, false)], ["start -> a", "start -> b"]);
    expect(sim.timeline).toEqual(["start succeeded", "a succeeded", "b succeeded"]);
    expect(sim.state?.output).toEqual({ v: "b" });
  });

  it("the state says succeeded with no error and no leftover timers", () => {
    const sim = runWorkflow([trigger(), setNode("a", { x: 1 })], ["start -> a"]);
    expect(sim.state?.error).toBeUndefined();
    expect((sim.state as unknown as { engine: { timers: object } }).engine.timers).toEqual({});
  });
});

describe("set", () => {
  // start → s(set)
  it("merges evaluated values into the input", () => {
    const sim = runWorkflow([trigger(), setNode("s", { b: 2, c: "{{ input.a * 3 }}" })], ["start -> s"], { input: { a: 1, b: 1 } });
    expect(sim.state?.output).toEqual({ a: 1, b: 2, c: 3 });
  });

  it("keepInput false outputs only the values", () => {
    const sim = runWorkflow([trigger(), setNode("s", { c: "{{ input.a }}" }, false)], ["start -> s"], { input: { a: 1 } });
    expect(sim.state?.output).toEqual({ c: 1 });
  });

  it("merging into a non-object input is a NodeError naming the node", () => {
    const sim = runWorkflow([trigger(), setNode("s", { c: 1 })], ["start -> s"], { input: [1, 2] });
    expect(sim.status).toBe("failed");
    expect(sim.state?.error).toEqual({
      type: "NodeError",
      message: "node s: input must be an object to merge values into, got a list (set keepInput to false to output only the values)",
      nodeId: "s",
    });
  });

  it("resolves nested objects and arrays recursively", () => {
    const sim = runWorkflow([trigger(), setNode("s", { deep: { list: ["{{ input.a }}", "x{{ input.a }}", 3] } }, false)], ["start -> s"], {
      input: { a: 5 },
    });
    expect(sim.state?.output).toEqual({ deep: { list: [5, "x5", 3] } });
  });
});

describe("code", () => {
  // start → c(code)
  it("returns the body's return value, with the scope as globals", () => {
    const sim = runWorkflow([trigger(), code("c", "return { sum: input.a + input.b, id: execution.id, t: trigger.a };")], ["start -> c"], {
      input: { a: 2, b: 3 },
    });
    expect(sim.state?.output).toEqual({ sum: 5, id: EXECUTION_ID, t: 2 });
  });

  it("a body without return outputs null", () => {
    const sim = runWorkflow([trigger(), code("c", "const x = 1;")], ["start -> c"]);
    expect(sim.state?.output).toBeNull();
  });

  it("a thrown error fails the node with the message, not retryable", () => {
    const sim = runWorkflow([trigger(), code("c", "throw new Error('boom')", { retry: { maxAttempts: 3 } })], ["start -> c"]);
    expect(sim.state?.error).toEqual({ type: "NodeError", message: "node c: Error: boom", nodeId: "c" });
    expect(sim.timeline).toEqual(["start succeeded", "c failed"]);
    expect(sim.commandsOf("schedule-timer")).toEqual([]);
  });

  it("passes node.timeoutMs to the sandbox and keeps its Timeout type", () => {
    const seen: unknown[] = [];
    const sim = runWorkflow([trigger(), code("c", "while (true) {}", { timeoutMs: 250 })], ["start -> c"], {
      sandbox: {
        evaluateExpression: () => ({ ok: true, value: null }),
        runCode: (_body, _scope, limits) => {
          seen.push(limits);
          return { ok: false, error: { type: "Timeout", message: "timed out after 250 ms" } };
        },
      },
    });
    // The harness runs each step twice (determinism check), so the sandbox sees two calls.
    expect(seen).toEqual([{ timeoutMs: 250 }, { timeoutMs: 250 }]);
    expect(sim.state?.error).toEqual({ type: "Timeout", message: "node c: timed out after 250 ms", nodeId: "c" });
  });
});

describe("expressions", () => {
  const evalSet = (values: Record<string, string>, input: Json = {}) =>
    runWorkflow([trigger(), setNode("s", values, false)], ["start -> s"], { input }).state?.output;

  it("a whole expression keeps the JSON type", () => {
    expect(evalSet({ n: "{{ 1 + 1 }}", o: "{{ ({ a: [1] }) }}", b: "{{ false }}", z: "{{ null }}" })).toEqual({
      n: 2,
      o: { a: [1] },
      b: false,
      z: null,
    });
  });

  it("text with expressions interpolates: objects as JSON, null and undefined as empty", () => {
    expect(evalSet({ s: "n={{ 2 }} o={{ ({a:1}) }} l={{ [1,2] }} z={{ null }} u={{ undefined }} t={{ 'x' }}" })).toEqual({
      s: 'n=2 o={"a":1} l=[1,2] z= u= t=x',
    });
  });

  it("a string with spaces around the braces is interpolated, not whole", () => {
    expect(evalSet({ s: " {{ 1 }}" })).toEqual({ s: " 1" });
  });

  it("sees trigger, nodes, execution; loop and error are null outside loops and catch", () => {
    const sim = runWorkflow(
      [
        trigger(),
        setNode("a", { x: 1 }, false),
        setNode("b", { t: "{{ trigger.k }}", a: "{{ nodes.a.x }}", e: "{{ execution }}", l: "{{ loop }}", err: "{{ error }}" }, false),
      ],
      ["start -> a", "a -> b"],
      { input: { k: "v" }, mode: "test" },
    );
    expect(sim.state?.output).toEqual({ t: "v", a: 1, e: { id: EXECUTION_ID, startedAt: T0, mode: "test" }, l: null, err: null });
  });

  it("an expression error names the node and the field", () => {
    const sim = runWorkflow([trigger(), setNode("s", { total: "{{ foo.bar }}" })], ["start -> s"]);
    expect(sim.state?.error).toEqual({
      type: "NodeError",
      message: "node s: config.values.total: ReferenceError: foo is not defined",
      nodeId: "s",
    });
  });

  it("a sandbox SandboxLimit error keeps its type", () => {
    const sim = runWorkflow([trigger(), setNode("s", { x: "{{ big() }}" })], ["start -> s"], {
      sandbox: {
        evaluateExpression: () => ({ ok: false, error: { type: "SandboxLimit", message: "memory limit exceeded" } }),
        runCode: () => ({ ok: true, value: null }),
      },
    });
    expect(sim.state?.error).toEqual({ type: "SandboxLimit", message: "node s: config.values.x: memory limit exceeded", nodeId: "s" });
  });

  it("an expression receives only the scope entries it names (big inputs are not copied needlessly)", () => {
    const seen: string[][] = [];
    runWorkflow([trigger(), setNode("s", { a: "{{ Math.abs(input.a) }}", b: "{{ String(nodes.start.a + trigger.a) }}" }, false)], ["start -> s"], {
      input: { a: 1 },
      sandbox: {
        evaluateExpression: (_source, scope) => {
          seen.push(Object.keys(scope));
          return { ok: true, value: 1 };
        },
        runCode: () => ({ ok: true, value: null }),
      },
    });
    expect(seen.slice(0, 2)).toEqual([["input"], ["trigger", "nodes"]]);
  });

  it("strings without expressions are not sent to the sandbox", () => {
    let calls = 0;
    const sim = runWorkflow([trigger(), setNode("s", { x: "plain {text}", y: "{{ }}" }, false)], ["start -> s"], {
      sandbox: {
        evaluateExpression: () => {
          calls++;
          return { ok: true, value: null };
        },
        runCode: () => ({ ok: true, value: null }),
      },
    });
    expect(calls).toBe(0);
    expect(sim.state?.output).toEqual({ x: "plain {text}", y: "{{ }}" });
  });
});
