import { describe, expect, it } from "vitest";
import { doc, runToEnd, waitFor } from "../../../test/engine-harness";
import { nodeRuns, runStatuses, useEngineTestBed } from "../../../test/construct-harness";

/**
 * Loops through a real worker on a real Postgres: for with concurrency (HTTP
 * calls that overlap at the server), while, repeat with break/continue, nested
 * loops seeing `loop.parent`, and the maxIterations safety stop.
 */
const bed = useEngineTestBed();

describe("loops through the worker", () => {
  it("for, concurrency 3: six HTTP calls, three at a time, results in index order (not completion order)", async () => {
    // start → each(loop for trigger.items, concurrency 3) ─done→ result(output)
    //           └body→ call(http POST /echo/(500 - 60·index) { i, item }) → pick(set, keepInput false)
    // Later items answer sooner (500, 440, …, 200 ms: 2100 ms in sequence), so completion order ≠ index order.
    const items = ["a", "b", "c", "d", "e", "f"];
    const started = Date.now();
    const report = await runToEnd(bed.db.pool, {
      document: doc(
        [
          { id: "start", type: "trigger.manual" },
          { id: "each", type: "loop", config: { mode: "for", items: "{{ trigger.items }}", concurrency: 3 } },
          {
            id: "call",
            type: "http.request",
            config: { method: "POST", url: `${bed.server.url}/echo/{{ 500 - loop.index * 60 }}`, body: { i: "{{ loop.index }}", item: "{{ loop.item }}" } },
          },
          { id: "pick", type: "set", config: { values: { echoed: "{{ input.body.body }}", key: "{{ input.body.key }}" }, keepInput: false } },
          { id: "result", type: "output", config: { value: "{{ input }}" } },
        ],
        ["start->each", "each:body->call", "call->pick", "each:done->result"],
      ),
      input: { items },
    });
    // Overlap: the server had exactly three calls in flight at once, never more, and from the first
    // request to the last answer it took about two rounds (~700 ms), less than the 2100 ms of the
    // six calls one after another.
    const hits = items.map((_, i) => bed.server.hits.find((h) => h.key === `${report.executionId}:each#${i}/call`)!);
    const span = Math.max(...hits.map((h) => h.end!)) - Math.min(...hits.map((h) => h.start));
    console.log(`for loop, 6 calls of 500…200 ms, concurrency 3: calls spanned ${span} ms at the server, ${Date.now() - started} ms end to end`);
    expect(report).toMatchObject({ status: "succeeded", error: null });
    expect(report.output).toEqual(items.map((item, i) => ({ echoed: { i, item }, key: `${report.executionId}:each#${i}/call` })));
    expect(bed.server.maxInFlight((h) => h.key?.startsWith(`${report.executionId}:`) === true)).toBe(3);
    expect(span).toBeLessThan(2100);
    expect(hits[2]!.end).toBeLessThan(hits[0]!.end!); // item c (380 ms) answered before item a (500 ms)
    const statuses = await runStatuses(bed.db.pool, report.executionId);
    expect(Object.keys(statuses).filter((k) => k.endsWith("/call")).sort()).toEqual(items.map((_, i) => `each#${i}/call`));
    expect(statuses.each).toBe("succeeded");
  });

  it("while: runs until its condition on a workflow variable turns false", async () => {
    // start → init(vars.i = 0) → grow(loop while vars.i < 3) ─done→ result(output)
    //                              └body→ bump(vars.i = vars.i + 1) → show(code: vars.i * 10)
    const report = await runToEnd(bed.db.pool, {
      document: doc(
        [
          { id: "start", type: "trigger.manual" },
          { id: "init", type: "variable.set", config: { name: "i", value: 0, scope: "workflow" } },
          { id: "grow", type: "loop", config: { mode: "while", condition: "{{ vars.i < 3 }}" } },
          { id: "bump", type: "variable.set", config: { name: "i", value: "{{ vars.i + 1 }}", scope: "workflow" } },
          { id: "show", type: "code", config: { code: "return { i: vars.i, index: loop.index, item: loop.item };" } },
          { id: "result", type: "output", config: { value: { steps: "{{ input }}", final: "{{ vars.i }}" } } },
        ],
        ["start->init", "init->grow", "grow:body->bump", "bump->show", "grow:done->result"],
      ),
    });
    expect(report).toMatchObject({ status: "succeeded", error: null });
    expect(report.output).toEqual({
      steps: [
        { i: 1, index: 0, item: null },
        { i: 2, index: 1, item: null },
        { i: 3, index: 2, item: null },
      ],
      final: 3,
    });
  });

  it("repeat with continue and break: skipped and broken iterations add no result", async () => {
    // start → times(loop repeat 6) ─done→ result(output)
    //           └body→ route(switch loop.index: 1 → skip(continue), 3 → stop(break), default → square(code))
    const report = await runToEnd(bed.db.pool, {
      document: doc(
        [
          { id: "start", type: "trigger.manual" },
          { id: "times", type: "loop", config: { mode: "repeat", times: 6 } },
          { id: "route", type: "switch", config: { value: "{{ loop.index }}", cases: [{ handle: "one", equals: 1 }, { handle: "three", equals: 3 }] } },
          { id: "skip", type: "continue" },
          { id: "stop", type: "break" },
          { id: "square", type: "code", config: { code: "return input * input + loop.item;" } },
          { id: "result", type: "output", config: { value: "{{ input }}" } },
        ],
        ["start->times", "times:body->route", "route:one->skip", "route:three->stop", "route:default->square", "times:done->result"],
      ),
    });
    expect(report).toMatchObject({ status: "succeeded", error: null, output: [0, 6] }); // index 0: 0, index 2: 4+2
    const statuses = await runStatuses(bed.db.pool, report.executionId);
    expect(Object.keys(statuses).filter((k) => k.startsWith("times#")).map((k) => k.split("/")[0])).not.toContain("times#4");
    expect(statuses).toMatchObject({ "times#1/skip": "succeeded", "times#3/stop": "succeeded", "times#2/square": "succeeded", "times#3/square": "skipped" });
  });

  it("break with concurrency: the other iterations' in-flight HTTP calls are cancelled and aborted", async () => {
    // start → each(loop for [0,1,2], concurrency 3) ─done→ result(output)
    //           └body→ first(if loop.index === 0) ─true→ fast(http /echo/100) → stop(break)
    //                                              └false→ slow(http /slow/5000) → keep(set)
    const started = Date.now();
    const report = await runToEnd(bed.db.pool, {
      document: doc(
        [
          { id: "start", type: "trigger.manual" },
          { id: "each", type: "loop", config: { mode: "for", items: [0, 1, 2], concurrency: 3 } },
          { id: "first", type: "if", config: { condition: "{{ loop.index === 0 }}" } },
          { id: "fast", type: "http.request", config: { method: "GET", url: `${bed.server.url}/echo/100` } },
          { id: "stop", type: "break" },
          { id: "slow", type: "http.request", config: { method: "GET", url: `${bed.server.url}/slow/5000` } },
          { id: "keep", type: "set", config: { values: { kept: true } } },
          { id: "result", type: "output", config: { value: { results: "{{ input }}" } } },
        ],
        ["start->each", "each:body->first", "first:true->fast", "fast->stop", "first:false->slow", "slow->keep", "each:done->result"],
      ),
    });
    expect(report).toMatchObject({ status: "succeeded", output: { results: [] }, error: null }); // no iteration finished
    expect(Date.now() - started).toBeLessThan(3000);
    const runs = await nodeRuns(bed.db.pool, report.executionId);
    for (const key of ["each#1/slow", "each#2/slow"]) {
      expect(runs.find((r) => r.runKey === key)).toMatchObject({ status: "cancelled", error: { type: "Cancelled", message: "loop stopped by break at each#0/stop" } });
    }
    expect(await runStatuses(bed.db.pool, report.executionId)).toEqual({
      start: "succeeded",
      each: "succeeded",
      result: "succeeded",
      ...{ "each#0/first": "succeeded", "each#0/fast": "succeeded", "each#0/stop": "succeeded", "each#0/slow": "skipped", "each#0/keep": "skipped" },
      ...{ "each#1/first": "succeeded", "each#1/fast": "skipped", "each#1/stop": "skipped", "each#1/slow": "cancelled" },
      ...{ "each#2/first": "succeeded", "each#2/fast": "skipped", "each#2/stop": "skipped", "each#2/slow": "cancelled" },
    });
    for (const key of ["each#1/slow", "each#2/slow"]) {
      const hit = await waitFor(async () => bed.server.hits.find((h) => h.key === `${report.executionId}:${key}` && h.end !== undefined));
      expect(hit.aborted).toBe(true);
    }
  });

  it("nested loops: the inner body sees loop.parent; run keys nest", async () => {
    // start → outer(loop for ["x","y"]) ─done→ result(output)
    //           └body→ inner(loop repeat 2) ─body→ name(code: parent item + index)
    const report = await runToEnd(bed.db.pool, {
      document: doc(
        [
          { id: "start", type: "trigger.manual" },
          { id: "outer", type: "loop", config: { mode: "for", items: ["x", "y"] } },
          { id: "inner", type: "loop", config: { mode: "repeat", times: 2 } },
          { id: "name", type: "code", config: { code: "return loop.parent.item + loop.index + '@' + loop.parent.index;" } },
          { id: "result", type: "output", config: { value: "{{ input }}" } },
        ],
        ["start->outer", "outer:body->inner", "inner:body->name", "outer:done->result"],
      ),
    });
    expect(report).toMatchObject({ status: "succeeded", error: null });
    expect(report.output).toEqual([
      ["x0@0", "x1@0"],
      ["y0@1", "y1@1"],
    ]);
    const runs = await nodeRuns(bed.db.pool, report.executionId);
    expect(runs.filter((r) => r.nodeId === "name").map((r) => [r.runKey, r.output])).toEqual([
      ["outer#0/inner#0/name", "x0@0"],
      ["outer#0/inner#1/name", "x1@0"],
      ["outer#1/inner#0/name", "y0@1"],
      ["outer#1/inner#1/name", "y1@1"],
    ]);
  });

  it("maxIterations: for and repeat fail before any iteration, while when still true at the limit", async () => {
    // start → capped(loop …, maxIterations 2) └body→ touch(code)
    const run = (config: object) =>
      runToEnd(bed.db.pool, {
        document: doc(
          [
            { id: "start", type: "trigger.manual" },
            { id: "capped", type: "loop", config: { ...config, maxIterations: 2 } },
            { id: "touch", type: "code", config: { code: "return loop.index;" } },
          ],
          ["start->capped", "capped:body->touch"],
        ),
      });
    const [forRun, repeatRun, whileRun] = await Promise.all([
      run({ mode: "for", items: [1, 2, 3] }),
      run({ mode: "repeat", times: 3 }),
      run({ mode: "while", condition: true }),
    ]);
    const error = { type: "NodeError", message: "loop capped: exceeded maxIterations (2)", nodeId: "capped" };
    for (const report of [forRun, repeatRun, whileRun]) expect(report).toMatchObject({ status: "failed", error });
    expect((await nodeRuns(bed.db.pool, forRun.executionId)).map((r) => r.runKey)).toEqual(["start", "capped"]);
    expect((await nodeRuns(bed.db.pool, repeatRun.executionId)).map((r) => r.runKey)).toEqual(["start", "capped"]);
    // while ran iterations 0 and 1, then failed when its condition was still true at index 2.
    expect(await runStatuses(bed.db.pool, whileRun.executionId)).toEqual({
      start: "succeeded",
      capped: "failed",
      "capped#0/touch": "succeeded",
      "capped#1/touch": "succeeded",
    });
  });
});
