import { describe, expect, it } from "vitest";
import { doc, runToEnd } from "../../../test/engine-harness";
import { workerTestContext } from "../../../test/worker-context";

/**
 * An execution's node runs and events have no foreign key to it (migration
 * 20261127060000_lean_run_history): deleting executions deletes them through
 * a statement trigger, as ON DELETE CASCADE did, and nobody else's.
 */
const context = workerTestContext();

const threeSteps = doc(
  [
    { id: "start", type: "trigger.manual" },
    { id: "greet", type: "set", config: { values: { greeting: "Hello {{ trigger.name }}" } } },
    { id: "result", type: "output", config: { value: "{{ input.greeting }}" } },
  ],
  ["start->greet", "greet->result"],
);

const historyOf = async (executionId: string) => ({
  runs: await context.db.prisma.nodeRun.count({ where: { executionId } }),
  events: await context.db.prisma.executionEvent.count({ where: { executionId } }),
});

describe("an execution's run history", () => {
  it("is deleted with the execution, in the same statement, and only its own", async () => {
    const [a, b, kept] = await Promise.all(["Ada", "Bo", "Cy"].map((name) => runToEnd(context.db.pool, { document: threeSteps, input: { name } })));
    for (const report of [a!, b!, kept!]) {
      expect(report.status).toBe("succeeded");
      expect(await historyOf(report.executionId)).toEqual({ runs: 3, events: expect.any(Number) });
      expect((await historyOf(report.executionId)).events).toBeGreaterThanOrEqual(4);
    }
    const keptBefore = await historyOf(kept!.executionId);

    // Two executions in one statement: the trigger runs once, for both.
    const { rowCount } = await context.db.pool.query(`DELETE FROM "Execution" WHERE id = ANY($1)`, [[a!.executionId, b!.executionId]]);
    expect(rowCount).toBe(2);
    expect(await historyOf(a!.executionId)).toEqual({ runs: 0, events: 0 });
    expect(await historyOf(b!.executionId)).toEqual({ runs: 0, events: 0 });
    expect(await historyOf(kept!.executionId)).toEqual(keptBefore);
  });

  it("is keyed by the keys its readers use: (execution, run key) and (execution, seq)", async () => {
    const { rows } = await context.db.pool.query<{ table: string; columns: string }>(
      `SELECT c.conrelid::regclass::text AS table, string_agg(a.attname, ', ' ORDER BY k.n) AS columns
         FROM pg_constraint c
         CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY AS k(attnum, n)
         JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
        WHERE c.contype = 'p' AND c.conrelid IN ('"NodeRun"'::regclass, '"ExecutionEvent"'::regclass)
        GROUP BY c.conrelid ORDER BY 1`,
    );
    expect(rows).toEqual([
      { table: '"ExecutionEvent"', columns: "executionId, seq" },
      { table: '"NodeRun"', columns: "executionId, key" },
    ]);
  });
});
