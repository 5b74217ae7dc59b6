import type { Database } from "@/server/db/prisma";
import type { WorkerHandle } from "../worker/start-worker";
import { openTestDatabase } from "./database";
import { startTestWorker } from "./engine-harness";
import { fileScoped } from "./file-scoped";

/**
 * For tests that run executions through a real worker: the test database and
 * a worker on it (startTestWorker), started before the file's tests and
 * stopped after. Read the fields inside tests.
 */
export function workerTestContext(): { readonly db: Database; readonly worker: WorkerHandle } {
  const db = fileScoped("workerTestContext", openTestDatabase);
  const worker = fileScoped("workerTestContext", startTestWorker, (started) => started.stop());
  return {
    get db() {
      return db();
    },
    get worker() {
      return worker();
    },
  };
}
