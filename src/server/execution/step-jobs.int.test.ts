import { beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../../test/database";
import type { Database } from "@/server/db/prisma";
import { enqueueJobs } from "./enqueue-jobs";
import { JOB, type JobSpec } from "./jobs";
import { jobsReadyNotices, readStepQueue, STEP_JOBS_RETURNING, stepJobsCtes, stepQueueParams, type StepJobsRow, type StepQueue } from "./step-jobs";

/**
 * A transition's jobs written by its own statement (step-jobs.ts), keyed ones
 * included: inserted as add_job inserts them when their key is free, skipped
 * (id null, for add_job's replace-by-key) when a job already holds it.
 */
let db: Database;
beforeAll(() => {
  db = openTestDatabase();
});

async function writeJobs(queue: StepQueue) {
  const { rows } = await db.pool.query<StepJobsRow>(`WITH ${stepJobsCtes(1)} SELECT ${STEP_JOBS_RETURNING}`, stepQueueParams(queue));
  return readStepQueue(queue, rows[0]!);
}

/** graphile-worker's add_job (enqueue-jobs.ts), as the caller does for the skipped ones. */
async function addJobs(jobs: JobSpec[]) {
  const client = await db.pool.connect();
  try {
    return await enqueueJobs(client, jobs);
  } finally {
    client.release();
  }
}

async function jobRow(id: string) {
  const { rows } = await db.pool.query<{ key: string | null; run_at: Date; payload: unknown; revision: number; locked_by: string | null }>(
    "SELECT key, run_at, payload, revision, locked_by FROM graphile_worker._private_jobs WHERE id = $1",
    [id],
  );
  return rows[0];
}

const timer = (key: string, payload: object, runAt = new Date(Date.now() + 60_000).toISOString()): JobSpec => ({
  identifier: JOB.event,
  payload: { executionId: "x", event: { type: "timer-fired", timerId: key }, ...payload } as JobSpec["payload"],
  runAt,
  priority: 0,
  jobKey: key,
});
// The payloads are never run here: any JSON does (cast to the spec's type).
const effectNow = (n: number): JobSpec => ({ identifier: JOB.effect, payload: { executionId: "x", n } as unknown as JobSpec["payload"], priority: 0 });

describe("task rows", () => {
  it("exist from the migrations on, before any job: a first job never races a worker registering them", async () => {
    // A task row another transaction inserts is invisible to the statement writing a job (its snapshot),
    // so on a new database the first job of a task could be lost; migrateDatabase registers ours.
    const { rows } = await db.pool.query<{ identifier: string }>(`SELECT identifier FROM graphile_worker._private_tasks`);
    expect(rows.map((r) => r.identifier)).toEqual(expect.arrayContaining(Object.values(JOB)));
  });
});

describe("step jobs", () => {
  it("inserts keyed and unkeyed jobs in order; only jobs due now count for the wake-up", async () => {
    const queue = { jobs: [effectNow(1), timer("k-free-1", {}), effectNow(2)] };
    const result = await writeJobs(queue);
    expect(result.jobIds.every((id) => id !== null)).toBe(true);
    expect(result.readyJobs).toBe(2);
    expect(jobsReadyNotices(result.readyJobs)).toEqual([{ channel: "jobs:insert", payload: expect.stringContaining('"count":2') }]);
    const rows = await Promise.all(result.jobIds.map((id) => jobRow(id!)));
    expect(rows.map((r) => [r!.key, (r!.payload as { n?: number }).n ?? null])).toEqual([
      [null, 1],
      ["k-free-1", null],
      [null, 2],
    ]);
    expect(Number(result.jobIds[0]) < Number(result.jobIds[2])).toBe(true);
  });

  it("skips a key a job already holds (id null), leaving it to add_job, which replaces it as graphile-worker does", async () => {
    const [held] = await addJobs([timer("k-held", { v: "old" })]);
    const queue = { jobs: [timer("k-held", { v: "new" }), timer("k-free-2", {}), timer("k-free-2", { second: true })] };
    const result = await writeJobs(queue);
    // The held key and the second use of one key in the same step are add_job's.
    expect(result.jobIds[0]).toBeNull();
    expect(result.jobIds[1]).not.toBeNull();
    expect(result.jobIds[2]).toBeNull();
    expect(result.readyJobs).toBe(0);
    expect((await jobRow(held!.id))!.payload).toMatchObject({ v: "old" }); // untouched by the statement
    const replaced = await addJobs(queue.jobs.filter((_, i) => result.jobIds[i] === null));
    expect(replaced[0]!.id).toBe(held!.id); // add_job updates the unlocked job in place
    const row = await jobRow(held!.id);
    expect([row!.payload, row!.revision]).toEqual([expect.objectContaining({ v: "new" }), 1]);
  });

  it("never drops an unkeyed job silently", () => {
    const queue = { jobs: [effectNow(1), effectNow(2)] };
    expect(() => readStepQueue(queue, { newJobs: [{ id: "1", key: null, claimed: false }], readyJobs: 1, completedJobs: 0 })).toThrow(
      /enqueued 1 of 2 jobs without a key/,
    );
  });
});
