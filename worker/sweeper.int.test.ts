import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openTestDatabase } from "../test/database";
import { sweepStaleWorkers } from "./sweeper";
import { startWorker, type WorkerHandle } from "./start-worker";
import { readHealth } from "@/server/services/health-service";
import { workersCommand } from "@/cli/commands/workers";
import type { Database } from "@/server/db/prisma";

/**
 * The stale-worker sweep on hand-made rows (which locks it releases and which
 * it leaves alone), health's view of orphaned jobs, and `wf workers`.
 */
let db: Database;
let worker: WorkerHandle;

beforeAll(async () => {
  db = openTestDatabase();
});
afterAll(async () => {
  await worker?.stop();
});

async function heartbeat(workerId: string, ageSeconds: number) {
  await db.pool.query(
    `INSERT INTO "WorkerHeartbeat" ("workerId", host, pid, concurrency, "runningJobs", "startedAt", "lastSeenAt")
     VALUES ($1, 'box', 1, 4, 1, now() - make_interval(secs => $2), now() - make_interval(secs => $2))`,
    [workerId, ageSeconds],
  );
}

/** A job (of a task no worker here runs) locked by `lockedBy` since `ageSeconds` ago. */
async function lockedJob(lockedBy: string, ageSeconds: number): Promise<string> {
  const { rows } = await db.pool.query<{ id: string }>(`SELECT id::text FROM graphile_worker.add_job('test.nothing', '{}'::json)`);
  await db.pool.query(
    `UPDATE graphile_worker._private_jobs SET locked_by = $2, locked_at = now() - make_interval(secs => $3), attempts = 1 WHERE id = $1`,
    [rows[0]!.id, lockedBy, ageSeconds],
  );
  return rows[0]!.id;
}

async function lockOf(jobId: string) {
  const { rows } = await db.pool.query<{ lockedBy: string | null; runAtDue: boolean }>(
    `SELECT locked_by AS "lockedBy", run_at <= now() AS "runAtDue" FROM graphile_worker._private_jobs WHERE id = $1`,
    [jobId],
  );
  return rows[0];
}

describe("sweepStaleWorkers", () => {
  it("releases the jobs of stale and unknown workers (due at once) and deletes stale rows; live and young locks stay", async () => {
    await heartbeat("pool-dead", 60);
    await heartbeat("pool-live", 1);
    const dead = await lockedJob("pool-dead", 50);
    const live = await lockedJob("pool-live", 50);
    const ghost = await lockedJob("pool-ghost", 60); // no heartbeat row at all, locked long ago
    const young = await lockedJob("pool-young", 0); // no row yet: a worker that just started

    const before = await readHealth(db.pool, 15);
    expect(before.workers.list.map((w) => [w.workerId, w.alive, w.lockedJobs])).toEqual([
      ["pool-dead", false, 1],
      ["pool-live", true, 1],
    ]);
    expect(before.jobs).toMatchObject({ locked: 4, orphaned: 3 });

    // Two sweepers at once: the row lock makes exactly one of them release the dead worker.
    const results = await Promise.all([sweepStaleWorkers(db.pool, "pool-self", 15), sweepStaleWorkers(db.pool, "pool-other", 15)]);
    expect(results.flatMap((r) => r.staleWorkers)).toEqual(["pool-dead"]);
    expect(results.flatMap((r) => r.orphanLockers)).toContain("pool-ghost");

    expect(await lockOf(dead)).toEqual({ lockedBy: null, runAtDue: true });
    expect(await lockOf(ghost)).toEqual({ lockedBy: null, runAtDue: true });
    expect(await lockOf(live)).toMatchObject({ lockedBy: "pool-live" });
    expect(await lockOf(young)).toMatchObject({ lockedBy: "pool-young" });
    const { rows } = await db.pool.query(`SELECT "workerId" FROM "WorkerHeartbeat" ORDER BY 1`);
    expect(rows).toEqual([{ workerId: "pool-live" }]);
    await db.pool.query(`DELETE FROM graphile_worker._private_jobs; DELETE FROM "WorkerHeartbeat"`);
  });

  it("a real worker's jobs are locked by its heartbeat id (the pool id), which is what the sweep unlocks by", async () => {
    worker = await startWorker({ databaseUrl: process.env.DATABASE_URL!, concurrency: 1, heartbeatSeconds: 1, logLevel: "error" });
    expect(worker.workerId).toMatch(/^pool-/);
    // The job row graphile-worker hands to the task is the one its UPDATE … SET locked_by … RETURNING wrote.
    const lockedBy = new Promise<string | null>((resolve) => worker.runner.events.once("job:start", ({ job }) => resolve(job.locked_by)));
    await db.pool.query(`SELECT graphile_worker.add_job('worker.ping', '{}'::json)`);
    expect(await lockedBy).toBe(worker.workerId);
  });
});

describe("wf workers", () => {
  it("prints one line per worker with its pid, running jobs, heartbeat age and state; exit 0 when one is alive", async () => {
    await heartbeat("pool-gone", 120);
    const out: string[] = [];
    const log = vi.spyOn(console, "log").mockImplementation((line: string) => void out.push(line));
    try {
      expect(await workersCommand(["--stale-after", "15"])).toBe(0);
    } finally {
      log.mockRestore();
    }
    const text = out.join("\n");
    expect(text).toMatch(/^ID\s+HOST\s+PID\s+RUNNING\s+LOCKED\s+LAST BEAT\s+STATE$/m);
    expect(text).toMatch(new RegExp(`^${worker.workerId}\\s+\\S+\\s+${process.pid}\\s+0/1\\s+0\\s+\\d+\\.\\ds ago\\s+alive$`, "m"));
    expect(text).toMatch(/^pool-gone\s+box\s+1\s+1\/4\s+0\s+2m0\ds ago\s+stale$/m);
    expect(text).toContain("1 of 2 worker(s) alive");
  });

  it("rejects unknown arguments with exit code 2", async () => {
    await expect(workersCommand(["--bogus", "1"])).rejects.toMatchObject({ exitCode: 2 });
  });
});
