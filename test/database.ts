import { afterAll } from "vitest";
import { createDatabase, type Database } from "@/server/db/prisma";

/**
 * A Prisma client + pool on this file's fresh database (see int-setup.ts),
 * closed after the file's tests. Call inside a test or beforeAll.
 */
const opened: Database[] = [];

export function openTestDatabase(): Database {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("openTestDatabase() must be called from an integration test (*.int.test.ts)");
  const db = createDatabase(url, { max: 4, name: "switchyard-test" });
  opened.push(db);
  return db;
}

afterAll(async () => {
  for (const db of opened.splice(0)) {
    await db.prisma.$disconnect();
    await db.pool.end();
  }
});
