/**
 * The web process: one HTTP server carrying the Next.js app and socket.io.
 * Started by `npm run dev` / `npm start` (scripts/dev.ts supervises it next to
 * a worker), or alone with `node --import tsx server.ts`.
 */
import http from "node:http";
import next from "next";
import { Server as SocketServer } from "socket.io";
import { loadEnv } from "@/server/env";
import { resolveDatabase } from "@/server/db/resolve-database";
import { onShutdown } from "@/server/shutdown";

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

const server = http.createServer((req, res) => void handle(req, res));
const io = new SocketServer(server, { path: "/socket.io", serveClient: false, destroyUpgrade: false });
io.on("connection", (socket) => {
  // Rooms per execution / workflow arrive with the realtime feature; joining is already allowed.
  socket.on("subscribe", (room: unknown) => {
    if (typeof room === "string" && /^(execution|workflow):[\w-]{1,80}$/.test(room)) void socket.join(room);
  });
});
server.on("upgrade", (req, socket, head) => {
  if (!req.url?.startsWith("/socket.io")) void upgradeNext(req, socket, head);
});

await new Promise<void>((resolve, reject) => {
  server.once("error", reject);
  server.listen(env.PORT, env.HOST, resolve);
});
const url = `http://localhost:${env.PORT}`;
if (process.send) process.send({ type: "ready", url });
else console.log(`Switchyard is running at ${url}`);

onShutdown(async () => {
  io.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await app.close?.();
  await db.embedded?.stop();
});
