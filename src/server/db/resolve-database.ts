import type { Env } from "@/server/env";
import { ensureDatabase, startEmbeddedPostgres, type RunningPostgres } from "./embedded-postgres";
import { migrateDatabase } from "./migrate";

export type ResolvedDatabase = {
  url: string;
  /** Set when DATABASE_URL was unset and the embedded server is used. */
  embedded?: RunningPostgres;
};

/**
 * The database this process should use: DATABASE_URL when set, otherwise the
 * embedded PostgreSQL (started, or reused when already listening) with a
 * `switchyard` database. Migrations are applied either way (idempotent and
 * safe to run from several processes at once).
 */
export async function resolveDatabase(env: Env, options: { migrate?: boolean; adoptEmbedded?: boolean } = {}): Promise<ResolvedDatabase> {
  let resolved: ResolvedDatabase;
  if (env.DATABASE_URL) {
    resolved = { url: env.DATABASE_URL };
  } else {
    const embedded = await startEmbeddedPostgres({
      dataDir: env.EMBEDDED_PG_DIR,
      port: env.EMBEDDED_PG_PORT,
      adopt: options.adoptEmbedded,
    });
    await ensureDatabase(embedded.adminUrl, "switchyard");
    resolved = { url: embedded.urlFor("switchyard"), embedded };
  }
  if (options.migrate !== false) {
    try {
      await migrateDatabase(resolved.url);
    } catch (error) {
      await resolved.embedded?.stop();
      throw error;
    }
  }
  return resolved;
}
