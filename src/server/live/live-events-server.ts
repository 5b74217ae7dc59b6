import type { Server, Socket } from "socket.io";
import type { Database } from "@/server/db/prisma";
import type { CurrentUser } from "@/server/auth/user-record";
import {
  EVENTS_CHANNEL,
  EventsNotice,
  EXECUTION_ROOM,
  LIVE,
  SubscribeRequest,
  UnsubscribeRequest,
  WORKFLOW_ROOM,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type SubscribeAck,
} from "@/lib/live-events";
import { createExecutionFeeds, type ExecutionFeeds } from "./execution-feeds";
import { startNoticeListener } from "@/server/db/notice-listener";
import { readEventsAfter } from "./read-events";
import { authenticateHandshake } from "./socket-auth";

/**
 * The live execution view's server side, in the web process (see
 * docs/ARCHITECTURE.md "Live events"):
 * - every socket is authenticated at connection (any signed-in role may read
 *   executions) and again at each `subscribe`;
 * - `subscribe { room: "execution:<id>", afterSeq }` sends the events after
 *   afterSeq, then every new one, in seq order, each exactly once
 *   (execution-feeds.ts); `workflow:<id>` gets a compact update per transition;
 * - one LISTEN connection per process turns save-step.ts's NOTIFYs into reads
 *   of the new rows, so any number of web processes deliver.
 */
export type LiveSocketData = { user: CurrentUser };
export type LiveServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, LiveSocketData>;
type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, LiveSocketData>;

/** Executions one socket may follow at once. */
const MAX_FOLLOWED = 100;

export type LiveEvents = { feeds: ExecutionFeeds; stop(): Promise<void> };

export async function startLiveEvents(io: LiveServer, db: Database, options: { pageSize?: number } = {}): Promise<LiveEvents> {
  const feeds = createExecutionFeeds({
    readEvents: (executionId, afterSeq, limit) => readEventsAfter(db.pool, executionId, afterSeq, limit),
    pageSize: options.pageSize,
    onError: (error) => console.warn(`live events: reading events failed (${(error as Error).message}); retrying`),
  });

  io.use((socket, next) => {
    authenticateHandshake(db.prisma, socket.handshake.headers).then(
      (check) => {
        if (!check.user) return next(new Error(check.reason));
        socket.data.user = check.user;
        next();
      },
      (error: Error) => {
        // The database is unreachable (restarting, failing over): not a refusal. A refusal
        // (`next(error)`, a connect_error packet) would make socket.io-client give up for good —
        // it does not reconnect after a middleware error — and a tab whose socket dropped during
        // the outage would follow nothing until reloaded. Closing the transport instead makes the
        // client reconnect with its backoff (1–5 s) and, once in, re-subscribe after the last seq
        // it holds. (next() after the close is ignored by socket.io: the connection is not open.)
        console.warn(`live events: could not check a socket's credentials (${error.message.trim().split("\n").at(-1)}); closing it so that the client retries`);
        socket.conn.close();
        next(new Error("Could not check your session; try again."));
      },
    );
  });

  io.on("connection", (socket) => {
    const followed = new Set<string>();
    const reply = (ack: unknown, result: SubscribeAck) => typeof ack === "function" && (ack as (r: SubscribeAck) => void)(result);
    socket.on(LIVE.subscribe, (request, ack) => {
      subscribe(socket, followed, request).then(
        (result) => reply(ack, result),
        (error: Error) => {
          // The database failed (an outage): nobody would ask again — the app's feed subscribes on
          // `connect` only. Closing the connection makes the client reconnect (retrying until the
          // database is back) and re-subscribe everything it follows after the last seq it holds.
          console.warn(`live events: subscribe failed (${error.message.trim().split("\n").at(-1)}); closing the socket so that the client subscribes again`);
          reply(ack, { ok: false, error: "Subscribing failed; try again." });
          socket.conn.close();
        },
      );
    });
    socket.on(LIVE.unsubscribe, (request, ack) => {
      const parsed = UnsubscribeRequest.safeParse(request);
      if (!parsed.success) return reply(ack, { ok: false, error: "unsubscribe needs { room }" });
      const execution = EXECUTION_ROOM.exec(parsed.data.room);
      if (execution) {
        followed.delete(execution[1]!);
        feeds.unsubscribe(execution[1]!, socket.id);
      } else void socket.leave(parsed.data.room);
      reply(ack, { ok: true });
    });
    socket.on("disconnect", () => {
      for (const executionId of followed) feeds.unsubscribe(executionId, socket.id);
      followed.clear();
    });
  });

  async function subscribe(socket: LiveSocket, followed: Set<string>, request: unknown): Promise<SubscribeAck> {
    const parsed = SubscribeRequest.safeParse(request);
    if (!parsed.success) return { ok: false, error: `subscribe needs { room: "execution:<id>" | "workflow:<id>", afterSeq?: number }` };
    const { room, afterSeq } = parsed.data;
    // Signed out, disabled or expired since connecting: the socket ends here.
    const check = await authenticateHandshake(db.prisma, socket.handshake.headers);
    if (!check.user) {
      setImmediate(() => socket.disconnect(true));
      return { ok: false, error: check.reason };
    }
    const execution = EXECUTION_ROOM.exec(room);
    if (!execution) {
      if (WORKFLOW_ROOM.test(room)) await socket.join(room);
      return { ok: true };
    }
    const executionId = execution[1]!;
    if (!followed.has(executionId) && followed.size >= MAX_FOLLOWED) return { ok: false, error: `A socket may follow at most ${MAX_FOLLOWED} executions.` };
    const { rowCount } = await db.pool.query(`SELECT 1 FROM "Execution" WHERE id = $1`, [executionId]);
    if (!rowCount) return { ok: false, error: `Execution ${executionId} does not exist` };
    if (socket.disconnected) return { ok: false, error: "disconnected" }; // it left while we looked: follow nothing for it
    followed.add(executionId);
    feeds.subscribe(executionId, { id: socket.id, send: (events) => socket.emit(LIVE.events, events) }, afterSeq);
    return { ok: true };
  }

  function onNotice(payload: string): void {
    let notice: EventsNotice;
    try {
      notice = EventsNotice.parse(JSON.parse(payload));
    } catch {
      return; // not ours
    }
    feeds.notify(notice.executionId, notice.toSeq);
    if (notice.workflowId) {
      io.to(`workflow:${notice.workflowId}`).emit(LIVE.update, {
        executionId: notice.executionId,
        workflowId: notice.workflowId,
        status: notice.status,
        seq: notice.toSeq,
      });
    }
  }

  const listener = await startNoticeListener(db.pool, EVENTS_CHANNEL, { onNotice, onListening: () => feeds.resyncAll() });
  return {
    feeds,
    async stop() {
      feeds.stop();
      await listener.stop();
    },
  };
}
