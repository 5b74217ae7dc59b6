import { describe, expect, it } from "vitest";
import { doc, runToEnd } from "../../../test/engine-harness";
import { useEngineTestBed } from "../../../test/construct-harness";
import { readNodeRuns } from "./node-runs";

/**
 * A `code` node's console lines, through a real worker on a real Postgres: stored on the NodeRun of
 * the attempt that printed them (also when it threw) and returned by
 * `execution.nodeRuns`; nodes that print nothing have `logs: null`.
 */
const bed = useEngineTestBed();

describe("code node logs", () => {
  it("are stored per node run and returned by execution.nodeRuns", async () => {
    const report = await runToEnd(bed.db.pool, {
      document: doc(
        [
          { id: "start", type: "trigger.manual" },
          {
            id: "work",
            type: "code",
            config: { code: "console.log('got', input);\nconsole.warn('careful', 1, [2]);\nconsole.error(new TypeError('bad'));\nreturn { n: input.n + 1 };" },
          },
          { id: "quiet", type: "code", config: { code: "return input;" } },
          { id: "result", type: "output", config: { value: "{{ input }}" } },
        ],
        ["start->work", "work->quiet", "quiet->result"],
      ),
      input: { n: 1 },
    });
    expect(report).toMatchObject({ status: "succeeded", output: { n: 2 } });
    const { runs } = await readNodeRuns(bed.db.pool, { executionId: report.executionId });
    const byNode = Object.fromEntries(runs.map((r) => [r.nodeId, r]));
    expect(byNode.work!.logs).toEqual([
      { level: "log", message: 'got {"n":1}' },
      { level: "warn", message: "careful 1 [2]" },
      { level: "error", message: "TypeError: bad" },
    ]);
    expect(byNode.quiet!.logs).toBeNull();
    expect(byNode.start!.logs).toBeNull();
  });

  it("keep what a failing run printed", async () => {
    const report = await runToEnd(bed.db.pool, {
      document: doc(
        [
          { id: "start", type: "trigger.manual" },
          {
            id: "boom",
            type: "code",
            config: { code: "console.info('attempt at', execution.id === undefined ? 'x' : 'run');\nthrow new Error('nope');" },
          },
        ],
        ["start->boom"],
      ),
    });
    expect(report.status).toBe("failed");
    const { rows } = await bed.db.pool.query<{ attempt: number; status: string; logs: unknown }>(
      `SELECT attempt, status, logs FROM "NodeRun" WHERE "executionId" = $1 AND "nodeId" = 'boom' ORDER BY attempt`,
      [report.executionId],
    );
    expect(rows).toEqual([{ attempt: 1, status: "failed", logs: [{ level: "info", message: "attempt at run" }] }]);
  });
});
