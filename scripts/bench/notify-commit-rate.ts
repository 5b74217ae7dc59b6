/**
 * `node --import tsx scripts/bench/notify-commit-rate.ts [--seconds N]`
 *
 * Why transitions send their NOTIFYs after COMMIT (src/server/db/post-commit-notices.ts):
 * 16 clients commit one-row inserts as fast as they can on the benchmark's
 * durable Postgres (fsync on), with 4 LISTENing sessions, four ways:
 *   plain            the insert alone;
 *   notify-in        the insert and a pg_notify in one transaction (what every transition did);
 *   notify-after     the insert, then a pg_notify in its own transaction;
 *   notify-after-async  the same with synchronous_commit off for the notify (what sendNotices does).
 * A NOTIFY in a transaction makes its COMMIT take a database-wide lock until
 * the commit is flushed, so those commits cannot share an fsync (group commit).
 * Committed inserts per second on the 2-core bench machine (2026-11-27): plain 5,577 / 7,997 commits/s,
 * notify-in 2,006 / 2,158, notify-after 3,401 / 3,318, notify-after-async 3,259 / 3,247;
 * another run 4,543 / 4,487, 1,491 / 1,505, 2,818 / 3,714, 2,649 / 3,724.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { ensureDatabase, startEmbeddedPostgres } from "@/server/db/embedded-postgres";
import { BENCH_PG_PORT } from "./bench-environment";

const { values: args } = parseArgs({ options: { seconds: { type: "string", default: "4" } } });
const ROOT = path.resolve(import.meta.dirname, "../..");
const server = await startEmbeddedPostgres({ dataDir: path.join(ROOT, ".data/pg-bench"), port: BENCH_PG_PORT, settings: {}, log: () => {}, adopt: true });
await ensureDatabase(server.urlFor("postgres"), "switchyard_notify_rate");
const url = server.urlFor("switchyard_notify_rate");
const pool = new pg.Pool({ connectionString: url, max: 16 });
await pool.query("CREATE TABLE IF NOT EXISTS commit_rate (id bigserial PRIMARY KEY, v text)");
const listeners = await Promise.all(
  [1, 2, 3, 4].map(async () => {
    const client = new pg.Client({ connectionString: url });
    client.on("error", () => {});
    await client.connect();
    await client.query("LISTEN commit_rate");
    return client;
  }),
);

const MODES: Record<string, (c: pg.PoolClient) => Promise<unknown>> = {
  plain: (c) => c.query("INSERT INTO commit_rate (v) VALUES ('x')"),
  "notify-in": (c) => c.query("WITH i AS (INSERT INTO commit_rate (v) VALUES ('x') RETURNING id) SELECT pg_notify('commit_rate', id::text) FROM i"),
  "notify-after": async (c) => {
    await c.query("INSERT INTO commit_rate (v) VALUES ('x')");
    await c.query("SELECT pg_notify('commit_rate', 'x')");
  },
  "notify-after-async": async (c) => {
    await c.query("INSERT INTO commit_rate (v) VALUES ('x')");
    await c.query("SELECT set_config('synchronous_commit', 'off', true), pg_notify('commit_rate', 'x')");
  },
};

const ms = Number(args.seconds) * 1000;
for (let round = 0; round < 2; round++) {
  for (const [mode, commit] of Object.entries(MODES)) {
    let n = 0;
    const end = Date.now() + ms;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        const client = await pool.connect();
        try {
          while (Date.now() < end) {
            await commit(client);
            n++;
          }
        } finally {
          client.release();
        }
      }),
    );
    console.log(`${mode.padEnd(20)} ${(n / (ms / 1000)).toFixed(0).padStart(6)} inserts committed/s`);
  }
}
await pool.end();
await Promise.all(listeners.map((l) => l.end()));
if (server.startedHere) await server.stop();
