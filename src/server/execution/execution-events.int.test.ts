import { describe, expect, it } from "vitest";
import { doc, runToEnd } from "../../../test/engine-harness";
import { useEngineTestBed } from "../../../test/construct-harness";

/**
 * The ExecutionEvent log of one execution with a loop (concurrency 2) and
 * parallel branches, run by a real worker: numbered 1..N without gaps, and
 * every status a NodeRun went through has its event, in order.
 */
const bed = useEngineTestBed();

type NodeEvent = { seq: number; type: string; payload: { runKey: string; nodeId: string; attempt: number; error: unknown } };

describe("execution events", () => {
  it("seq is 1..N without gaps and every NodeRun status change has an event", async () => {
    // start ─┬→ each(loop for [1,2,3], concurrency 2) ─done→ fin(join all, object) → result(output)
    //        │    └body─┬→ call(http POST /echo { n }) → pick(set) ─┐
    //        │          └→ calc(code n × 10) ─────────────────────┴→ both(join all, merge)
    //        └→ nap(delay 1 s) ─────────────────────────────────────→ fin
    const report = await runToEnd(bed.db.pool, {
      document: doc(
        [
          { id: "start", type: "trigger.manual" },
          { id: "each", type: "loop", config: { mode: "for", items: [1, 2, 3], concurrency: 2 } },
          { id: "call", type: "http.request", config: { method: "POST", url: `${bed.server.url}/echo`, body: { n: "{{ loop.item }}" } } },
          { id: "pick", type: "set", config: { values: { echoed: "{{ input.body.body.n }}" }, keepInput: false } },
          { id: "calc", type: "code", config: { code: "return { tenfold: loop.item * 10 };" } },
          { id: "both", type: "join", config: { mode: "all", aggregate: "merge" } },
          { id: "nap", type: "delay", config: { seconds: 1 } },
          { id: "fin", type: "join", config: { mode: "all", aggregate: "object" } },
          { id: "result", type: "output", config: { value: "{{ input }}" } },
        ],
        ["start->each", "each:body->call", "call->pick", "each:body->calc", "pick->both", "calc->both", "each:done->fin", "start->nap", "nap->fin", "fin->result"],
      ),
      input: { go: true },
    });
    expect(report).toMatchObject({ status: "succeeded", error: null });
    expect(report.output).toEqual({
      each: [1, 2, 3].map((n) => ({ echoed: n, tenfold: n * 10 })),
      nap: { go: true },
    });

    const events = await bed.db.prisma.executionEvent.findMany({ where: { executionId: report.executionId }, orderBy: { seq: "asc" } });
    const execution = await bed.db.prisma.execution.findUniqueOrThrow({ where: { id: report.executionId } });
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(execution.eventSeq).toBe(events.length);
    expect(events.at(-1)).toMatchObject({ type: "execution.succeeded" });
    // The execution's own status changes, one event each: running (http in flight) first, then possibly
    // waiting (only the delay left, unless it fired first) and succeeded; never the same status twice in a row.
    const statusEvents = events.filter((e) => e.type.startsWith("execution.")).map((e) => e.type);
    expect([["execution.running", "execution.succeeded"], ["execution.running", "execution.waiting", "execution.succeeded"]]).toContainEqual(statusEvents);

    const nodeEvents = events.filter((e) => e.type.startsWith("node.")) as unknown as NodeEvent[];
    const byKey = new Map<string, NodeEvent[]>();
    for (const e of nodeEvents) {
      const key = `${e.payload.runKey}@${e.payload.attempt}`;
      byKey.set(key, [...(byKey.get(key) ?? []), e]);
    }
    const { rows: runs } = await bed.db.pool.query<{ key: string; nodeId: string; nodeType: string; status: string; seq: number }>(
      `SELECT key, "nodeId", "nodeType", status, seq FROM "NodeRun" WHERE "executionId" = $1`,
      [report.executionId],
    );
    expect(new Set(byKey.keys())).toEqual(new Set(runs.map((r) => r.key))); // no event without a row, no row without events
    // What each kind of node goes through, one event per status.
    const lifecycle: Record<string, string[]> = {
      "http.request": ["node.running", "node.succeeded"],
      delay: ["node.waiting", "node.succeeded"],
      loop: ["node.running", "node.succeeded"],
    };
    for (const run of runs) {
      const seen = byKey.get(run.key)!;
      expect([run.key, seen.map((e) => e.type)]).toEqual([run.key, lifecycle[run.nodeType] ?? ["node.succeeded"]]);
      expect(seen.at(-1)!.type).toBe(`node.${run.status}`);
      expect(run.seq).toBe(seen[0]!.seq); // NodeRun.seq is the event that first recorded it
      expect(seen.every((e) => e.payload.nodeId === run.nodeId && e.payload.error === null)).toBe(true);
    }
    expect(runs.map((r) => r.key).sort()).toEqual(
      [
        "start@1",
        "each@1",
        "nap@1",
        "fin@1",
        "result@1",
        ...[0, 1, 2].flatMap((i) => ["call", "pick", "calc", "both"].map((n) => `each#${i}/${n}@1`)),
      ].sort(),
    );
  });
});
