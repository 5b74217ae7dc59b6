import type { Database } from "@/server/db/prisma";

/**
 * What is stored of an execution, comparable between two executions: its status, output and counters,
 * its node runs ("nodeId:status", in order) and its events ("seq type").
 */
export async function storedExecution(db: Database, executionId: string) {
  const execution = await db.prisma.execution.findUniqueOrThrow({ where: { id: executionId } });
  const runs = await db.prisma.nodeRun.findMany({ where: { executionId }, orderBy: { seq: "asc" } });
  const events = await db.prisma.executionEvent.findMany({ where: { executionId }, orderBy: { seq: "asc" } });
  return {
    status: execution.status,
    output: execution.output,
    stateVersion: execution.stateVersion,
    eventSeq: execution.eventSeq,
    nodeRunCount: execution.nodeRunCount,
    runs: runs.map((r) => `${r.nodeId}:${r.status}`),
    events: events.map((e) => `${e.seq} ${e.type}`),
    row: execution,
  };
}
