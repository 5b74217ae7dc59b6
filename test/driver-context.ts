import { afterAll, beforeAll } from "vitest";
import type { Database } from "@/server/db/prisma";
import type { AdvanceDeps } from "@/server/execution/advance-execution";
import { createQuickJsSandbox } from "@/server/sandbox/quickjs-sandbox";
import { openTestDatabase } from "./database";

type Sandbox = Awaited<ReturnType<typeof createQuickJsSandbox>>;

/**
 * For tests that call the durable driver directly (advanceExecution and its
 * parts): the test database and a sandbox, opened before the file's tests and
 * disposed after. Read the fields inside tests (they are set in beforeAll).
 */
export function driverTestContext(): { readonly db: Database; readonly sandbox: Sandbox; deps(): AdvanceDeps } {
  let db: Database | undefined;
  let sandbox: Sandbox | undefined;
  beforeAll(async () => {
    db = openTestDatabase();
    sandbox = await createQuickJsSandbox();
  });
  afterAll(() => sandbox?.dispose());
  const context = {
    get db() {
      if (!db) throw new Error("driverTestContext: read it inside a test");
      return db;
    },
    get sandbox() {
      if (!sandbox) throw new Error("driverTestContext: read it inside a test");
      return sandbox;
    },
    deps: () => ({ pool: context.db.pool, sandbox: context.sandbox }),
  };
  return context;
}
