import { describe, expect, it } from "vitest";
import type { ApprovalDecision } from "../execution-types";
import { fail, node, runWorkflow, setNode, trigger } from "./test-harness";

/*
 * A succeeded NodeRunUpdate names the handles whose edges fired live
 * (`handles`), so a viewer shows the path taken instead of guessing it from
 * which targets ran (the guess is wrong when two handles lead to one node).
 */
const handlesOf = (sim: ReturnType<typeof runWorkflow>, runKey: string) => sim.updates.filter((u) => u.runKey === runKey && u.status === "succeeded").map((u) => u.handles);
const decided = (decision: "approved" | "rejected"): ApprovalDecision => ({ decision, at: "2025-01-01T01:00:00.000Z" });

describe("the handles a succeeded node fired", () => {
  //           ┌─true─┐
  // start → check     → x   (both handles into the same node)
  //           └─false┘
  it("an if names only the branch it took, even when both lead to the same node", () => {
    for (const [condition, handle] of [[true, "true"], [false, "false"]] as const) {
      const sim = runWorkflow(
        [trigger(), node("check", "if", { condition }), setNode("x", {})],
        ["start -> check", "check.true -> x", "check.false -> x"],
      );
      expect(handlesOf(sim, "check")).toEqual([[handle]]);
      expect(handlesOf(sim, "start")).toEqual([["out"]]);
      expect(handlesOf(sim, "x")).toEqual([["out"]]);
    }
  });

  //             ┌─small─→ s
  // start → route ─big──→ b
  //             └─default→ d
  it("a switch names the case it matched", () => {
    const sim = runWorkflow(
      [trigger(), node("route", "switch", { value: "{{ input.v }}", cases: [{ handle: "small", equals: "S" }, { handle: "big", equals: "L" }] }), setNode("s", {}), setNode("b", {}), setNode("d", {})],
      ["start -> route", "route.small -> s", "route.big -> b", "route.default -> d"],
      { input: { v: "L" } },
    );
    expect(handlesOf(sim, "route")).toEqual([["big"]]);
  });

  // start → ask(approval) ─approved→ yes ; ask ─rejected→ no
  it("an approval names its decision", () => {
    const sim = runWorkflow(
      [trigger(), node("ask", "approval", { title: "ok?", onTimeout: "reject" }), setNode("yes", {}), setNode("no", {})],
      ["start -> ask", "ask.approved -> yes", "ask.rejected -> no"],
      { approval: () => ({ decision: decided("rejected") }) },
    );
    expect(handlesOf(sim, "ask")).toEqual([["rejected"]]);
  });

  // start → t(try) ─try→ boom(fail) ; t ─catch→ handle ; t ─finally→ fin ; t ─out→ after
  it("a try names the regions it opened, then out", () => {
    const nodes = [trigger(), node("t", "try", {}), setNode("handle", {}), setNode("fin", {}), setNode("after", {})];
    const edges = ["start -> t", "t.catch -> handle", "t.finally -> fin", "t.out -> after"];
    const failing = runWorkflow([...nodes, fail("boom", "it broke")], [...edges, "t.try -> boom"]);
    expect(handlesOf(failing, "t")).toEqual([["try", "catch", "finally", "out"]]);
    const fine = runWorkflow([...nodes, setNode("work", {})], [...edges, "t.try -> work"]);
    expect(handlesOf(fine, "t")).toEqual([["try", "finally", "out"]]);
  });

  // start → each(loop for) ─body→ check(if) ─true→ big ; check ─false→ small ; each ─done→ after
  it("a loop names body only when an iteration ran, then done; body nodes name each iteration's branch", () => {
    const build = (items: number[]) =>
      runWorkflow(
        [trigger(), node("each", "loop", { mode: "for", items }), node("check", "if", { condition: "{{ input > 1 }}" }), setNode("big", {}, false), setNode("small", {}, false), setNode("after", {}, false)],
        ["start -> each", "each.body -> check", "check.true -> big", "check.false -> small", "each.done -> after"],
      );
    const ran = build([1, 2]);
    expect(handlesOf(ran, "each")).toEqual([["body", "done"]]);
    expect(handlesOf(ran, "each#0/check")).toEqual([["false"]]);
    expect(handlesOf(ran, "each#1/check")).toEqual([["true"]]);
    expect(handlesOf(build([]), "each")).toEqual([["done"]]);
  });

  // start → each(loop for) ─body→ stop(break)
  it("a node without outputs names none", () => {
    const sim = runWorkflow([trigger(), node("each", "loop", { mode: "for", items: [1] }), node("stop", "break", {})], ["start -> each", "each.body -> stop"]);
    expect(handlesOf(sim, "each#0/stop")).toEqual([[]]);
  });

  // start → check(if, condition throws, onError continue) ─true→ yes ; check ─false→ no
  it("onError continue names the handle it continued on", () => {
    const sim = runWorkflow(
      [trigger(), node("check", "if", { condition: "{{ missing.field }}" }, { onError: "continue" }), setNode("yes", {}, false), setNode("no", {}, false)],
      ["start -> check", "check.true -> yes", "check.false -> no"],
    );
    expect(sim.lastUpdate("check")?.output).toMatchObject({ error: { nodeId: "check" } });
    expect(handlesOf(sim, "check")).toEqual([["true"]]);
  });

  it("other updates carry no handles", () => {
    const sim = runWorkflow(
      [trigger(), node("check", "if", { condition: false }), setNode("yes", {}), fail("boom", "x")],
      ["start -> check", "check.true -> yes", "check.false -> boom"],
    );
    expect(sim.updates.filter((u) => u.status !== "succeeded").map((u) => [u.runKey, u.status, "handles" in u])).toEqual([
      ["yes", "skipped", false],
      ["boom", "failed", false],
    ]);
  });
});
