import pg from "pg";
import { ensureDatabase, startEmbeddedPostgres, type RunningPostgres } from "@/server/db/embedded-postgres";
import { migrateDatabase } from "@/server/db/migrate";

/**
 * The Postgres server the test suite uses: TEST_DATABASE_URL's server when set
 * (any database on it; the suite creates and drops its own databases there),
 * otherwise an embedded server under .data/pg-test on TEST_PG_PORT (54339),
 * tuned for speed (no fsync: test data is disposable).
 *
 * Every integration test file gets its own database, cloned from a migrated
 * template (CREATE DATABASE … TEMPLATE is a file copy: ~10 ms).
 */
/** One template per test run (several runs may share a server, e.g. two terminals or CI + a developer). */
export const templateName = () => `sy_template_${process.pid}`;

export async function startTestPostgres(): Promise<RunningPostgres> {
  const external = process.env.TEST_DATABASE_URL;
  if (external) {
    const url = new URL(external);
    const urlFor = (db: string) => Object.assign(new URL(url), { pathname: `/${db}` }).toString();
    return { adminUrl: external, urlFor, startedHere: false, stop: async () => {} };
  }
  return startEmbeddedPostgres({
    dataDir: ".data/pg-test",
    port: Number(process.env.TEST_PG_PORT ?? 54339),
    settings: { fsync: "off", synchronous_commit: "off", full_page_writes: "off" },
  });
}

/** (Re)create a migrated template database; returns its name. */
export async function prepareTemplate(server: RunningPostgres, name = templateName()): Promise<string> {
  await dropDatabase(server.adminUrl, name);
  await ensureDatabase(server.adminUrl, name);
  await migrateDatabase(server.urlFor(name));
  return name;
}

export async function createDatabaseFromTemplate(adminUrl: string, name: string, template: string): Promise<void> {
  await ensureDatabase(adminUrl, name, template);
}

/**
 * Drop a test database. Without `force`, this fails while any connection is
 * still open — which is how a test that leaks a pool or a worker is caught.
 */
export async function dropDatabase(adminUrl: string, name: string, options: { force?: boolean } = { force: true }) {
  const client = new pg.Client({ connectionString: adminUrl });
  client.on("error", () => {});
  await client.connect();
  try {
    const force = options.force ? " WITH (FORCE)" : "";
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)}${force}`);
  } finally {
    await client.end();
  }
}
