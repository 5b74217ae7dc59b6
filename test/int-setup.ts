import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, inject } from "vitest";
import { createDatabaseFromTemplate, dropDatabase } from "./test-postgres";

/**
 * Runs in every integration test file: a fresh database cloned from the
 * migrated template, exposed as process.env.DATABASE_URL. After the file's
 * tests it is dropped WITHOUT force, so a pool, Prisma client or worker that
 * a test forgot to close fails the file.
 */
const name = `sy_test_${randomBytes(6).toString("hex")}`;
const adminUrl = inject("pgAdminUrl");

beforeAll(async () => {
  await createDatabaseFromTemplate(adminUrl, name, inject("pgTemplateDb"));
  process.env.DATABASE_URL = inject("pgUrlTemplate").replace("__DB__", name);
});

afterAll(async () => {
  try {
    await dropDatabase(adminUrl, name, { force: false });
  } catch (error) {
    await dropDatabase(adminUrl, name, { force: true });
    throw new Error(`A database connection was left open by this test file (${(error as Error).message}). Close every pool, client and worker in afterAll.`);
  }
});
