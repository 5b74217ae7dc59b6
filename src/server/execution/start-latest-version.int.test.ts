import { describe, expect, it } from "vitest";
import { doc } from "../../../test/engine-harness";
import { workerTestContext } from "../../../test/worker-context";
import { DomainError } from "@/server/errors";
import { startExecutionRequest } from "./execution-service";
import { readExecutionReport, waitForExecution } from "./execution-report";
import { rememberedLatestVersion } from "./latest-version";

/**
 * A start runs the workflow's latest version. The process remembers the
 * version it last found and lets the start's own statement check it
 * (execution-service.ts): a version saved meanwhile — by any process — or a
 * deleted workflow must still be seen.
 */
const context = workerTestContext();

const saying = (word: string, priority?: number) =>
  ({
    ...doc(
      [
        { id: "start", type: "trigger.manual" },
        { id: "result", type: "output", config: { value: word } },
      ],
      ["start->result"],
    ),
    ...(priority === undefined ? {} : { settings: { priority } }),
  });

async function run(workflowId: string) {
  const { executionId } = await startExecutionRequest(context.db.pool, { workflowId });
  await waitForExecution(context.db.pool, executionId, { timeoutMs: 10_000 });
  const report = await readExecutionReport(context.db.pool, executionId);
  const row = await context.db.prisma.execution.findUniqueOrThrow({ where: { id: executionId } });
  return { output: report.output, versionId: row.workflowVersionId, priority: row.priority };
}

describe("starting a stored workflow", () => {
  it("runs the version saved since this process last started it, with that version's priority", async () => {
    const workflow = await context.db.prisma.workflow.create({ data: { name: "Versions", latestVersion: 1 } });
    const v1 = await context.db.prisma.workflowVersion.create({ data: { workflowId: workflow.id, version: 1, graph: saying("one") } });
    expect(await run(workflow.id)).toEqual({ output: "one", versionId: v1.id, priority: 0 });
    expect(rememberedLatestVersion(workflow.id)).toMatchObject({ versionId: v1.id, version: 1 });
    // Still version 1: the remembered version is used again.
    expect(await run(workflow.id)).toEqual({ output: "one", versionId: v1.id, priority: 0 });

    // Another process saves version 2 (this one is not told).
    const v2 = await context.db.prisma.workflowVersion.create({ data: { workflowId: workflow.id, version: 2, graph: saying("two", 7) } });
    await context.db.prisma.workflow.update({ where: { id: workflow.id }, data: { latestVersion: 2 } });
    expect(await run(workflow.id)).toEqual({ output: "two", versionId: v2.id, priority: 7 });
    expect(rememberedLatestVersion(workflow.id)).toMatchObject({ versionId: v2.id, version: 2 });
  });

  it("refuses a workflow deleted since this process last started it, and starts nothing", async () => {
    const workflow = await context.db.prisma.workflow.create({ data: { name: "Going away", latestVersion: 1 } });
    await context.db.prisma.workflowVersion.create({ data: { workflowId: workflow.id, version: 1, graph: saying("bye") } });
    expect((await run(workflow.id)).output).toBe("bye");
    await context.db.prisma.workflow.update({ where: { id: workflow.id }, data: { deletedAt: new Date() } });

    const refused = await startExecutionRequest(context.db.pool, { workflowId: workflow.id }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({ code: "NOT_FOUND" });
    expect(await context.db.prisma.execution.count({ where: { workflowId: workflow.id } })).toBe(1);
    expect(rememberedLatestVersion(workflow.id)).toBeUndefined();
  });
});
