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
  staleSeconds: env.WORKER_STALE_SECONDS,
  shutdownGraceMs: env.WORKER_SHUTDOWN_GRACE_SECONDS * 1000,
  allowPrivateNetworks: env.HTTP_ALLOW_PRIVATE_NETWORKS ?? "",
  maxResponseKb: env.HTTP_MAX_RESPONSE_KB,
  sandboxMaxMemoryMb: env.SANDBOX_MAX_MEMORY_MB,
});
process.send?.({ type: "ready", workerId: worker.workerId });
if (process.env.SWITCHYARD_SUPERVISED !== "1") {
  console.log(`switchyard worker ${worker.workerId} running (concurrency ${env.WORKER_CONCURRENCY}); Ctrl-C to stop`);
}
// SIGTERM/SIGINT: stop taking jobs, let running ones finish within the grace period, release the
// rest for another worker, remove the heartbeat. The hard timeout leaves room for the release (and
// stays under the supervisor's 20 s SIGKILL with the default 10 s grace).
onShutdown(
  async () => {
    await worker.stop();
    await db.embedded?.stop();
  },
  { timeoutMs: env.WORKER_SHUTDOWN_GRACE_SECONDS * 1000 + 8_000 },
);
