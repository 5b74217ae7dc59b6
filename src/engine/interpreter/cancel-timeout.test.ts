import { describe, expect, it } from "vitest";
import { buildWorkflow, delay, http, node, runWorkflow, setNode, Simulation, trigger } from "./test-harness";

//         ┌→ call(http, hangs)
//         ├→ pause(delay 600)
// start ──┼→ sub(subworkflow, never finishes)
//         ├→ ask(approval)
//         └→ each(for [1,2]) ─body→ inner(http, hangs)
const busyNodes = [
  trigger(),
  http("call"),
  delay("pause", 600),
  node("sub", "subworkflow", { workflowId: "wf-child" }),
  node("ask", "approval", { title: "ok?", onTimeout: "reject" }),
  node("each", "loop", { mode: "for", items: [1, 2] }),
  http("inner"),
  setNode("after", {}),
];
const busyEdges = ["start -> call", "start -> pause", "start -> sub", "start -> ask", "start -> each", "each.body -> inner", "call -> after"];

describe("cancel-requested", () => {
  const cancelled = () =>
    runWorkflow(busyNodes, busyEdges, { http: () => "hang", child: () => "never", events: [{ atMs: 100, event: { type: "cancel-requested" } }] });

  it("ends the execution cancelled with a Cancelled error", () => {
    const sim = cancelled();
    expect(sim.status).toBe("cancelled");
    expect(sim.state?.error).toEqual({ type: "Cancelled", message: "execution was cancelled" });
  });

  it("aborts running effects and cancels waiting children", () => {
    const step = cancelled().steps[1];
    expect(step?.event).toEqual({ type: "cancel-requested" });
    expect(step?.commands).toEqual([
      { type: "abort-effect", runKey: "call" },
      { type: "cancel-child", runKey: "sub" },
      { type: "close-approval", runKey: "ask", reason: "cancelled" },
      { type: "abort-effect", runKey: "each#0/inner" },
    ]);
  });

  it("ends every in-flight instance cancelled, loop bodies included", () => {
    const step = cancelled().steps[1];
    expect(step?.runUpdates.map((u) => `${u.runKey} ${u.status}`)).toEqual([
      "call cancelled",
      "pause cancelled",
      "sub cancelled",
      "ask cancelled",
      "each#0/inner cancelled",
      "each cancelled",
    ]);
    expect(step?.runUpdates[0]?.error).toEqual({ type: "Cancelled", message: "execution was cancelled" });
  });

  it("later events (the delay's timer) are no-ops", () => {
    const sim = cancelled();
    expect(sim.steps).toHaveLength(3);
    expect(sim.steps[2]?.event).toEqual({ type: "timer-fired", timerId: "pause@1:delay" });
    expect(sim.steps[2]?.state).toEqual(sim.steps[1]?.state);
    expect(sim.steps[2]?.runUpdates).toEqual([]);
  });

  it("a second cancel is a no-op", () => {
    const sim = new Simulation(buildWorkflow([trigger(), delay("d", 10)], ["start -> d"]));
    sim.start();
    sim.apply({ type: "cancel-requested" });
    const again = sim.apply({ type: "cancel-requested" });
    expect(again.commands).toEqual([]);
    expect(again.runUpdates).toEqual([]);
  });
});

describe("execution-timed-out", () => {
  const timedOut = () =>
    runWorkflow(busyNodes, busyEdges, {
      http: () => "hang",
      child: () => "never",
      settings: { timeoutSeconds: 60 },
      events: [{ atMs: 60_000, event: { type: "execution-timed-out" } }],
    });

  it("ends the execution timed_out with a Timeout error naming the limit", () => {
    const sim = timedOut();
    expect(sim.status).toBe("timed_out");
    expect(sim.state?.error).toEqual({ type: "Timeout", message: "execution exceeded its timeout of 60 s" });
  });

  it("aborts, cancels children and ends in-flight instances like a cancel", () => {
    const step = timedOut().steps[1];
    expect(step?.commands.map((c) => c.type)).toEqual(["abort-effect", "cancel-child", "close-approval", "abort-effect"]);
    expect(step?.runUpdates.every((u) => u.status === "cancelled")).toBe(true);
    expect(step?.runUpdates[0]?.error).toEqual({ type: "Cancelled", message: "execution exceeded its timeout of 60 s" });
  });

  it("is ignored once the execution has finished", () => {
    const sim = runWorkflow([trigger(), delay("d", 1)], ["start -> d"], {
      settings: { timeoutSeconds: 60 },
      events: [{ atMs: 60_000, event: { type: "execution-timed-out" } }],
    });
    expect(sim.status).toBe("succeeded");
    expect(sim.steps.at(-1)?.event).toEqual({ type: "execution-timed-out" });
    expect(sim.steps.at(-1)?.runUpdates).toEqual([]);
  });
});

describe("execution status while in flight", () => {
  it("is running while an http effect runs, waiting while only timers/approvals/children wait", () => {
    const sim = new Simulation(buildWorkflow([trigger(), http("call"), delay("d", 5)], ["start -> call", "call -> d"]), { http: () => ({ output: 1, afterMs: 10 }) });
    sim.start();
    expect(sim.status).toBe("running");
    sim.deliverNext();
    expect(sim.status).toBe("waiting");
    sim.deliverNext();
    expect(sim.status).toBe("succeeded");
  });
});
