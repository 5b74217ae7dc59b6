import { describe, expect, it } from "vitest";
import { doc, runToEnd, waitFor } from "../../../test/engine-harness";
import { jobsRunning, nodeRuns, runStatuses, useEngineTestBed } from "../../../test/construct-harness";

/**
 * Joins (any, n_of_m) and dead-path elimination, through a real worker on a
 * real Postgres. The losing branches of a join are cancelled: a pending timer
 * simply never matters, an in-flight HTTP call is aborted (the server sees the
 * client hang up) and the execution does not wait for it.
 */
const bed = useEngineTestBed();

const cancelledBy = (join: string) => ({ type: "Cancelled", message: `join ${join} fired without this branch` });

describe("join any / n_of_m through the worker", () => {
  it("any: fires on the first arrival; a 30 s delay and a 5 s HTTP call are cancelled and the call is aborted", async () => {
    // start ─┬→ quick(http /echo/400) → tagQ(set) ─┐
    //        ├→ nap(delay 30 s) ───────────────────┼→ first(join any, first) → result(output)
    //        └→ slow(http /slow/5000) ─────────────┘
    const started = Date.now();
    const report = await runToEnd(bed.db.pool, {
      document: doc(
        [
          { id: "start", type: "trigger.manual" },
          { id: "quick", type: "http.request", config: { method: "GET", url: `${bed.server.url}/echo/400` } },
          { id: "tagQ", type: "set", config: { values: { winner: "quick", status: "{{ input.status }}" }, keepInput: false } },
          { id: "nap", type: "delay", config: { seconds: 30 } },
          { id: "slow", type: "http.request", config: { method: "GET", url: `${bed.server.url}/slow/5000` } },
          { id: "first", type: "join", config: { mode: "any", aggregate: "first" } },
          { id: "result", type: "output", config: { value: "{{ input }}" } },
        ],
        ["start->quick", "quick->tagQ", "tagQ->first", "start->nap", "nap->first", "start->slow", "slow->first", "first->result"],
      ),
    });
    const elapsed = Date.now() - started;
    expect(report).toMatchObject({ status: "succeeded", output: { winner: "quick", status: 200 }, error: null });
    expect(elapsed).toBeLessThan(3000); // did not wait for the 5 s call, let alone the 30 s delay
    expect(await runStatuses(bed.db.pool, report.executionId)).toEqual({
      start: "succeeded",
      quick: "succeeded",
      nap: "cancelled",
      slow: "cancelled",
      tagQ: "succeeded",
      first: "succeeded",
      result: "succeeded",
    });
    const runs = await nodeRuns(bed.db.pool, report.executionId);
    expect(runs.find((r) => r.nodeId === "nap")?.error).toEqual(cancelledBy("first"));
    expect(runs.find((r) => r.nodeId === "slow")?.error).toEqual(cancelledBy("first"));
    // The slow call reached the server and the worker hung up on it long before its 5 s answer.
    const slowHit = await waitFor(async () => bed.server.hits.find((h) => h.key === `${report.executionId}:slow` && h.end !== undefined));
    expect(slowHit.aborted).toBe(true);
    expect(slowHit.end! - slowHit.start).toBeLessThan(3000);
    // …and no effect job of this execution is still holding a worker slot.
    await waitFor(async () => ((await jobsRunning(bed.db.pool, report.executionId)) === 0 ? true : undefined), 2000);
  });

  it("n_of_m: fires on the n-th arrival with the arrivals in completion order; the others are cancelled", async () => {
    // start ─┬→ a(set) ──────────────────────────┐
    //        ├→ b(http /echo/300) → tagB(set) ───┤
    //        ├→ c(delay 30 s) ───────────────────┼→ two(join n_of_m n=2, array) → result(output)
    //        └→ d(http /slow/5000) ──────────────┘
    const started = Date.now();
    const report = await runToEnd(bed.db.pool, {
      document: doc(
        [
          { id: "start", type: "trigger.manual" },
          { id: "a", type: "set", config: { values: { tag: "a" }, keepInput: false } },
          { id: "b", type: "http.request", config: { method: "POST", url: `${bed.server.url}/echo/300`, body: { from: "b" } } },
          { id: "tagB", type: "set", config: { values: { tag: "{{ input.body.body.from }}" }, keepInput: false } },
          { id: "c", type: "delay", config: { seconds: 30 } },
          { id: "d", type: "http.request", config: { method: "GET", url: `${bed.server.url}/slow/5000` } },
          { id: "two", type: "join", config: { mode: "n_of_m", n: 2, aggregate: "array" } },
          { id: "result", type: "output", config: { value: "{{ input }}" } },
        ],
        ["start->a", "start->b", "b->tagB", "start->c", "start->d", "a->two", "tagB->two", "c->two", "d->two", "two->result"],
      ),
    });
    expect(report).toMatchObject({ status: "succeeded", output: [{ tag: "a" }, { tag: "b" }] });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(await runStatuses(bed.db.pool, report.executionId)).toEqual({
      start: "succeeded",
      a: "succeeded",
      b: "succeeded",
      c: "cancelled",
      d: "cancelled",
      tagB: "succeeded",
      two: "succeeded",
      result: "succeeded",
    });
    const dHit = await waitFor(async () => bed.server.hits.find((h) => h.key === `${report.executionId}:d` && h.end !== undefined));
    expect(dHit.aborted).toBe(true);
  });
});

