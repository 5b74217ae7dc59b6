import type { Database } from "@/server/db/prisma";
import type { AdvanceDeps } from "@/server/execution/advance-execution";
import { createQuickJsSandbox } from "@/server/sandbox/quickjs-sandbox";
import { openTestDatabase } from "./database";
import { fileScoped } from "./file-scoped";

type Sandbox = Awaited<ReturnType<typeof createQuickJsSandbox>>;

/**
 * For tests that call the durable driver directly (advanceExecution and its
 * parts): the test database and a sandbox, opened before the file's tests and
 * disposed after. Read the fields inside tests.
 */
export function driverTestContext(): { readonly db: Database; readonly sandbox: Sandbox; deps(): AdvanceDeps } {
  const db = fileScoped("driverTestContext", openTestDatabase);
  const sandbox = fileScoped("driverTestContext", createQuickJsSandbox, (created) => created.dispose());
  return {
    get db() {
      return db();
    },
    get sandbox() {
      return sandbox();
    },
    deps: () => ({ pool: db().pool, sandbox: sandbox() }),
  };
}
