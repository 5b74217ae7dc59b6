import { readHealth } from "@/server/services/health-service";
import { withCliDatabase } from "../cli-database";
import { parseArgs } from "../parse-args";
import { CliError } from "../cli-error";

/**
 * `wf workers [--stale-after SECONDS] [--json]`: the worker processes and their
 * heartbeats, one line each:
 *
 *   ID                          HOST   PID    RUNNING  LOCKED  LAST BEAT  STATE
 *   pool-5d1e…                  box-1  4711   2/8      2       1.2s ago   alive
 *
 * RUNNING is the worker's own sample (at its last beat) over its concurrency;
 * LOCKED is what graphile-worker's table says it holds now. A stale worker's
 * jobs are released by the other workers' sweepers after WORKER_STALE_SECONDS.
 * Exit 0 when at least one worker is alive, 1 otherwise (usable in scripts).
 */
export async function workersCommand(args: string[]): Promise<number> {
  const json = args.includes("--json"); // a switch; parseArgs' flags all take a value
  const { positional, options } = parseArgs(args.filter((a) => a !== "--json"), ["stale-after"]);
  if (positional.length > 0) throw new CliError(`unexpected argument "${positional[0]}"`, 2);
  const staleAfter = options["stale-after"] === undefined ? 15 : Number(options["stale-after"]);
  if (!Number.isFinite(staleAfter) || staleAfter <= 0) throw new CliError("--stale-after must be a number of seconds greater than 0", 2);
  return withCliDatabase(async ({ pool }) => {
    const health = await readHealth(pool, staleAfter);
    if (!health.database.ok) throw new Error(`database unavailable: ${"error" in health.database ? health.database.error : "unknown error"}`);
    if (json) {
      console.log(JSON.stringify(health, null, 2));
      return health.workers.alive > 0 ? 0 : 1;
    }
    console.log(formatWorkersTable(health.workers.list));
    const jobs = health.jobs;
    console.log(
      `\n${health.workers.alive} of ${health.workers.total} worker(s) alive` +
        (jobs ? `; jobs: ${jobs.ready} ready, ${jobs.scheduled} scheduled, ${jobs.locked} running, ${jobs.orphaned} held by dead workers` : ""),
    );
    return health.workers.alive > 0 ? 0 : 1;
  });
}

type WorkerRow = {
  workerId: string;
  host: string;
  pid: number;
  concurrency: number;
  runningJobs: number;
  lockedJobs: number;
  ageSeconds: number;
  alive: boolean;
};

export function formatWorkersTable(workers: readonly WorkerRow[]): string {
  if (workers.length === 0) return "no workers (start one with `npm run worker`)";
  const header = ["ID", "HOST", "PID", "RUNNING", "LOCKED", "LAST BEAT", "STATE"];
  const rows = workers.map((w) => [
    w.workerId,
    w.host,
    String(w.pid),
    `${w.runningJobs}/${w.concurrency}`,
    String(w.lockedJobs),
    `${formatAge(w.ageSeconds)} ago`,
    w.alive ? "alive" : "stale",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  return [header, ...rows].map((r) => r.map((cell, i) => cell.padEnd(widths[i]!)).join("  ").trimEnd()).join("\n");
}

function formatAge(seconds: number): string {
  const s = Math.max(0, seconds);
  if (s < 60) return `${s.toFixed(1)}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(Math.floor(s % 60)).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
}
