import { createDatabase } from "@/server/db/prisma";
import { workflowService } from "@/server/services/workflow-service";
import { BENCH_WORKFLOWS, type BenchWorkflowName } from "./workflows";

/**
 * Stores bench workflows through the product's workflow service (so executions
 * run from an immutable, cached version, as from the UI); returns their ids.
 */
export async function storeBenchWorkflows<Name extends BenchWorkflowName>(
  url: string,
  names: readonly Name[] = Object.keys(BENCH_WORKFLOWS) as Name[],
): Promise<Record<Name, string>> {
  const db = createDatabase(url, { max: 2, name: "switchyard-bench-setup" });
  try {
    const service = workflowService(db.prisma);
    const ids = {} as Record<Name, string>;
    for (const name of names) {
      const document = BENCH_WORKFLOWS[name]();
      ids[name] = (await service.create({ name: document.name, document })).id;
    }
    return ids;
  } finally {
    await db.prisma.$disconnect();
    await db.pool.end();
  }
}
