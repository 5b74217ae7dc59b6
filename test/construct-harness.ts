import type pg from "pg";
import { afterAll, beforeAll } from "vitest";
import type { Database } from "@/server/db/prisma";
import type { WorkerHandle } from "../worker/start-worker";
import { openTestDatabase } from "./database";
import { startTestServer, startTestWorker } from "./engine-harness";

/** Helpers for the construct integration tests (src/server/execution/constructs-*.int.test.ts). */

export type RunRow = { runKey: string; nodeId: string; status: string; attempt: number; output: unknown; error: { type: string; message: string } | null };

/** NodeRun rows of an execution, in the order the engine produced them. */
export async function nodeRuns(pool: pg.Pool, executionId: string): Promise<RunRow[]> {
  const { rows } = await pool.query<RunRow>(
    `SELECT "runKey", "nodeId", status, attempt, output, error FROM "NodeRun" WHERE "executionId" = $1 ORDER BY seq, key`,
    [executionId],
  );
  return rows;
}

/** `{ runKey@attempt: status }` — compact and order-free, for exact assertions. */
export async function runStatuses(pool: pg.Pool, executionId: string): Promise<Record<string, string>> {
  const runs = await nodeRuns(pool, executionId);
  return Object.fromEntries(runs.map((r) => [r.attempt === 1 ? r.runKey : `${r.runKey}@${r.attempt}`, r.status]));
}

/** graphile-worker jobs of an execution that a worker is running right now. */
export async function jobsRunning(pool: pg.Pool, executionId: string): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM graphile_worker._private_jobs WHERE payload->>'executionId' = $1 AND locked_at IS NOT NULL`,
    [executionId],
  );
  return rows[0]!.n;
}

/**
 * The usual setup of an engine integration test file, registered as hooks:
 * this file's database, a real worker on it, and a timed HTTP server; the
 * worker and server are stopped after the file's tests. Read the fields inside
 * tests (they are set in beforeAll).
 */
export type EngineTestBed = { db: Database; worker: WorkerHandle; server: Awaited<ReturnType<typeof startTestServer>> };

export function useEngineTestBed(): EngineTestBed {
  const bed = {} as EngineTestBed;
  beforeAll(async () => {
    bed.db = openTestDatabase();
    bed.worker = await startTestWorker();
    bed.server = await startTestServer();
  });
  afterAll(async () => {
    await bed.worker?.stop();
    await bed.server?.close();
  });
  return bed;
}
