import { describe, expect, it } from "vitest";
import type { NodeSpec } from "../fixtures/test-documents";
import { delay, http, node, runWorkflow, setNode, trigger } from "./test-harness";

/** A small seeded generator (tests must be reproducible). */
function generator(seed: number) {
  let state = seed * 7919 + 17;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  return { next, pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T };
}

/**
 * Random acyclic graphs of set / if / join(all|any) / http / delay / loop / try nodes: every
 * node i picks 1–3 predecessors among the nodes before it (an if predecessor
 * uses its true or false handle). Whatever the shape, dead-path elimination,
 * joins and cancellation must leave nothing behind: the execution succeeds and
 * every node run ends in a terminal status.
 */
function randomWorkflow(seed: number) {
  const random = generator(seed);
  const nodes: NodeSpec[] = [trigger("n0")];
  const edges: string[] = [];
  const types: string[] = ["trigger"];
  const count = 4 + Math.floor(random.next() * 9);
  for (let i = 1; i < count; i++) {
    const id = `n${i}`;
    const type = random.pick(["set", "set", "if", "join-all", "join-any", "http", "delay", "loop", "try"]);
    types.push(type);
    if (type === "set") nodes.push(setNode(id, { [id]: true }, false));
    else if (type === "if") nodes.push(node(id, "if", { condition: random.next() < 0.5 }));
    else if (type === "join-all") nodes.push(node(id, "join", { mode: "all", aggregate: "array" }));
    else if (type === "join-any") nodes.push(node(id, "join", { mode: "any", aggregate: "first" }));
    else if (type === "http") nodes.push(http(id));
    else if (type === "delay") nodes.push(delay(id, 1 + Math.floor(random.next() * 3)));
    else if (type === "loop") {
      // a loop over two items whose body is one http call (regions are closed: nothing else connects)
      nodes.push(node(id, "loop", { mode: "for", items: [1, 2], concurrency: 1 + Math.floor(random.next() * 2) }), http(`${id}body`));
      edges.push(`${id}.body -> ${id}body`);
    } else {
      // a try whose try region fails after a delay and whose catch region recovers
      nodes.push(node(id, "try", {}), delay(`${id}wait`, 1), node(`${id}boom`, "fail", { message: "x" }), setNode(`${id}catch`, { caught: true }, false));
      edges.push(`${id}.try -> ${id}wait`, `${id}wait -> ${id}boom`, `${id}.catch -> ${id}catch`);
    }
    const predecessors = new Set<number>();
    const wanted = 1 + Math.floor(random.next() * Math.min(3, i));
    while (predecessors.size < wanted) predecessors.add(Math.floor(random.next() * i));
    for (const p of predecessors) {
      const handle = types[p] === "if" ? `.${random.pick(["true", "false"])}` : types[p] === "loop" ? ".done" : "";
      edges.push(`n${p}${handle} -> ${id}`);
    }
  }
  return { nodes, edges };
}

describe("random graphs", () => {
  it.each(Array.from({ length: 150 }, (_, seed) => seed))("seed %i settles with every node run terminal", (seed) => {
    const { nodes, edges } = randomWorkflow(seed);
    const random = generator(seed + 1000);
    const sim = runWorkflow(nodes, edges, { http: () => ({ output: { ok: true }, afterMs: Math.floor(random.next() * 5000) }) });
    expect(sim.status).toBe("succeeded");
    for (const [key, status] of Object.entries(sim.runs)) {
      // the fail nodes inside try regions are the only failures, and they are caught
      const expected = key.includes("boom") ? /^(failed|cancelled)$/ : /^(succeeded|skipped|cancelled)$/;
      expect([key, status]).toEqual([key, expect.stringMatching(expected)]);
    }
    const engine = (sim.state as unknown as { engine: { timers: object; frames: Record<string, unknown> } }).engine;
    expect(engine.timers).toEqual({});
    expect(Object.keys(engine.frames)).toEqual([""]);
  });
});
