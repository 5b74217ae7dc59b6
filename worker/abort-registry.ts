import type pg from "pg";
import { CHANNEL } from "@/server/execution/jobs";

/**
 * Running effects of this worker process, by `${executionId}:${runKey}`,
 * so that a cancel (an `abort-effect` command, NOTIFYed on CHANNEL.abort by
 * whichever process applied it) aborts the effect wherever it runs.
 */
export type AbortRegistry = {
  register(executionId: string, runKey: string): AbortController;
  unregister(executionId: string, runKey: string): void;
  stop(): Promise<void>;
};

export async function startAbortRegistry(pool: pg.Pool): Promise<AbortRegistry> {
  const running = new Map<string, AbortController>();
  const client = await pool.connect();
  client.on("notification", (message) => {
    if (message.channel !== CHANNEL.abort || !message.payload) return;
    try {
      const { executionId, runKey } = JSON.parse(message.payload) as { executionId: string; runKey: string };
      running.get(`${executionId}:${runKey}`)?.abort();
    } catch {
      // not ours: ignore malformed payloads
    }
  });
  await client.query(`LISTEN ${CHANNEL.abort}`);
  return {
    register(executionId, runKey) {
      const controller = new AbortController();
      running.set(`${executionId}:${runKey}`, controller);
      return controller;
    },
    unregister(executionId, runKey) {
      running.delete(`${executionId}:${runKey}`);
    },
    async stop() {
      for (const controller of running.values()) controller.abort();
      await client.query(`UNLISTEN ${CHANNEL.abort}`).catch(() => {});
      client.release();
    },
  };
}
