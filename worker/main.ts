/**
 * `npm run worker`: one worker process. Run as many as you like, on any
 * machines, against the same DATABASE_URL (graphile-worker shares jobs with
 * SKIP LOCKED). Without DATABASE_URL it uses (or starts) the embedded Postgres.
 */
import { loadEnv } from "@/server/env";
import { resolveDatabase } from "@/server/db/resolve-database";
import { startWorker } from "./start-worker";
import { onShutdown } from "@/server/shutdown";

const env = loadEnv();
const db = await resolveDatabase(env, { migrate: process.env.SWITCHYARD_SUPERVISED !== "1" });
const worker = await startWorker({
  databaseUrl: db.url,
  concurrency: env.WORKER_CONCURRENCY,
  heartbeatSeconds: env.WORKER_HEARTBEAT_SECONDS,
  pollIntervalMs: env.WORKER_POLL_INTERVAL_MS,
  logLevel: env.LOG_LEVEL,
});
process.send?.({ type: "ready", workerId: worker.workerId });
if (process.env.SWITCHYARD_SUPERVISED !== "1") {
  console.log(`switchyard worker ${worker.workerId} running (concurrency ${env.WORKER_CONCURRENCY}); Ctrl-C to stop`);
}
onShutdown(async () => {
  await worker.stop();
  await db.embedded?.stop();
});
