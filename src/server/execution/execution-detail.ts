import type pg from "pg";
import type { Json } from "@/engine/execution-types";
import type { WorkflowDocument } from "@/engine/workflow-schema";
import { DomainError, notFound } from "@/server/errors";
import { requireValidDocument } from "@/server/services/workflow-document";

/**
 * One execution with the graph AS IT RAN (tRPC `execution.detail`): the
 * document of the version it started on — not the workflow's newest — or, for
 * a document run (`wf run FILE`), the document it was given.
 */
export type ExecutionDetail = {
  id: string;
  workflowId: string | null;
  /** The workflow's current name; the document's name for a document run. */
  workflowName: string;
  version: number | null;
  document: WorkflowDocument;
  status: string;
  mode: string;
  trigger: string;
  input: Json;
  output: Json;
  /** Why it failed, was cancelled or timed out (the engine's error); null otherwise. */
  error: ExecutionErrorView | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** From start (or creation, when it never started) to finish; null while unfinished. */
  durationMs: number | null;
  /** The last event's seq: a live view that has it is up to date. */
  eventSeq: number;
};

export type ExecutionErrorView = { type: string; message: string; nodeId: string | null };

type Row = {
  id: string;
  workflowId: string | null;
  workflowName: string | null;
  version: number | null;
  versionGraph: unknown;
  graph: unknown;
  status: string;
  mode: string;
  trigger: string;
  input: Json | null;
  output: Json | null;
  error: { type?: string; message?: string; nodeId?: string } | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  durationMs: number | null;
  eventSeq: number;
};

export async function readExecutionDetail(pool: pg.Pool, executionId: string): Promise<ExecutionDetail> {
  const { rows } = await pool.query<Row>(
    `SELECT x.id, x."workflowId", w.name AS "workflowName", v.version, v.graph AS "versionGraph", x.graph,
            x.status, x.mode, x.trigger, x.input, x.output, x.error,
            x."createdAt" AT TIME ZONE 'UTC' AS "createdAt",
            x."startedAt" AT TIME ZONE 'UTC' AS "startedAt",
            x."finishedAt" AT TIME ZONE 'UTC' AS "finishedAt",
            round(EXTRACT(EPOCH FROM (x."finishedAt" - coalesce(x."startedAt", x."createdAt"))) * 1000)::int AS "durationMs",
            x."eventSeq"
       FROM "Execution" x
       LEFT JOIN "WorkflowVersion" v ON v.id = x."workflowVersionId"
       LEFT JOIN "Workflow" w ON w.id = x."workflowId"
      WHERE x.id = $1`,
    [executionId],
  );
  const row = rows[0];
  if (!row) throw notFound("Execution", executionId);
  const stored = row.versionGraph ?? row.graph;
  if (stored === null) {
    throw new DomainError("NOT_FOUND", `The graph execution ${executionId} ran is no longer stored (its workflow was removed)`);
  }
  // Stored documents were validated on the way in; parse again so every reader sees the normalised shape.
  const document = requireValidDocument(stored);
  return {
    id: row.id,
    workflowId: row.workflowId,
    workflowName: row.workflowName ?? document.name,
    version: row.version,
    document,
    status: row.status,
    mode: row.mode,
    trigger: row.trigger,
    input: row.input ?? null,
    output: row.output ?? null,
    error: row.error ? { type: row.error.type ?? "Error", message: row.error.message ?? "", nodeId: row.error.nodeId ?? null } : null,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    durationMs: row.durationMs,
    eventSeq: row.eventSeq,
  };
}
