import type pg from "pg";
import { enqueueJobs } from "./enqueue-jobs";
import type { ExecutionRow } from "./execution-row";
import { startJob } from "./jobs";

/**
 * Admission control: at most `limit` unfinished (running or waiting)
 * executions per owner; more stay `queued` (marked `admissionDeferred`) and
 * start, highest priority then oldest first, when a slot frees. The owner is
 * the user who started the execution (the UI, their API token), whichever
 * workflows they run; an execution no user started (the local CLI, schedules,
 * webhooks) counts against its workflow; file runs share one "adhoc" owner.
 * The key is the row's `admissionOwner`, fixed on insert by a trigger
 * (migration 20261127150000_admission_owner; admissionOwnerOf below is the same
 * rule, for a start that claims its slot in the inserting statement).
 *
 * A sub-workflow's child runs inside its parent's slot and takes none of its
 * own: the parent waits for it, so a quota full of parents would otherwise
 * never let their children start (a deadlock, certain with a per-user quota
 * where parents and children have the same owner).
 *
 * Slots are rows: an admitted execution holds one `AdmissionSlot (owner,
 * slot)` with `slot` in 0..limit-1 under the primary key, so the quota is
 * exact by construction — without a per-owner lock. (It was an advisory lock
 * + count, held through the writes and the commit: all starts of one workflow
 * queued behind each other's fsync; 1,000 starts took ~10 s.) A start claims a
 * random free slot number (see claimSlot); two starts that pick the same
 * number are resolved by the unique key, the loser tries another. The slot
 * row is deleted when the execution ends.
 *
 * The engine step runs first: an execution that finishes within its start
 * step never takes a slot.
 */
export const admissionOwnerOf = (row: Pick<ExecutionRow, "startedBy" | "workflowId">): string =>
  row.startedBy !== null ? `user:${row.startedBy}` : (row.workflowId ?? "adhoc");

/** Whether the execution takes a slot at all: a sub-workflow's child runs in its parent's (see above). */
export const takesSlot = (row: Pick<ExecutionRow, "parentExecutionId">): boolean => row.parentExecutionId === null;

/** Executions of the owner in the parameter `owner`, written so the partial index on deferred executions applies. */
const sameOwner = (owner: string) => `"admissionOwner" = ${owner}::text`;

const CANDIDATES = 4;
const EXPECTED_FREE = 8;
const CLAIM_ATTEMPTS = 3;

/** The parameters (placeholders such as `$5`) of admissionCtes. */
export type AdmissionParams = { execution: string; priority: string; createdAt: string; owner: string; limit: string };

/** The values of admissionCtes' parameters, in AdmissionParams' order. */
export const admissionValues = (row: ExecutionRow, limit: number): unknown[] => [row.id, row.priority, row.createdAt, row.owner, limit];

/**
 * Two CTEs for a WITH list: `seen` — how many slots are taken, and whether a
 * deferred execution is ahead of this one (higher priority, or older: first
 * come, first served, it gets the next slot; this start is deferred and wakes
 * that one instead) — and `claimed`, the first try to claim a slot, made only
 * when neither stands in the way and `gate` holds (RETURNING 1 when claimed).
 * The same text whether the admission is its own statement (admitExecution) or
 * part of a start's write (save-step.ts, for unlocked-start.ts).
 */
export function admissionCtes(p: AdmissionParams, gate = "true"): string {
  return `seen AS (
       SELECT (SELECT count(*)::int FROM "AdmissionSlot" WHERE owner = ${p.owner}) AS active,
              (SELECT json_build_object('id', id, 'priority', priority) FROM "Execution"
                WHERE ${sameOwner(p.owner)} AND "admissionDeferred" AND status = 'queued' AND id <> ${p.execution}
                  AND (priority > ${p.priority} OR (priority = ${p.priority} AND "createdAt" < ${p.createdAt}))
                ORDER BY priority DESC, "createdAt" LIMIT 1) AS ahead
     ), claimed AS (
       ${claimInsert({
         owner: p.owner,
         execution: p.execution,
         limit: `${p.limit}::int`,
         probes: `(SELECT ${probesFor("active", `${p.limit}::int`)} FROM seen)`,
         when: `(SELECT ahead IS NULL AND active < ${p.limit}::int FROM seen) AND ${gate}`,
       })}
       RETURNING 1
     )`;
}

