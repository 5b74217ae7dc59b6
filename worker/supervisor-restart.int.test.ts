import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../test/database";
import { doc } from "../test/engine-harness";
import { startExecutionRequest } from "@/server/execution/execution-service";
import { readExecutionReport } from "@/server/execution/execution-report";
import { jobsSnapshot, killAllWorkers, spawnWorker, startDedupServer, until } from "./fault-harness";
import type { Database } from "@/server/db/prisma";

/**
 * The failover promise at the DEFAULT settings (WORKER_STALE_SECONDS 15,
 * WORKER_HEARTBEAT_SECONDS 5, sweep every 5 s ± 25 %, poll 200 ms): a LONE
 * worker process is killed with SIGKILL while its HTTP calls are in flight,
 * and a new worker process is started at once, as a supervisor restarting it
 * would. No other worker exists to sweep, so the newcomer's own sweeper must
 * release the dead worker's locks — and it only sweeps once its own heartbeat
 * has been healthy for a whole stale threshold (sweeper.ts). The executions
 * must still finish within 30 s of the kill.
 *
 *   start → call (POST /work/3000, Idempotency-Key) → result(output)
 */
let db: Database;
let server: Awaited<ReturnType<typeof startDedupServer>>;

// Empty values count as unset (src/server/env.ts): the worker runs with the code's defaults, whatever
// the harness (heartbeat 1 s, poll 100 ms) or the caller's environment says.
const DEFAULTS = { WORKER_STALE_SECONDS: "", WORKER_HEARTBEAT_SECONDS: "", WORKER_POLL_INTERVAL_MS: "", WORKER_CONCURRENCY: "" };
const COUNT = 4;
const BOUND_MS = 30_000;

beforeAll(async () => {
  db = openTestDatabase();
  server = await startDedupServer();
});
afterAll(async () => {
  await killAllWorkers();
  await server?.close();
});

const document = () =>
  doc(
    [
      { id: "start", type: "trigger.manual" },
      { id: "call", type: "http.request", config: { method: "POST", url: `${server.url}/work/3000`, body: { n: "{{ trigger.n }}" } } },
      { id: "result", type: "output", config: { value: { n: "{{ input.body.body.n }}" } } },
    ],
    ["start->call", "call->result"],
  );

describe("a lone worker killed with SIGKILL and restarted at once, default settings", () => {
  it("the new worker releases the dead worker's locks and every execution finishes within 30 s of the kill", async () => {
    const victim = await spawnWorker("victim", DEFAULTS);
    const ids: string[] = [];
    for (let n = 0; n < COUNT; n++) ids.push((await startExecutionRequest(db.pool, { document: document(), input: { n } })).executionId);

    const held = await until("the lone worker to hold every call, in flight", async () => {
      const jobs = (await jobsSnapshot(db.pool)).filter((j) => j.lockedBy === victim.workerId);
      return server.inFlight.size === COUNT && jobs.length > 0 && jobs;
    });
    victim.child.kill("SIGKILL");
    const killedAt = Date.now();
    expect(await victim.exited).toBe("SIGKILL");
    const { rows: beat } = await db.pool.query<{ ageMs: number }>(
      `SELECT (EXTRACT(EPOCH FROM now() - "lastSeenAt") * 1000)::int AS "ageMs" FROM "WorkerHeartbeat" WHERE "workerId" = $1`,
      [victim.workerId],
    );

    const successor = await spawnWorker("successor", DEFAULTS);
    const readyMs = Date.now() - killedAt;

    const heldIds = new Set(held.map((j) => j.id));
    let releasedMs: number | undefined;
    let finishedMs: number | undefined;
    await until(
      "the dead worker's jobs to be released and every execution to finish",
      async () => {
        if (releasedMs === undefined) {
          const stillHeld = (await jobsSnapshot(db.pool)).filter((j) => heldIds.has(j.id) && j.lockedBy === victim.workerId);
          if (stillHeld.length === 0) releasedMs = Date.now() - killedAt;
        }
        const { rows } = await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Execution" WHERE id = ANY($1) AND "finishedAt" IS NOT NULL`, [ids]);
        if (rows[0]!.n === COUNT) finishedMs = Date.now() - killedAt;
        return finishedMs !== undefined;
      },
      BOUND_MS + 15_000, // wait past the bound so that a miss is measured, not just reported as a timeout
      100,
    );
    console.log(
      `supervisor restart (defaults): victim's last beat ${beat[0]?.ageMs} ms old at the kill; successor ready after ${readyMs} ms; ` +
        `${heldIds.size} locked job(s) released after ${releasedMs} ms; all ${COUNT} executions finished after ${finishedMs} ms`,
    );
    expect(finishedMs).toBeLessThan(BOUND_MS);
    // The successor waited for the victim's heartbeat to go stale (15 s by default): it does not guess.
    expect(releasedMs).toBeGreaterThan(15_000 - 5_000 - 1_000);

    for (const [n, id] of ids.entries()) {
      const report = await readExecutionReport(db.pool, id);
      expect(report).toMatchObject({ status: "succeeded", error: null, output: { n } });
    }
    // Each call did its work once: the successor's retry carried the same Idempotency-Key.
    expect(server.work.size).toBe(COUNT);
    expect([...server.work.values()].every((count) => count === 1)).toBe(true);
    expect(successor.lines.join("\n")).toContain(`released the jobs of stale worker ${victim.workerId}`);
    expect(successor.alive()).toBe(true);
  }, 90_000);
});