describe("dead-path elimination: a fan-in after if/switch waits only for live predecessors", () => {
  const ifDoc = doc(
    // start ─┬→ check(if amount > 100) ─true→ big(set) ──┐
    //        │                          └false→ small(set)┼→ merged(output {{ input }})
    //        └→ audit(set) ──────────────────────────────┘
    [
      { id: "start", type: "trigger.manual" },
      { id: "check", type: "if", config: { condition: "{{ input.amount > 100 }}" } },
      { id: "big", type: "set", config: { values: { size: "big" }, keepInput: false } },
      { id: "small", type: "set", config: { values: { size: "small" }, keepInput: false } },
      { id: "audit", type: "set", config: { values: { audited: true }, keepInput: false } },
      { id: "merged", type: "output", config: { value: "{{ input }}" } },
    ],
    ["start->check", "check:true->big", "check:false->small", "start->audit", "big->merged", "small->merged", "audit->merged"],
  );

  it.each([
    [250, { big: { size: "big" }, audit: { audited: true } }, "small"],
    [5, { small: { size: "small" }, audit: { audited: true } }, "big"],
  ])("if with amount %d: keyed by the live predecessors only", async (amount, expected, skipped) => {
    const report = await runToEnd(bed.db.pool, { document: ifDoc, input: { amount } });
    expect(report).toMatchObject({ status: "succeeded", error: null });
    expect(report.output).toEqual(expected);
    const statuses = await runStatuses(bed.db.pool, report.executionId);
    expect(statuses[skipped]).toBe("skipped");
    expect(Object.values(statuses).filter((s) => s !== "succeeded")).toEqual(["skipped"]);
  });

  it("switch: a dead chain is skipped node by node and the fan-in gets only the live case", async () => {
    // start → route(switch kind: a | b | default)
    //   a → caseA(set) ───────────────────┐
    //   b → caseB1(set) → caseB2(set) ────┼→ collect(code: return input) → done(output)
    //   default → other(set) ─────────────┘
    const document = doc(
      [
        { id: "start", type: "trigger.manual" },
        { id: "route", type: "switch", config: { value: "{{ input.kind }}", cases: [{ handle: "a", equals: "A" }, { handle: "b", equals: "B" }] } },
        { id: "caseA", type: "set", config: { values: { picked: "A" }, keepInput: false } },
        { id: "caseB1", type: "set", config: { values: { picked: "B1" }, keepInput: false } },
        { id: "caseB2", type: "set", config: { values: { picked: "B2" } } },
        { id: "other", type: "set", config: { values: { picked: "other" }, keepInput: false } },
        { id: "collect", type: "code", config: { code: "return { keys: Object.keys(input), value: input };" } },
        { id: "done", type: "output", config: { value: "{{ input }}" } },
      ],
      ["start->route", "route:a->caseA", "route:b->caseB1", "caseB1->caseB2", "route:default->other", "caseA->collect", "caseB2->collect", "other->collect", "collect->done"],
    );
    const [b, other] = await Promise.all([
      runToEnd(bed.db.pool, { document, input: { kind: "B" } }),
      runToEnd(bed.db.pool, { document, input: { kind: "Z" } }),
    ]);
    expect(b.output).toEqual({ keys: ["caseB2"], value: { caseB2: { picked: "B2" } } });
    expect(await runStatuses(bed.db.pool, b.executionId)).toEqual({
      start: "succeeded",
      route: "succeeded",
      caseA: "skipped",
      other: "skipped",
      caseB1: "succeeded",
      caseB2: "succeeded",
      collect: "succeeded",
      done: "succeeded",
    });
    expect(other.output).toEqual({ keys: ["other"], value: { other: { picked: "other" } } });
    const otherStatuses = await runStatuses(bed.db.pool, other.executionId);
    expect([otherStatuses.caseA, otherStatuses.caseB1, otherStatuses.caseB2, otherStatuses.other]).toEqual(["skipped", "skipped", "skipped", "succeeded"]);
  });
});
