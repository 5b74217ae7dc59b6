import { describe, expect, it } from "vitest";
import type { Sandbox } from "../ports";
import { code, runWorkflow, setNode, trigger } from "./test-harness";

/** A (deterministic) sandbox whose code prints one line naming the body; bodies starting with "fail" throw. */
function loggingSandbox(): Sandbox {
  return {
    evaluateExpression: () => ({ ok: true, value: null }),
    runCode: (body) => {
      const logs = [{ level: "log" as const, message: `ran ${body}` }];
      return body.startsWith("fail") ? { ok: false, error: { type: "NodeError", message: "boom" }, logs } : { ok: true, value: { body }, logs };
    },
  };
}

describe("code node logs on run updates", () => {
  it("go on the terminal update of the attempt that printed them", () => {
    const sim = runWorkflow([trigger(), code("work", "x"), setNode("after", { done: true })], ["start -> work", "work -> after"], {
      sandbox: loggingSandbox(),
    });
    expect(sim.status).toBe("succeeded");
    expect(sim.lastUpdate("work")).toMatchObject({ status: "succeeded", logs: [{ level: "log", message: "ran x" }] });
    expect(sim.lastUpdate("after")?.logs).toBeUndefined();
    expect(sim.lastUpdate("start")?.logs).toBeUndefined();
  });

  it("are kept when the code fails (code errors are not retried)", () => {
    const sim = runWorkflow([trigger(), code("work", "fail y", { retry: { maxAttempts: 2, delayMs: 10 } })], ["start -> work"], {
      sandbox: loggingSandbox(),
    });
    expect(sim.status).toBe("failed");
    const work = sim.updates.filter((u) => u.runKey === "work");
    expect(work.map((u) => [u.attempt, u.status, u.logs])).toEqual([[1, "failed", [{ level: "log", message: "ran fail y" }]]]);
  });

  it("go on the succeeded update when onError is continue", () => {
    const sim = runWorkflow([trigger(), code("work", "fail z", { onError: "continue" })], ["start -> work"], { sandbox: loggingSandbox() });
    expect(sim.lastUpdate("work")).toMatchObject({ status: "succeeded", logs: [{ level: "log", message: "ran fail z" }] });
  });
});
