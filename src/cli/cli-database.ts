import { loadEnv } from "@/server/env";
import { resolveDatabase } from "@/server/db/resolve-database";
import { createDatabase, type Database } from "@/server/db/prisma";

/**
 * Run `work` against the app's database: DATABASE_URL, or the embedded
 * Postgres (reused when `npm run dev` is running; otherwise started for the
 * duration of the command and stopped after).
 */
export async function withCliDatabase<T>(work: (db: Database & { url: string }) => Promise<T>): Promise<T> {
  const resolved = await resolveDatabase(loadEnv());
  const db = createDatabase(resolved.url, { max: 4, name: "switchyard-cli" });
  try {
    return await work({ ...db, url: resolved.url });
  } finally {
    await db.prisma.$disconnect();
    await db.pool.end();
    await resolved.embedded?.stop();
  }
}
