import { afterAll, beforeAll } from "vitest";
import type { Database } from "@/server/db/prisma";
import type { WorkerHandle } from "../worker/start-worker";
import { openTestDatabase } from "./database";
import { startTestWorker } from "./engine-harness";

/**
 * For tests that run executions through a real worker: the test database and
 * a worker on it (startTestWorker), started before the file's tests and
 * stopped after. Read the fields inside tests (they are set in beforeAll).
 */
export function workerTestContext(): { readonly db: Database; readonly worker: WorkerHandle } {
  let db: Database | undefined;
  let worker: WorkerHandle | undefined;
  beforeAll(async () => {
    db = openTestDatabase();
    worker = await startTestWorker();
  });
  afterAll(() => worker?.stop());
  return {
    get db() {
      if (!db) throw new Error("workerTestContext: read it inside a test");
      return db;
    },
    get worker() {
      if (!worker) throw new Error("workerTestContext: read it inside a test");
      return worker;
    },
  };
}
