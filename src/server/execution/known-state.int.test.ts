import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../../test/database";
import { doc } from "../../../test/engine-harness";
import type { Database } from "@/server/db/prisma";
import { createQuickJsSandbox } from "@/server/sandbox/quickjs-sandbox";
import { advanceExecution } from "./advance-execution";
import { beginAndLockExecution } from "./execution-row";
import { startExecutionRequest } from "./execution-service";

/**
 * A worker that made an execution's last transition passes the state it
 * committed to the next one (a chain of inline effects), so the state is not
 * read back. It must only ever stand in for the same version: anything else
 * is read from the database.
 */
let db: Database;
let sandbox: Awaited<ReturnType<typeof createQuickJsSandbox>>;

beforeAll(async () => {
  db = openTestDatabase();
  sandbox = await createQuickJsSandbox();
});
afterAll(() => sandbox.dispose());

/** start → nap(delay 60 s) → done: waits after its start step. */
async function waitingExecution() {
  const { executionId } = await startExecutionRequest(db.pool, {
    document: doc(
      [
        { id: "start", type: "trigger.manual" },
        { id: "nap", type: "delay", config: { seconds: 60 } },
        { id: "done", type: "output", config: { value: "{{ trigger.n }}" } },
      ],
      ["start->nap", "nap->done"],
    ),
    input: { n: 7 },
  });
  const started = await advanceExecution({ pool: db.pool, sandbox }, executionId, { type: "start" });
  expect(started.status).toBe("waiting");
  return { executionId, started };
}

async function lockedState(executionId: string, known?: { version: number; json: string }) {
  const client = await db.pool.connect();
  try {
    const row = await beginAndLockExecution(client, executionId, known);
    await client.query("ROLLBACK");
    return row;
  } finally {
    client.release();
  }
}

describe("the state a transition committed, passed to the next one", () => {
  it("is exactly what the database holds, under the version the write produced", async () => {
    const { executionId, started } = await waitingExecution();
    expect(started.state).toBeDefined();
    const fromDatabase = await lockedState(executionId);
    expect(started.state!.version).toBe(fromDatabase!.stateVersion);
    expect(JSON.parse(started.state!.json)).toEqual(fromDatabase!.state);
    expect((await lockedState(executionId, started.state))!.state).toEqual(fromDatabase!.state);
  });

  it("an outdated version is ignored: the state is read from the database", async () => {
    const { executionId, started } = await waitingExecution();
    const stale = { version: started.state!.version - 1, json: JSON.stringify({ status: "bogus" }) };
    const row = await lockedState(executionId, stale);
    expect(row!.state).toMatchObject({ status: "waiting" });
    // And a transition given it still finishes the execution correctly.
    const { rows } = await db.pool.query<{ timerId: string }>(
      `SELECT payload->'event'->>'timerId' AS "timerId" FROM graphile_worker._private_jobs
        WHERE payload->>'executionId' = $1 AND payload->'event'->>'timerId' IS NOT NULL`,
      [executionId],
    );
    const timerId = rows[0]?.timerId;
    expect(timerId).toEqual(expect.any(String));
    const fired = await advanceExecution({ pool: db.pool, sandbox }, executionId, { type: "timer-fired", timerId: timerId! }, { knownState: stale });
    const ended = await db.prisma.execution.findUniqueOrThrow({ where: { id: executionId } });
    expect(ended.error).toBeNull();
    expect(fired.status).toBe("succeeded");
    const { output } = await db.prisma.execution.findUniqueOrThrow({ where: { id: executionId } });
    expect(output).toBe(7);
  });
});
