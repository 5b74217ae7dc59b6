/**
 * `npm run dev` / `npm start`: the whole product from one command.
 *
 *   1. validate the environment;
 *   2. with no DATABASE_URL, start (or reuse) the embedded PostgreSQL;
 *   3. apply migrations (ours + graphile-worker's);
 *   4. start the web process (server.ts) and one worker process (worker/main.ts);
 *   5. print one line with the URL;
 *   6. on Ctrl-C / SIGTERM stop the children, then Postgres, and exit 0.
 *
 * `--production` (npm start) serves the `next build` output.
 */
import { fork, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { loadEnv, redactUrl } from "@/server/env";
import { LOOPBACK_ALLOWLIST } from "@/server/network-policy";
import { resolveDatabase } from "@/server/db/resolve-database";

const root = path.resolve(import.meta.dirname, "..");
if (process.argv.includes("--production")) (process.env as Record<string, string>).NODE_ENV = "production";
const env = loadEnv();
const production = env.NODE_ENV === "production";

if (production && !existsSync(path.join(root, ".next", "BUILD_ID"))) {
  console.error("switchyard: no production build found. Run `npm run build` first, then `npm start`.");
  process.exit(1);
}

const started = Date.now();
let db: Awaited<ReturnType<typeof resolveDatabase>>;
try {
  db = await resolveDatabase(env, { adoptEmbedded: true });
} catch (error) {
  console.error(`switchyard: could not prepare the database: ${redactUrl((error as Error).message)}`);
  process.exit(1);
}

// Development: http.request nodes may call services on this machine. Production (npm start): no
// non-public address unless HTTP_ALLOW_PRIVATE_NETWORKS says so.
const allowance = production || env.HTTP_ALLOW_PRIVATE_NETWORKS !== undefined ? {} : { HTTP_ALLOW_PRIVATE_NETWORKS: LOOPBACK_ALLOWLIST };

const children = new Map<string, ChildProcess>();
let stopping = false;

function startChild(name: string, entry: string): Promise<void> {
  const child = fork(path.join(root, entry), [], {
    cwd: root,
    execArgv: ["--import", "tsx"],
    env: { ...process.env, ...allowance, DATABASE_URL: db.url, SWITCHYARD_SUPERVISED: "1", NODE_ENV: env.NODE_ENV, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: "inherit",
  });
  children.set(name, child);
  child.on("exit", (code, signal) => {
    children.delete(name);
    if (!stopping) {
      console.error(`switchyard: the ${name} process stopped unexpectedly (${signal ?? `exit code ${code}`}); shutting down.`);
      void shutdown(1);
    }
  });
  return new Promise((resolve, reject) => {
    child.once("message", (m: { type?: string }) => (m?.type === "ready" ? resolve() : undefined));
    child.once("exit", () => reject(new Error(`${name} exited during start-up`)));
  });
}

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  await Promise.all(
    [...children.values()].map(
      (child) =>
        new Promise<void>((resolve) => {
          const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
          child.once("exit", () => (clearTimeout(timer), resolve()));
          child.kill("SIGTERM");
        }),
    ),
  );
  await db.embedded?.stop();
  process.exit(code);
}

process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
// When whoever started us dies without passing the signal on (a process manager
// sending SIGTERM to `npm`, whose shell does not forward it), stop too rather
// than leave the web process, the worker and Postgres running as orphans.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) void shutdown(0);
}, 1000).unref();

try {
  await Promise.all([startChild("web", "server.ts"), startChild("worker", "worker/main.ts")]);
} catch {
  await shutdown(1);
}
const where = db.embedded ? `embedded PostgreSQL on 127.0.0.1:${env.EMBEDDED_PG_PORT}` : redactUrl(db.url);
console.log(
  `Switchyard is running at http://localhost:${env.PORT} (${production ? "production" : "development"}, ${where}, ready in ${((Date.now() - started) / 1000).toFixed(1)} s) — Ctrl-C to stop`,
);
