import { it, expect } from "vitest";
import { openTestDatabase } from "../../../test/database";
import { doc, startTestWorker, runToEnd } from "../../../test/engine-harness";
import { workflowService } from "@/server/services/workflow-service";

it("same-step start+cancel child", async () => {
  const db = openTestDatabase();
  const worker = await startTestWorker();
  const sleepy = (await workflowService(db.prisma).create({ name: "sleepy", document: doc([{ id: "start", type: "trigger.manual" }, { id: "nap", type: "delay", config: { seconds: 30 } }], ["start->nap"]) })).id;
  const reports = await Promise.all(Array.from({ length: 10 }, () => runToEnd(db.pool, { document: doc([{ id: "start", type: "trigger.manual" }, { id: "sub", type: "subworkflow", config: { workflowId: sleepy } }, { id: "boom", type: "fail", config: { message: "no" } }], ["start->sub", "start->boom"]) })));
  console.log(reports.map((r) => r.status), reports[0]!.nodeRuns);
  await new Promise((r) => setTimeout(r, 1500));
  const kids = await db.prisma.execution.findMany({ where: { parentExecutionId: { in: reports.map((r) => r.executionId) } } });
  console.log(kids.map((k) => k.status));
  await worker.stop();
}, 60000);
