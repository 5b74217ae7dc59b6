import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { Logger, runMigrations as runGraphileMigrations } from "graphile-worker";
import { JOB } from "@/server/execution/jobs";

/**
 * Applies `prisma/migrations/<name>/migration.sql` in name order and records
 * each in Prisma's own `_prisma_migrations` table (same columns, sha256
 * checksum of the file), so `prisma migrate status/deploy` agree with us
 * wherever the Prisma CLI can run. Prisma's CLI needs a schema-engine binary
 * it downloads, which these machines cannot; this runner needs nothing.
 *
 * MUST be safe when several processes start at once (web + workers): a
 * session advisory lock serialises runners, and each migration is applied in
 * its own transaction together with its bookkeeping row.
 */
const LOCK_KEY = 727_001; // arbitrary, constant: "switchyard migrations"

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, "../../../prisma/migrations");

export type MigrationResult = { applied: string[] };

export async function migrateDatabase(databaseUrl: string, dir = MIGRATIONS_DIR): Promise<MigrationResult> {
  const client = new pg.Client({ connectionString: databaseUrl });
  client.on("error", () => {});
  await client.connect();
  const applied: string[] = [];
  try {
    await client.query("SELECT pg_advisory_lock($1)", [LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0
    )`);
    const { rows } = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
    );
    const done = new Map(rows.map((r) => [r.migration_name, r]));
    for (const migration of listMigrations(dir)) {
      const previous = done.get(migration.name);
      if (previous?.finished_at) {
        if (previous.checksum !== migration.checksum) {
          console.warn(
            `switchyard: migration ${migration.name} was edited after it was applied (checksum differs); ` +
              `add a new migration instead of changing an applied one.`,
          );
        }
        continue;
      }
      if (previous) {
        throw new Error(
          `Migration ${migration.name} started earlier but never finished. Inspect the database, then mark it ` +
            `rolled back (UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = '${migration.name}').`,
        );
      }
      await client.query("BEGIN");
      try {
        await client.query(migration.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
           VALUES ($1, $2, $3, now(), now(), 1)`,
          [randomUUID(), migration.checksum, migration.name],
        );
        await client.query("COMMIT");
        applied.push(migration.name);
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${migration.name} failed: ${(error as Error).message}`);
      }
    }
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]).catch(() => {});
    await client.end();
  }
  // graphile-worker keeps its own schema (graphile_worker.*) and migrates it itself.
  // Give it our own short-lived pool and close it: left to itself it keeps idle connections open.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  pool.on("error", () => {});
  pool.on("connect", (client) => client.on("error", () => {}));
  try {
    await runGraphileMigrations({ pgPool: pool, logger: quietLogger });
    await registerTasks(pool);
  } finally {
    await pool.end();
  }
  return { applied };
}

/**
 * Our task names in graphile-worker's task table, before any job needs them. The statements that
 * write jobs themselves (step-jobs.ts) also insert a missing task row, but a row another transaction
 * inserts meanwhile (a worker registering its tasks as it starts) is invisible to their snapshot, so
 * on a new database the first job of a task could find no task row and not be written.
 */
async function registerTasks(pool: pg.Pool): Promise<void> {
  await pool.query(`INSERT INTO graphile_worker._private_tasks (identifier) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING`, [
    Object.values(JOB),
  ]);
}

function listMigrations(dir: string) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

const quietLogger = new Logger(() => () => {});