export async function admitExecution(client: pg.PoolClient, row: ExecutionRow, limit: number): Promise<boolean> {
  const owner = row.owner;
  // One round trip: the quota's state and, when nothing stands in the way, the first claim.
  const { rows } = await client.query<{ active: number; ahead: { id: string; priority: number } | null; claimed: boolean }>({
    // Prepared once per connection: planning it took longer than running it (≈ 0.4 ms each, EXPLAIN
    // ANALYZE with 500 slots taken).
    name: "sy_admit",
    text: `WITH ${admissionCtes({ execution: "$1", priority: "$2", createdAt: "$3", owner: "$4", limit: "$5" })}
     SELECT active, ahead, EXISTS (SELECT 1 FROM claimed) AS claimed FROM seen`,
    values: admissionValues(row, limit),
  });
  const { active, ahead, claimed } = rows[0] ?? { active: 0, ahead: null, claimed: false };
  if (claimed) return true;
  if (!ahead && active < limit) {
    // Every candidate was taken by a concurrent start meanwhile, or the probes found none free: list them.
    for (let attempt = 1; attempt < CLAIM_ATTEMPTS; attempt++) {
      const { rowCount } = await client.query(claimInsert({ owner: "$1", execution: "$2", limit: "$3::int", probes: "$3::int" }), [owner, row.id, limit]);
      if (rowCount) return true;
    }
  }
  await client.query(`UPDATE "Execution" SET "admissionDeferred" = true WHERE id = $1`, [row.id]);
  if (ahead && active < limit) await enqueueJobs(client, [startJob(ahead)]);
  return false;
}

/**
 * The SQL expression for how many random numbers to probe so that about
 * EXPECTED_FREE of them are free, with `active` of `limit` slots taken: the
 * limit itself (list every number) once that is not fewer.
 */
export const probesFor = (active: string, limit: string) =>
  `CASE WHEN ${active} >= ${limit} THEN ${limit} ELSE LEAST(${limit}, ceil(${EXPECTED_FREE} * ${limit}::numeric / (${limit} - ${active})))::int END`;

/**
 * An INSERT of one free slot number for the execution (only `when` it holds).
 * Its candidates are up to CANDIDATES free numbers picked at random, so
 * concurrent starts spread over the free numbers. They are found among
 * `probes` random numbers — about EXPECTED_FREE / (1 − f) of them with a
 * fraction f taken (probesFor) — instead of listing every number (it used to
 * list all of them once half full: 1,000 index probes, ≈ 1.2 ms of Postgres
 * time, for each of the last 500 of `npm run bench`'s 1,000 concurrent
 * starts). Near the quota (`probes` ≥ the limit) the free numbers are listed.
 * ON CONFLICT DO NOTHING also covers the execution's own unique key (at most
 * one slot per execution) and a concurrent claim of the same number.
 *
 * The candidates are inserted in ascending order. A candidate another
 * transaction has just inserted (not committed) makes this one wait for it —
 * even after this one has taken a lower number, since every candidate is
 * checked. In random order two starts could each hold the number the other
 * waits for: a deadlock (seen in `npm run bench`'s 1,000 concurrent starts), the
 * job failing and retrying seconds later. In ascending order a transaction only
 * waits for numbers above the one it holds, so waits cannot form a cycle.
 */
