import { it } from "vitest";
import { openTestDatabase } from "../../../test/database";
import { doc, startTestWorker } from "../../../test/engine-harness";
import { workflowService } from "@/server/services/workflow-service";
import { startExecutionRequest } from "./execution-service";

it("time steps", async () => {
  const db = openTestDatabase();
  const worker = await startTestWorker(4);
  if (process.env.DO_ANALYZE) await db.pool.query("ANALYZE");
  for (const round of [1, 2]) {
  const { id: workflowId } = await workflowService(db.prisma).create({
    name: "load delay" + round,
    document: doc([{ id: "start", type: "trigger.manual" }, { id: "nap", type: "delay", config: { seconds: 2 } }, { id: "done", type: "output", config: { value: { i: "{{ trigger.i }}" } } }], ["start->nap", "nap->done"]),
  });
  const t = Date.now();
  const ids = await Promise.all(Array.from({ length: 200 }, async (_, i) => (await startExecutionRequest(db.pool, { workflowId, input: { i } })).executionId));
  console.log(round, "enqueued", Date.now() - t);
  let allWaiting = 0;
  for (;;) {
    const { rows } = await db.pool.query(`SELECT count(*) FILTER (WHERE status='waiting')::int w, count(*) FILTER (WHERE status='succeeded')::int s FROM "Execution" WHERE id = ANY($1)`, [ids]);
    if (!allWaiting && rows[0].w + rows[0].s === 200) { allWaiting = Date.now() - t; console.log(round, "all started steps", allWaiting); }
    if (rows[0].s === 200) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  console.log(round, "all done", Date.now() - t);
  }
  await worker.stop();
}, 60000);
