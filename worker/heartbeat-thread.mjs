// The heartbeat's own thread (see heartbeat.ts for why). Plain JavaScript, not TypeScript: a worker
// thread does not inherit the TypeScript loader everywhere the worker runs (tests run it in-process).
import os from "node:os";
import { parentPort, workerData } from "node:worker_threads";
import pg from "pg";

/** workerData: see heartbeat.ts (ThreadData); `shared` is laid out as SLOT there. */
const { databaseUrl, workerId, concurrency, ephemeral, pid, intervalMs, mainQuietMs, shared } = workerData;
const state = new Float64Array(shared);
const SLOT = { mainAliveAt: 0, busyUntil: 1, runningJobs: 2, lastOk: 3, healthySince: 4 };

const pool = new pg.Pool({ connectionString: databaseUrl, max: 1, application_name: "switchyard-heartbeat" });
pool.on("error", () => {}); // a lost connection is reported by the next beat's failure

let stopped = false;
let inFlight = Promise.resolve();

/**
 * The process is alive while its main thread turns (it stamps mainAliveAt every second) or is inside a
 * sandbox evaluation that has not yet overrun its own deadline (busyUntil). A main thread stuck anywhere
 * else gets no beat, so other workers release its jobs after the stale threshold, as for a dead process.
 */
function mainThreadAlive(now) {
  return now - state[SLOT.mainAliveAt] < mainQuietMs || now < state[SLOT.busyUntil];
}

async function beat() {
  const now = Date.now();
  if (!mainThreadAlive(now)) {
    state[SLOT.healthySince] = 0;
    return;
  }
  try {
    const { rows } = await pool.query(
      `INSERT INTO "WorkerHeartbeat" ("workerId", host, pid, concurrency, "runningJobs", ephemeral, "startedAt", "lastSeenAt")
       VALUES ($1, $2, $3, $4, $5, $6, now(), now())
       ON CONFLICT ("workerId") DO UPDATE SET "lastSeenAt" = now(), "runningJobs" = EXCLUDED."runningJobs"
       RETURNING (xmax = 0) AS inserted`,
      [workerId, os.hostname(), pid, concurrency, state[SLOT.runningJobs], ephemeral],
    );
    state[SLOT.lastOk] = Date.now();
    if (state[SLOT.healthySince] === 0) state[SLOT.healthySince] = state[SLOT.lastOk];
    // Our row was gone: another worker's sweeper declared us dead (we missed beats for longer than its
    // stale threshold) and released our jobs; they may run twice. Now we are back.
    if (rows[0]?.inserted && !stopped) parentPort.postMessage({ type: "warn", message: `${workerId} was declared stale by another worker; its running jobs may be re-run elsewhere` });
  } catch (error) {
    state[SLOT.healthySince] = 0;
    parentPort.postMessage({ type: "warn", message: `heartbeat failed (${error.message})` });
  }
}

const timer = setInterval(() => {
  inFlight = beat();
}, intervalMs);

parentPort.on("message", async (message) => {
  if (message?.type !== "stop") return;
  stopped = true;
  clearInterval(timer);
  await inFlight; // a beat still in flight would re-create the row after the DELETE
  let error = null;
  await pool.query(`DELETE FROM "WorkerHeartbeat" WHERE "workerId" = $1`, [workerId]).catch((e) => (error = e.message));
  await pool.end().catch(() => {});
  parentPort.postMessage({ type: "stopped", error });
});
