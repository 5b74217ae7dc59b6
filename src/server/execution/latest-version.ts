import type pg from "pg";

export type LatestVersion = { versionId: string; version: number; priority: number | null };

/**
 * The newest version of a live (not deleted) workflow: what starting it — by
 * the API, the CLI or a `subworkflow` node — runs. Stored graphs were
 * validated when saved, so `settings.priority` is read straight from the
 * JSON rather than by parsing the whole document on every start.
 */
export async function findLatestVersion(db: pg.Pool | pg.PoolClient, workflowId: string): Promise<LatestVersion | undefined> {
  const { rows } = await db.query<LatestVersion>({
    name: "sy_latest_version", // on every start: prepared once per connection (planning cost more than running it)
    text: `SELECT v.id AS "versionId", w."latestVersion" AS version, (v.graph #>> '{settings,priority}')::int AS priority
       FROM "Workflow" w JOIN "WorkflowVersion" v ON v."workflowId" = w.id AND v.version = w."latestVersion"
      WHERE w.id = $1 AND w."deletedAt" IS NULL`,
    values: [workflowId],
  });
  const latest = rows[0];
  if (latest) remember(workflowId, latest);
  else remembered.delete(workflowId);
  return latest;
}

/**
 * The latest version this process last found for a workflow: a guess, for a
 * start that checks it in its own statement (execution-service.ts) and so
 * needs no lookup first. Any process may save a new version meanwhile: a start
 * whose check fails looks it up and starts the new one. Versions never change,
 * so a version number still current names the same version row and priority.
 * Bounded: the least recently found go first.
 */
export function rememberedLatestVersion(workflowId: string): LatestVersion | undefined {
  return remembered.get(workflowId);
}

export function forgetLatestVersion(workflowId: string): void {
  remembered.delete(workflowId);
}

const MAX_REMEMBERED = 1000;
const remembered = new Map<string, LatestVersion>();

function remember(workflowId: string, latest: LatestVersion) {
  remembered.delete(workflowId); // re-inserted last: Map order is the eviction order
  remembered.set(workflowId, latest);
  if (remembered.size > MAX_REMEMBERED) remembered.delete(remembered.keys().next().value!);
}
