import type pg from "pg";

/**
 * One LISTEN connection on `channel`, kept alive across database restarts
 * (used by the live events feed and the worker's abort registry): when the connection breaks it is
 * discarded (not returned to the pool) and re-established with backoff,
 * 100 ms doubling to 5 s. NOTIFYs sent while it is down are lost, so
 * `onListening` runs after every successful LISTEN — the first one included —
 * for the owner to re-read whatever it follows.
 */
export type NoticeListener = { stop(): Promise<void> };

export async function startNoticeListener(
  pool: pg.Pool,
  channel: string,
  handlers: { onNotice(payload: string): void; onListening?(): void },
): Promise<NoticeListener> {
  let client: pg.PoolClient | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;

  async function listen(): Promise<void> {
    const next = await pool.connect();
    if (stopped) {
      // stop() came while this (re)connect waited for its connection: nobody would ever release it.
      next.release();
      return;
    }
    const broken = (error?: Error) => {
      if (client !== next) return;
      client = undefined;
      next.release(error ?? true); // destroy it: a broken connection must not go back to the pool
      if (!stopped) reconnect(100);
    };
    next.on("notification", (message) => {
      if (message.channel === channel && message.payload) handlers.onNotice(message.payload);
    });
    next.on("error", broken);
    next.on("end", () => broken());
    client = next;
    try {
      await next.query(`LISTEN ${channel}`);
    } catch (error) {
      if (client === next) {
        client = undefined;
        next.release(true);
      }
      throw error;
    }
    handlers.onListening?.();
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
    async stop() {
      stopped = true;
      clearTimeout(retry);
      const last = client;
      client = undefined;
      if (last) {
        await last.query(`UNLISTEN ${channel}`).catch(() => {});
        last.release();
      }
    },
  };
}
