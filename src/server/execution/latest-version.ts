import type pg from "pg";

/**
 * The newest version of a live (not deleted) workflow: what starting it — by
 * the API, the CLI or a `subworkflow` node — runs. Stored graphs were
 * validated when saved, so `settings.priority` is read straight from the
 * JSON rather than by parsing the whole document on every start.
 */
export async function findLatestVersion(
  db: pg.Pool | pg.PoolClient,
  workflowId: string,
): Promise<{ versionId: string; priority: number | null } | undefined> {
  const { rows } = await db.query<{ versionId: string; priority: number | null }>({
    name: "sy_latest_version", // on every start: prepared once per connection (planning cost more than running it)
    text: `SELECT v.id AS "versionId", (v.graph #>> '{settings,priority}')::int AS priority
       FROM "Workflow" w JOIN "WorkflowVersion" v ON v."workflowId" = w.id AND v.version = w."latestVersion"
      WHERE w.id = $1 AND w."deletedAt" IS NULL`,
    values: [workflowId],
  });
  return rows[0];
}
