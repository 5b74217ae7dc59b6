import type { WorkflowDocument } from "@/engine/workflow-schema";

/**
 * Parsed documents of stored workflow versions, kept in this process so that
 * opening a workflow neither reads its graph again nor parses it again (a
 * 500-node document: ≈ 90 KB of JSONB and 10–70 ms of validation per page view).
 *
 * Correct without invalidation because a version MUST never change once
 * written: WorkflowVersion rows are only inserted (workflow-service.ts), keyed
 * by workflow id and version number. Callers MUST treat a cached document as
 * read-only: it is shared by every request that opens that version.
 *
 * Bounded by the nodes it holds (`maxNodes`, least recently used out first),
 * not by the number of documents: one 2,000-node document weighs as much as a
 * thousand small ones.
 */
export type ParsedVersion = { document: WorkflowDocument; createdAt: Date };

export function parsedVersionCache({ maxNodes }: { maxNodes: number }) {
  // A Map iterates in insertion order: re-inserting on use keeps the least recently used first.
  const entries = new Map<string, ParsedVersion>();
  let heldNodes = 0;
  const key = (workflowId: string, version: number) => `${workflowId}@${version}`;

  function get(workflowId: string, version: number): ParsedVersion | undefined {
    const k = key(workflowId, version);
    const entry = entries.get(k);
    if (entry) {
      entries.delete(k);
      entries.set(k, entry);
    }
    return entry;
  }

  function set(workflowId: string, version: number, entry: ParsedVersion): void {
    const k = key(workflowId, version);
    const size = entry.document.nodes.length;
    if (size > maxNodes || entries.has(k)) return;
    entries.set(k, entry);
    heldNodes += size;
    for (const [oldest, evicted] of entries) {
      if (heldNodes <= maxNodes) break;
      entries.delete(oldest);
      heldNodes -= evicted.document.nodes.length;
    }
  }

  return { get, set, size: () => entries.size, heldNodes: () => heldNodes };
}

/** The web process's one cache: room for ten 2,000-node documents, or forty 500-node ones. */
export const parsedVersions = parsedVersionCache({ maxNodes: 20_000 });
