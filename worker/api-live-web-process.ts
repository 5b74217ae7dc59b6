/**
 * The web process WITHOUT Next.js, for fault tests (worker/pg-restart-web.int.test.ts):
 * server.ts's HTTP server (createWebServer: socket.io + body cap + security
 * headers), its live events (startLiveEvents on its own 4-connection pool with
 * one LISTEN connection), and as the application the same two handlers Next
 * would route to — `/api/trpc/*` → handleApiRequest(req, getDatabase()) (the
 * route in src/app/api/trpc) and `/api/health`. Everything that holds a
 * database connection in the real web process is here, built by the same
 * functions; only page rendering is missing, which holds none of its own.
 *
 * Why not server.ts itself: it needs `next build` output (minutes, and shared
 * with the end-to-end runs) or the dev compiler (seconds per route). If
 * server.ts gains a database handle, mirror it here.
 *
 * Run as `node --import tsx worker/api-live-web-process.ts` with DATABASE_URL;
 * it listens on a free port of 127.0.0.1 and sends `{ type: "ready", url }`
 * over IPC.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { loadEnv } from "@/server/env";
import { createDatabase, getDatabase } from "@/server/db/prisma";
import { startLiveEvents } from "@/server/live/live-events-server";
import { readHealth } from "@/server/services/health-service";
import { onShutdown } from "@/server/shutdown";
import { handleApiRequest } from "@/server/trpc/handle-request";
import { createWebServer } from "@/server/web/create-web-server";

const env = loadEnv();
if (!env.DATABASE_URL) throw new Error("api-live-web-process: DATABASE_URL must be set (the fault test passes its own Postgres)");

/** Node request → fetch Request → the handler → Node response, as Next's route adapter does. */
async function application(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "localhost"}`);
  if (url.pathname === "/api/health") {
    const health = await readHealth(getDatabase().pool);
    res.writeHead(health.status === "ok" ? 200 : 503, { "content-type": "application/json" }).end(JSON.stringify(health));
    return;
  }
  if (!url.pathname.startsWith("/api/trpc/")) return void res.writeHead(404).end();
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value);
    else if (Array.isArray(value)) for (const one of value) headers.append(name, one);
  }
  const body = req.method === "GET" || req.method === "HEAD" ? undefined : Buffer.concat(chunks);
  const response = await handleApiRequest(new Request(url, { method: req.method, headers, body }), getDatabase());
  const cookies = response.headers.getSetCookie();
  for (const [name, value] of response.headers) if (name !== "set-cookie") res.setHeader(name, value);
  if (cookies.length > 0) res.setHeader("set-cookie", cookies);
  res.writeHead(response.status).end(Buffer.from(await response.arrayBuffer()));
}

const { server, io } = createWebServer({
  handle: (req, res) =>
    void application(req, res).catch((error: Error) => {
      // What Next does with a route handler that throws: a 500, the process lives on.
      console.error(`api-live-web-process: ${req.method} ${req.url} failed: ${error.message}`);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    }),
  development: false,
  maxBodyBytes: env.MAX_REQUEST_BODY_KB * 1024,
});
// As in server.ts: the live events' own small pool (one connection LISTENs).
const liveDb = createDatabase(env.DATABASE_URL, { max: 4, name: "switchyard-live" });
const live = await startLiveEvents(io, liveDb);

await new Promise<void>((resolve, reject) => {
  server.once("error", reject);
  server.listen(0, "127.0.0.1", resolve);
});
process.send?.({ type: "ready", url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });

onShutdown(async () => {
  await live.stop();
  io.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await liveDb.prisma.$disconnect();
  await liveDb.pool.end();
  await getDatabase().pool.end();
});
