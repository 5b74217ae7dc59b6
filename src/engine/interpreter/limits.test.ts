import { describe, expect, it } from "vitest";
import type { SandboxLimits } from "../ports";
import { code, delay, fakeSandbox, http, runWorkflow, setNode, trigger } from "./test-harness";

describe("limit-exceeded (sent by the driver, e.g. too many node runs)", () => {
  // start ─┬→ call(http, hangs)
  //        └→ nap(delay 600)
  const stopped = () =>
    runWorkflow([trigger(), http("call"), delay("nap", 600)], ["start -> call", "start -> nap"], {
      http: () => "hang",
      events: [
        {
          atMs: 100,
          event: { type: "limit-exceeded", error: { type: "SandboxLimit", message: "execution exceeded 100000 node runs" } },
        },
      ],
    });

  it("fails the execution with the driver's error and cancels what runs", () => {
    const sim = stopped();
    expect(sim.status).toBe("failed");
    expect(sim.state?.error).toEqual({ type: "SandboxLimit", message: "execution exceeded 100000 node runs" });
    expect(sim.runs).toMatchObject({ "call@1": "cancelled", "nap@1": "cancelled" });
    expect(sim.commandsOf("abort-effect")).toEqual([{ type: "abort-effect", runKey: "call" }]);
  });
});

describe("settings.sandbox limits", () => {
  // start → calc(code) → label(set with an expression); both call functions, so neither takes the fast path
  // (fast-eval/) that answers simple expressions without the sandbox
  const seen: Array<SandboxLimits | undefined> = [];
  const recording = {
    evaluateExpression: (source: string, scope: never, limits?: SandboxLimits) => (seen.push(limits), fakeSandbox.evaluateExpression(source, scope, limits)),
    runCode: (body: string, scope: never, limits?: SandboxLimits) => (seen.push(limits), fakeSandbox.runCode(body, scope, limits)),
  };
  const run = (settings: Record<string, unknown> | undefined, codeFields: Record<string, unknown> = {}) => {
    seen.length = 0;
    return runWorkflow(
      [trigger(), code("calc", "return { n: Math.max(1, 2) }", codeFields), setNode("label", { text: "n={{ String(input.n) }}" })],
      ["start -> calc", "calc -> label"],
      { sandbox: recording, ...(settings ? { settings } : {}) },
    );
  };

  it("applies to every code node and expression", () => {
    expect(run({ sandbox: { timeoutMs: 250, memoryMb: 8 } }).status).toBe("succeeded");
    // (the harness applies every step twice to check determinism, so each call is seen twice)
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(seen.every((l) => l?.timeoutMs === 250 && l.memoryBytes === 8 * 1024 * 1024)).toBe(true);
  });

  it("a node's timeoutMs wins for its code", () => {
    run({ sandbox: { timeoutMs: 250 } }, { timeoutMs: 40 });
    expect(seen[0]).toEqual({ timeoutMs: 40 });
  });

  it("without settings the sandbox keeps its own defaults", () => {
    run(undefined);
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(seen.every((l) => l === undefined)).toBe(true);
  });
});
