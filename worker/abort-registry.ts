import type pg from "pg";
import { CHANNEL } from "@/server/execution/jobs";

/**
 * Running effects of this worker process, by `${executionId}:${runKey}`,
 * so that a cancel (an `abort-effect` command, NOTIFYed on CHANNEL.abort by
 * whichever process applied it) aborts the effect wherever it runs.
 *
 * The LISTEN connection survives database restarts: when it breaks it is
 * discarded and re-established with backoff. A NOTIFY sent while it is down
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
  let client: pg.PoolClient | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;

  const onNotification = (message: pg.Notification) => {
    if (message.channel !== CHANNEL.abort || !message.payload) return;
    try {
      const { executionId, runKey } = JSON.parse(message.payload) as { executionId: string; runKey: string };
      running.get(`${executionId}:${runKey}`)?.abort();
    } catch {
      // not ours: ignore malformed payloads
    }
  };

  async function listen(): Promise<void> {
    const next = await pool.connect();
    const broken = (error?: Error) => {
      if (client !== next) return;
      client = undefined;
      next.release(error ?? true); // destroy it: a broken connection must not go back to the pool
      if (!stopped) reconnect(100);
    };
    next.on("notification", onNotification);
    next.on("error", broken);
    next.on("end", () => broken());
    client = next;
    await next.query(`LISTEN ${CHANNEL.abort}`);
  }

  function reconnect(delayMs: number): void {
    retry = setTimeout(() => {
      listen().catch(() => {
        if (!stopped) reconnect(Math.min(delayMs * 2, 5_000));
      });
    }, delayMs);
    retry.unref();
  }

  await listen();
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
      stopped = true;
      clearTimeout(retry);
      for (const controller of running.values()) controller.abort();
      const last = client;
      client = undefined;
      if (last) {
        await last.query(`UNLISTEN ${CHANNEL.abort}`).catch(() => {});
        last.release();
      }
    },
  };
}
