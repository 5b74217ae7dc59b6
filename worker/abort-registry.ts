import type pg from "pg";
import { startNoticeListener } from "@/server/db/notice-listener";
import { CHANNEL } from "@/server/execution/jobs";

/**
 * Running effects of this worker process, by `${executionId}:${runKey}`,
 * so that a cancel (an `abort-effect` command, NOTIFYed on CHANNEL.abort by
 * whichever process applied it) aborts the effect wherever it runs.
 *
 * The LISTEN connection survives database restarts (src/server/db/notice-listener.ts):
 * when it breaks it is discarded and re-established with backoff. A NOTIFY sent while it is down
 * is lost, which only means the effect runs to its end; the engine has
 * already cancelled the node and ignores its result.
 */
export type AbortRegistry = {
  register(executionId: string, runKey: string): AbortController;
  unregister(executionId: string, runKey: string): void;
  stop(): Promise<void>;
};

export async function startAbortRegistry(pool: pg.Pool): Promise<AbortRegistry> {
  const running = new Map<string, AbortController>();
  const listener = await startNoticeListener(pool, CHANNEL.abort, {
    onNotice(payload) {
      try {
        const { executionId, runKey } = JSON.parse(payload) as { executionId: string; runKey: string };
        running.get(`${executionId}:${runKey}`)?.abort();
      } catch {
        // not ours: ignore malformed payloads
      }
    },
  });
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
      await listener.stop();
    },
  };
}
