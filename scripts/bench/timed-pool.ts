/** Timing wrappers for the profiling scripts (profile-transition.ts, profile-http-step.ts). */
import { performance } from "node:perf_hooks";
import type pg from "pg";

/** Milliseconds (and, under "<label> (count)", calls) per label. */
export type Timings = Map<string, number>;
const add = (t: Timings, key: string, ms: number) => t.set(key, (t.get(key) ?? 0) + ms);

/** The last step-write statement seen (text and parameters), to EXPLAIN it afterwards. */
const saveStep: { last?: { text: string; values: unknown[] } } = {};
export const lastSaveStep = () => saveStep.last;

/** A pool whose clients time every statement under a short label. */
export function timedPool(pool: pg.Pool, t: Timings): pg.Pool {
  return {
    connect: async () => {
      const client = await pool.connect();
      const patched = client as unknown as { query: unknown; release: (e?: unknown) => void };
      const [originalQuery, originalRelease] = [patched.query, patched.release];
      const query = client.query.bind(client) as (...a: unknown[]) => Promise<unknown>;
      patched.release = (e?: unknown) => {
        Object.assign(patched, { query: originalQuery, release: originalRelease }); // pooled clients are reused: unwrap
        originalRelease.call(client, e);
      };
      patched.query = async (...a: unknown[]) => {
        const text = typeof a[0] === "string" ? a[0] : String((a[0] as { text?: string }).text);
        const config = a[0] as { name?: string; values?: unknown[] };
        if (config?.name === "sy_save_step") saveStep.last = { text, values: config.values ?? [] };
        const start = performance.now();
        try {
          return await query(...a);
        } finally {
          add(t, `sql ${label(text)}`, performance.now() - start);
          add(t, `sql ${label(text)} (count)`, 1);
        }
      };
      return client;
    },
    query: pool.query.bind(pool),
  } as unknown as pg.Pool;
}

export function label(sql: string): string {
  const s = sql.replace(/\s+/g, " ").trim();
  const m = s.match(/^(BEGIN|COMMIT|ROLLBACK|SELECT pg_notify|SELECT graphile_worker\.add_job|INSERT INTO "\w+"|UPDATE "\w+"|SELECT .*? FROM "\w+")/);
  return (m?.[1] ?? s.slice(0, 40)).replace(/SELECT .*? FROM/, "SELECT … FROM");
}

