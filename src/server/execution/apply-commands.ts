import type pg from "pg";
import type { EngineCommand, EngineError, EngineEvent, ExecutionState, Json, TerminalStatus } from "@/engine/execution-types";
import { TERMINAL, type ExecutionRow } from "./execution-row";
import { CHANNEL, JOB, toJobPriority, type JobSpec } from "./jobs";
import { findLatestVersion } from "./latest-version";

/**
 * Turn an engine step's commands into rows and jobs, inside the step's
 * transaction. Returns the jobs to enqueue (the caller enqueues them in the
 * same transaction). Child executions are created here; the durable
 * relationship parent ⇄ child is (parentExecutionId, parentRunKey).
 */
export async function applyCommands(
  client: pg.PoolClient,
  row: ExecutionRow,
  state: ExecutionState,
  commands: readonly EngineCommand[],
): Promise<JobSpec[]> {
  const priority = toJobPriority(row.priority);
  const jobs: JobSpec[] = [];
  const event = (event: EngineEvent, extra: Partial<JobSpec> = {}): JobSpec => ({
    identifier: JOB.event,
    payload: { executionId: row.id, event },
    priority,
    ...extra,
  });

  for (const command of commands) {
    switch (command.type) {
      case "run-effect":
        jobs.push({ identifier: JOB.effect, payload: { executionId: row.id, command }, priority });
        break;
      case "schedule-timer":
        jobs.push(
          event({ type: "timer-fired", timerId: command.timerId }, { runAt: command.fireAt, jobKey: `${row.id}:${command.timerId}` }),
        );
        break;
      case "create-approval":
        await client.query(
          `INSERT INTO "ApprovalTask" (id, "executionId", "runKey", "nodeId", title, description, assignees, form)
           VALUES (gen_random_uuid()::text, $1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT ("executionId", "runKey") DO NOTHING`,
          [row.id, command.runKey, command.nodeId, command.title, command.description ?? null, JSON.stringify(command.assignees), command.form === undefined ? null : JSON.stringify(command.form)],
        );
        break;
      case "close-approval":
        await client.query(
          `UPDATE "ApprovalTask" SET status = $3 WHERE "executionId" = $1 AND "runKey" = $2 AND status = 'pending'`,
          [row.id, command.runKey, command.reason],
        );
        break;
      case "start-child": {
        const child = await createChildExecution(client, row, command);
        if (child.ok) jobs.push({ identifier: JOB.start, payload: { executionId: child.id }, priority });
        else
          jobs.push(
            event({
              type: "child-finished",
              runKey: command.runKey,
              status: "failed",
              output: null,
              error: { type: "NodeError", message: child.message, nodeId: command.nodeId, retryable: false },
            }),
          );
        break;
      }
      case "cancel-child": {
        const { rows } = await client.query<{ id: string }>(
          `SELECT id FROM "Execution" WHERE "parentExecutionId" = $1 AND "parentRunKey" = $2`,
          [row.id, command.runKey],
        );
        for (const child of rows) jobs.push({ identifier: JOB.event, payload: { executionId: child.id, event: { type: "cancel-requested" } }, priority });
        break;
      }
      case "abort-effect":
        await client.query("SELECT pg_notify($1, $2)", [CHANNEL.abort, JSON.stringify({ executionId: row.id, runKey: command.runKey })]);
        break;
    }
  }

  // Finishing: the parent (if any) is told. saveStep cancels pending approval tasks and sends the NOTIFY.
  if (TERMINAL.has(state.status) && !TERMINAL.has(row.status)) {
    jobs.push(...parentNotice(row, state.status as TerminalStatus, (state.output ?? null) as Json, state.error ?? null));
  }
  return jobs;
}

/** The `child-finished` event for the parent of a sub-workflow execution (none for a top-level one). */
export function parentNotice(
  row: Pick<ExecutionRow, "parentExecutionId" | "parentRunKey" | "priority">,
  status: TerminalStatus,
  output: Json,
  error: EngineError | null,
): JobSpec[] {
  if (!row.parentExecutionId || !row.parentRunKey) return [];
  return [
    {
      identifier: JOB.event,
      payload: { executionId: row.parentExecutionId, event: { type: "child-finished", runKey: row.parentRunKey, status, output, error } },
      priority: toJobPriority(row.priority),
    },
  ];
}

async function createChildExecution(
  client: pg.PoolClient,
  parent: ExecutionRow,
  command: Extract<EngineCommand, { type: "start-child" }>,
): Promise<{ ok: true; id: string } | { ok: false; message: string }> {
  const existing = await client.query<{ id: string }>(
    `SELECT id FROM "Execution" WHERE "parentExecutionId" = $1 AND "parentRunKey" = $2`,
    [parent.id, command.runKey],
  );
  if (existing.rows[0]) return { ok: true, id: existing.rows[0].id };
  const version = await findLatestVersion(client, command.workflowId);
  if (!version) return { ok: false, message: `sub-workflow ${command.workflowId} does not exist` };
  const inserted = await client.query<{ id: string }>(
    // The child is started by whoever started its parent (its admission owner: admission.ts).
    `INSERT INTO "Execution" (id, "workflowId", "workflowVersionId", status, mode, trigger, priority, input, "parentExecutionId", "parentRunKey", "startedBy")
     VALUES (gen_random_uuid()::text, $1, $2, 'queued', $3, 'subworkflow', $4, $5, $6, $7, $8) RETURNING id`,
    [command.workflowId, version.versionId, parent.mode, parent.priority, JSON.stringify(command.input), parent.id, command.runKey, parent.startedBy],
  );
  return { ok: true, id: inserted.rows[0]!.id };
}
