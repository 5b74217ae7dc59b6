/**
 * The web process: one HTTP server carrying the Next.js app and socket.io.
 * Started by `npm run dev` / `npm start` (scripts/dev.ts supervises it next to
 * a worker), or alone with `node --import tsx server.ts`. Security headers and
 * the request body cap apply to every route: see src/server/web/.
 */
import path from "node:path";
import next from "next";
import { loadEnv } from "@/server/env";
import { resolveDatabase } from "@/server/db/resolve-database";
import { createDatabase } from "@/server/db/prisma";
import { startLiveEvents } from "@/server/live/live-events-server";
import { onShutdown } from "@/server/shutdown";
import { createWebServer } from "@/server/web/create-web-server";

process.env.NEXT_TELEMETRY_DISABLED = "1"; // no network calls the user did not configure
const env = loadEnv();
const dev = env.NODE_ENV !== "production";
const supervised = process.env.SWITCHYARD_SUPERVISED === "1";

const db = await resolveDatabase(env, { migrate: !supervised });
process.env.DATABASE_URL = db.url; // read by the Prisma client inside Next's route handlers

const app = next({ dev, hostname: "localhost", port: env.PORT, turbopack: dev });
const handle = app.getRequestHandler();
await app.prepare();
const upgradeNext = app.getUpgradeHandler();

const { server, io } = createWebServer({
  handle: (req, res) => void handle(req, res),
  upgrade: (req, socket, head) => void upgradeNext(req, socket, head),
  development: dev,
  maxBodyBytes: env.MAX_REQUEST_BODY_KB * 1024,
  trustProxy: env.TRUST_PROXY,
  staticDir: dev ? undefined : path.join(process.cwd(), ".next", "static"),
});
// Its own small pool (one connection LISTENs): Next's route handlers keep theirs (getDatabase()).
const liveDb = createDatabase(db.url, { max: 4, name: "switchyard-live" });
const live = await startLiveEvents(io, liveDb);

await new Promise<void>((resolve, reject) => {
  server.once("error", reject);
  server.listen(env.PORT, env.HOST, resolve);
});
const url = `http://localhost:${env.PORT}`;
if (process.send) process.send({ type: "ready", url });
else console.log(`Switchyard is running at ${url}`);

onShutdown(async () => {
  await live.stop();
  io.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await app.close?.();
  await liveDb.prisma.$disconnect();
  await liveDb.pool.end();
  await db.embedded?.stop();
});
