import type pg from "pg";
import { notFound } from "@/server/errors";
import { CHANNEL } from "./jobs";
import { TERMINAL } from "./execution-row";

/**
 * The CLI's view of a finished execution (WORKFLOW_FORMAT.md "Command line"):
 * `{ executionId, status, output, error, durationMs, nodeRuns }`.
 */
export type ExecutionReport = {
  executionId: string;
  status: string;
  output: unknown;
  error: { type: string; message: string; nodeId: string | null } | null;
  durationMs: number | null;
  nodeRuns: Array<{ nodeId: string; key: string; status: string; attempt: number; durationMs: number | null }>;
};

export async function readExecutionReport(pool: pg.Pool, executionId: string): Promise<ExecutionReport> {
  const { rows } = await pool.query<{ status: string; output: unknown; error: ExecutionReport["error"]; durationMs: number | null }>(
    `SELECT status, output, error,
            round(EXTRACT(EPOCH FROM ("finishedAt" - coalesce("startedAt", "createdAt"))) * 1000)::int AS "durationMs"
       FROM "Execution" WHERE id = $1`,
    [executionId],
  );
  const row = rows[0];
  if (!row) throw notFound("Execution", executionId);
  const runs = await pool.query<ExecutionReport["nodeRuns"][number]>(
    `SELECT "nodeId", key, status, attempt, "durationMs" FROM "NodeRun" WHERE "executionId" = $1 ORDER BY seq, key`,
    [executionId],
  );
  return {
    executionId,
    status: row.status,
    output: row.output ?? null,
    error: row.error ? { type: row.error.type, message: row.error.message, nodeId: row.error.nodeId ?? null } : null,
    durationMs: row.durationMs,
    nodeRuns: runs.rows,
  };
}

/** Resolve when the execution is terminal (NOTIFY, with a slow poll as a safety net). */
export async function waitForExecution(pool: pg.Pool, executionId: string, options: { timeoutMs?: number } = {}): Promise<string> {
  const listener = await pool.connect();
  let timer: NodeJS.Timeout | undefined;
  try {
    let wake: () => void = () => {};
    let notified = false; // a NOTIFY that lands between the status query and the wait is not lost
    listener.on("notification", (m) => {
      if (m.channel !== CHANNEL.finished || m.payload !== executionId) return;
      notified = true;
      wake();
    });
    await listener.query(`LISTEN ${CHANNEL.finished}`);
    const deadline = options.timeoutMs ? Date.now() + options.timeoutMs : Infinity;
    for (;;) {
      notified = false;
      // On the listening client: a second client per waiter would exhaust the pool with many waiters.
      const { rows } = await listener.query<{ status: string }>(`SELECT status FROM "Execution" WHERE id = $1`, [executionId]);
      const status = rows[0]?.status;
      if (!status) throw notFound("Execution", executionId);
      if (TERMINAL.has(status as never)) return status;
      if (Date.now() > deadline) throw new Error(`execution ${executionId} did not finish within ${options.timeoutMs} ms`);
      if (notified) continue;
      await new Promise<void>((resolve) => {
        wake = resolve;
        timer = setTimeout(resolve, 1000);
      });
      clearTimeout(timer);
    }
  } finally {
    clearTimeout(timer);
    await listener.query(`UNLISTEN ${CHANNEL.finished}`).catch(() => {});
    listener.release();
  }
}
