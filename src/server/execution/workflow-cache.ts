import type pg from "pg";
import type { WorkflowDocument } from "@/engine/workflow-schema";
import { requireValidDocument } from "@/server/services/workflow-document";
import type { ExecutionRow } from "./execution-row";

/**
 * Parsed workflow documents by version id. Versions are immutable, so a
 * cached parse never goes stale; the cache is bounded (oldest evicted).
 */
const MAX_ENTRIES = 500;
const cache = new Map<string, WorkflowDocument>();

export async function loadExecutionWorkflow(client: pg.PoolClient, row: ExecutionRow): Promise<WorkflowDocument> {
  if (!row.workflowVersionId) return requireValidDocument(row.graph);
  const hit = cache.get(row.workflowVersionId);
  if (hit) return hit;
  const { rows } = await client.query<{ graph: unknown }>(`SELECT graph FROM "WorkflowVersion" WHERE id = $1`, [
    row.workflowVersionId,
  ]);
  if (!rows[0]) throw new Error(`workflow version ${row.workflowVersionId} of execution ${row.id} is missing`);
  const document = requireValidDocument(rows[0].graph);
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  cache.set(row.workflowVersionId, document);
  return document;
}

/** The execution's workflow when it needs no query (a stored version already parsed here, or the row's own graph); else undefined. */
export function cachedExecutionWorkflow(row: ExecutionRow): WorkflowDocument | undefined {
  if (!row.workflowVersionId) return requireValidDocument(row.graph);
  return cache.get(row.workflowVersionId);
}
