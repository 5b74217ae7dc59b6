import { describe, expect, it } from "vitest";
import type { ApprovalDecision } from "../execution-types";
import { node, runWorkflow, setNode, trigger } from "./test-harness";

const child = (id: string, config: Record<string, unknown> = {}) => node(id, "subworkflow", { workflowId: "wf-child", ...config });

describe("subworkflow", () => {
  // start → sub(subworkflow) → after
  it("starts the child with this node's input and waits for its output", () => {
    const sim = runWorkflow([trigger(), child("sub"), setNode("after", { done: true })], ["start -> sub", "sub -> after"], {
      input: { order: 1 },
      child: (command) => ({ status: "succeeded", output: { total: 99, got: command.input }, afterMs: 500 }),
    });
    expect(sim.steps[0]?.commands).toEqual([
      { type: "start-child", runKey: "sub", nodeId: "sub", workflowId: "wf-child", input: { order: 1 }, waitForCompletion: true },
    ]);
    expect(sim.steps[0]?.state.status).toBe("waiting");
    expect(sim.timeline).toEqual(["start succeeded", "sub waiting", "sub succeeded", "after succeeded"]);
    expect(sim.state?.output).toEqual({ total: 99, got: { order: 1 }, done: true });
  });

  it("evaluates workflowId and input", () => {
    const sim = runWorkflow([trigger(), node("sub", "subworkflow", { workflowId: "{{ input.wf }}", input: { x: "{{ input.x }}" } })], ["start -> sub"], {
      input: { wf: "wf-9", x: 3 },
    });
    expect(sim.commandsOf("start-child")[0]).toMatchObject({ workflowId: "wf-9", input: { x: 3 } });
  });

  it("waitForCompletion false succeeds at once with { started: true }; the later child-finished is ignored", () => {
    const sim = runWorkflow([trigger(), child("sub", { waitForCompletion: false })], ["start -> sub"], {
      child: () => ({ status: "failed", error: { type: "NodeError", message: "child broke" }, afterMs: 100 }),
    });
    expect(sim.steps[0]?.commands).toEqual([
      { type: "start-child", runKey: "sub", nodeId: "sub", workflowId: "wf-child", input: {}, waitForCompletion: false },
    ]);
    expect(sim.steps[0]?.state.status).toBe("succeeded");
    expect(sim.state?.output).toEqual({ started: true });
    expect(sim.steps).toHaveLength(2);
    expect(sim.steps[1]?.runUpdates).toEqual([]);
  });

  it("a failed child fails this node with the child's message", () => {
    const sim = runWorkflow([trigger(), child("sub")], ["start -> sub"], {
      child: () => ({ status: "failed", error: { type: "NodeError", message: "card declined", nodeId: "charge" } }),
    });
    expect(sim.state?.error).toEqual({ type: "NodeError", message: "node sub: child workflow failed: card declined", nodeId: "sub" });
  });

  it("cancelled and timed-out children are errors too", () => {
    for (const status of ["cancelled", "timed_out"] as const) {
      const sim = runWorkflow([trigger(), child("sub")], ["start -> sub"], { child: () => ({ status, error: null }) });
      expect(sim.state?.error?.message).toBe(`node sub: child workflow ${status.replace("_", " ")}: no error message`);
    }
  });

  it("timeoutSeconds: a subworkflow-timeout timer, then cancel-child and a Timeout error", () => {
    const sim = runWorkflow([trigger(), child("sub", { timeoutSeconds: 60 })], ["start -> sub"], { child: () => "never" });
    expect(sim.steps[0]?.commands).toEqual([
      expect.objectContaining({ type: "start-child" }),
      { type: "schedule-timer", timerId: "sub@1:subworkflow-timeout", fireAt: "2025-01-01T00:01:00.000Z", purpose: "subworkflow-timeout" },
    ]);
    expect(sim.steps[1]?.commands).toEqual([{ type: "cancel-child", runKey: "sub" }]);
    expect(sim.state?.error).toEqual({ type: "Timeout", message: "node sub: child workflow did not finish within 60 s", nodeId: "sub" });
  });

  it("a child that finishes before the timeout makes the timer stale", () => {
    const sim = runWorkflow([trigger(), child("sub", { timeoutSeconds: 60 })], ["start -> sub"], {
      child: () => ({ status: "succeeded", output: 5, afterMs: 1000 }),
    });
    expect(sim.state?.output).toBe(5);
    expect(sim.steps.at(-1)?.event).toEqual({ type: "timer-fired", timerId: "sub@1:subworkflow-timeout" });
    expect(sim.steps.at(-1)?.runUpdates).toEqual([]);
  });
});

const decision = (d: "approved" | "rejected", extra: Partial<ApprovalDecision> = {}): ApprovalDecision => ({
  decision: d,
  at: "2025-01-01T01:00:00.000Z",
  ...extra,
});

