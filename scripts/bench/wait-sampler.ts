import pg from "pg";

/**
 * `npm run bench -- --pg-waits`: what the database's busy sessions are doing
 * during each scenario. Every 10 ms, one row per non-idle client session of
 * pg_stat_activity (other than the sampler's): its wait event ("CPU" when it
 * waits for nothing), its state, and the start of its statement. Printed as
 * the average number of sessions in each, highest first: "1.5 Lock:object on
 * COMMIT" means that on average one and a half sessions were queued there.
 *
 * This is how the NOTIFY-at-commit lock was found (docs/ARCHITECTURE.md,
 * "NOTIFY after COMMIT"): `Lock:object` is the database-wide lock a committing
 * transaction that sent NOTIFY holds; `Client:ClientRead` while "idle in
 * transaction" is a transaction waiting for its own client (a worker busy
 * computing, or descheduled); `LWLock:WALWrite` and `IO:WalSync` wait for
 * commits to reach the disk.
 */
export type WaitSampler = { stop(): Promise<string[]> };

export async function startWaitSampler(url: string, limit = 12): Promise<WaitSampler> {
  const client = new pg.Client({ connectionString: url, application_name: "switchyard-bench-waits" });
  client.on("error", () => {});
  await client.connect();
  const counts = new Map<string, number>();
  let samples = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const { rows } = await client
        .query<{ key: string }>(
          `SELECT coalesce(wait_event_type || ':' || wait_event, 'CPU') || ' (' || state || ') ' ||
                  left(regexp_replace(query, '\\s+', ' ', 'g'), 60) AS key
             FROM pg_stat_activity
            WHERE backend_type = 'client backend' AND pid <> pg_backend_pid() AND state NOT IN ('idle') AND datname = current_database()`,
        )
        .catch(() => ({ rows: [] as { key: string }[] }));
      for (const { key } of rows) counts.set(key, (counts.get(key) ?? 0) + 1);
      samples++;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      await client.end().catch(() => {});
      const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, limit);
      return [
        `database sessions by wait (average number at a time, ${samples} samples):`,
        ...top.map(([key, n]) => `${(n / Math.max(1, samples)).toFixed(2).padStart(6)}  ${key}`),
      ];
    },
  };
}