function claimInsert(p: { owner: string; execution: string; limit: string; probes: string; when?: string }): string {
  return `INSERT INTO "AdmissionSlot" (owner, slot, "executionId")
     SELECT ${p.owner}, c.s, ${p.execution} FROM (
       SELECT s FROM (
         SELECT DISTINCT floor(random() * ${p.limit})::int AS s
           FROM generate_series(1, CASE WHEN ${p.probes} < ${p.limit} THEN ${p.probes} ELSE 0 END)
         UNION ALL
         SELECT s FROM generate_series(0, CASE WHEN ${p.probes} >= ${p.limit} THEN ${p.limit} - 1 ELSE -1 END) AS s
       ) AS n
       WHERE NOT EXISTS (SELECT 1 FROM "AdmissionSlot" a WHERE a.owner = ${p.owner} AND a.slot = n.s)
       ORDER BY random() LIMIT ${CANDIDATES}
     ) AS c
     WHERE ${p.when ?? "true"}
     ORDER BY c.s
     ON CONFLICT DO NOTHING`;
}

/**
 * An execution of this owner ended: free its slot and start the next deferred
 * executions, as many as there are free slots (at least one: two executions
 * ending before the first woken one starts would otherwise both wake that same
 * one). No lock — finishing steps of one workflow must not queue behind each
 * other. The price is a rare lost wake-up (a start refused concurrently with
 * this release, whose deferred mark is not yet visible);
 * `restartDeferredExecutions`, run by every worker's sweeper, recovers it
 * within seconds. Waking one that still finds no slot is harmless: its start
 * is refused (and deferred) again.
 */
export async function releaseSlot(client: pg.PoolClient, row: ExecutionRow, limit: number): Promise<void> {
  const { rows: deferred } = await client.query<{ id: string; priority: number }>({
    name: "sy_release_slot",
    // Free the slot and read who may take it in one round trip; nobody, when there was no slot to free.
    text: `WITH freed AS (DELETE FROM "AdmissionSlot" WHERE "executionId" = $2 RETURNING 1)
     ${deferredOfOwner({ owner: "$1", execution: "$2", limit: "$3" }, "EXISTS (SELECT 1 FROM freed)")}`,
    values: [row.owner, row.id, limit],
  });
  await wakeDeferred(client, row, limit, deferred);
}

/** The owner's deferred executions (id, priority), first in line first: the next `limit` to start (none unless `gate` holds). */
export const deferredOfOwner = (p: { owner: string; execution: string; limit: string }, gate = "true") =>
  `SELECT id, priority FROM "Execution"
      WHERE ${gate} AND ${sameOwner(p.owner)} AND "admissionDeferred" AND status = 'queued' AND id <> ${p.execution}
      ORDER BY priority DESC, "createdAt" LIMIT ${p.limit}`;

/** After `row`'s slot was freed: start as many of the owner's `deferred` executions as there are free slots (at least one). */
export async function wakeDeferred(db: pg.PoolClient, row: ExecutionRow, limit: number, deferred: ReadonlyArray<{ id: string; priority: number }>): Promise<void> {
  if (deferred.length === 0) return;
  const { rows } = await db.query<{ active: number }>(
    `SELECT count(*)::int AS active FROM "AdmissionSlot" WHERE owner = $1 AND "executionId" <> $2`,
    [row.owner, row.id],
  );
  const free = Math.max(1, limit - (rows[0]?.active ?? 0));
  await enqueueJobs(db, deferred.slice(0, free).map(startJob));
}

/** Safety net for lost wake-ups: start the next deferred execution of every owner that has one. */
export async function restartDeferredExecutions(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ id: string; priority: number }>(
    `SELECT DISTINCT ON ("admissionOwner") id, priority FROM "Execution"
      WHERE "admissionDeferred" AND status = 'queued'
      ORDER BY "admissionOwner", priority DESC, "createdAt"`,
  );
  if (rows.length === 0) return 0;
  const client = await pool.connect();
  try {
    await enqueueJobs(client, rows.map(startJob));
  } finally {
    client.release();
  }
  return rows.length;
}

