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
  const document = await loadVersionWorkflow(client, row.workflowVersionId);
  if (!document) throw new Error(`workflow version ${row.workflowVersionId} of execution ${row.id} is missing`);
  return document;
}

/** A stored version's parsed document (undefined if there is no such version). */
export async function loadVersionWorkflow(client: pg.PoolClient, versionId: string): Promise<WorkflowDocument | undefined> {
  const hit = cache.get(versionId);
  if (hit) return hit;
  const { rows } = await client.query<{ graph: unknown }>(`SELECT graph FROM "WorkflowVersion" WHERE id = $1`, [versionId]);
  if (!rows[0]) return undefined;
  const document = requireValidDocument(rows[0].graph);
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  cache.set(versionId, document);
  return document;
}

/** The execution's workflow when it needs no query (a stored version already parsed here, or the row's own graph); else undefined. */
export function cachedExecutionWorkflow(row: ExecutionRow): WorkflowDocument | undefined {
  if (!row.workflowVersionId) return requireValidDocument(row.graph);
  return cache.get(row.workflowVersionId);
}