// start → ask(approval) ─approved→ yes
//                     └─rejected→ no
const approvalFlow = (config: Record<string, unknown>, reply: Parameters<typeof runWorkflow>[2]) =>
  runWorkflow(
    [trigger(), node("ask", "approval", { title: "Approve {{ input.what }}", onTimeout: "reject", ...config }), setNode("yes", { went: "yes" }), setNode("no", { went: "no" })],
    ["start -> ask", "ask.approved -> yes", "ask.rejected -> no"],
    { input: { what: "order 7" }, ...reply },
  );

describe("approval", () => {
  it("creates an approval task and waits", () => {
    const sim = approvalFlow({ description: "big one", assignees: ["boss@example.com"], form: { type: "object" } }, {});
    expect(sim.steps[0]?.commands).toEqual([
      {
        type: "create-approval",
        runKey: "ask",
        nodeId: "ask",
        title: "Approve order 7",
        description: "big one",
        assignees: ["boss@example.com"],
        form: { type: "object" },
      },
    ]);
    expect(sim.status).toBe("waiting");
    expect(sim.lastUpdate("ask")?.status).toBe("waiting");
  });

  it("a role becomes a one-element assignee list; none gives []", () => {
    expect(approvalFlow({ assignees: "finance" }, {}).commandsOf("create-approval")[0]?.assignees).toEqual(["finance"]);
    expect(approvalFlow({}, {}).commandsOf("create-approval")[0]?.assignees).toEqual([]);
  });

  it("approved: output { decision, data, by, at, comment } on the approved handle", () => {
    const sim = approvalFlow({}, { approval: () => ({ decision: decision("approved", { by: "boss@example.com", data: { limit: 5 }, comment: "ok" }) }) });
    expect(sim.lastUpdate("ask")?.output).toEqual({ decision: "approved", data: { limit: 5 }, by: "boss@example.com", at: "2025-01-01T01:00:00.000Z", comment: "ok" });
    expect(sim.runs).toMatchObject({ "yes@1": "succeeded", "no@1": "skipped" });
  });

  it("rejected is not an error: the rejected handle, missing fields null", () => {
    const sim = approvalFlow({}, { approval: () => ({ decision: decision("rejected") }) });
    expect(sim.status).toBe("succeeded");
    expect(sim.lastUpdate("ask")?.output).toEqual({ decision: "rejected", data: null, by: null, at: "2025-01-01T01:00:00.000Z", comment: null });
    expect(sim.runs).toMatchObject({ "yes@1": "skipped", "no@1": "succeeded" });
  });

  it("schedules an approval-timeout timer with timeoutSeconds", () => {
    const sim = approvalFlow({ timeoutSeconds: 3600 }, {});
    expect(sim.steps[0]?.commands[1]).toEqual({
      type: "schedule-timer",
      timerId: "ask@1:approval-timeout",
      fireAt: "2025-01-01T01:00:00.000Z",
      purpose: "approval-timeout",
    });
  });

  it("timeout with onTimeout reject → rejected handle, comment 'timed out'", () => {
    const sim = approvalFlow({ timeoutSeconds: 60, onTimeout: "reject" }, {});
    expect(sim.steps.flatMap((s) => s.commands).filter((c) => c.type === "close-approval")).toEqual([
      { type: "close-approval", runKey: "ask", reason: "expired" },
    ]);
    expect(sim.lastUpdate("ask")?.output).toEqual({ decision: "rejected", data: null, by: null, at: "2025-01-01T00:01:00.000Z", comment: "timed out" });
    expect(sim.runs).toMatchObject({ "no@1": "succeeded", "yes@1": "skipped" });
  });

  it("timeout with onTimeout approve → approved handle", () => {
    const sim = approvalFlow({ timeoutSeconds: 60, onTimeout: "approve" }, {});
    expect(sim.lastUpdate("ask")?.output).toMatchObject({ decision: "approved", by: null, comment: "timed out" });
    expect(sim.runs).toMatchObject({ "yes@1": "succeeded", "no@1": "skipped" });
  });

  it("timeout with onTimeout fail → Timeout error", () => {
    const sim = approvalFlow({ timeoutSeconds: 60, onTimeout: "fail" }, {});
    expect(sim.state?.error).toEqual({ type: "Timeout", message: "node ask: approval timed out after 60 s", nodeId: "ask" });
  });

  it("a decision before the timeout wins and the timer becomes stale", () => {
    const sim = approvalFlow({ timeoutSeconds: 60, onTimeout: "fail" }, { approval: () => ({ decision: decision("approved"), afterMs: 1000 }) });
    expect(sim.status).toBe("succeeded");
    expect(sim.steps.at(-1)?.runUpdates).toEqual([]);
  });
});
