import http from "node:http";
import type { Duplex } from "node:stream";
import { Server as SocketServer } from "socket.io";
import type { LiveServer } from "@/server/live/live-events-server";
import { limitRequestBodies } from "./body-limit";
import { servePrecompressedStatic } from "./precompressed-static";
import { applySecurityHeaders, securityHeaders } from "./security-headers";

export type WebServerOptions = {
  /** The application (Next.js's request handler in server.ts; a stub in tests). */
  handle: http.RequestListener;
  /** WebSocket upgrades that are not socket.io's (Next's dev HMR socket, /_next/hmr). */
  upgrade?: (req: http.IncomingMessage, socket: Duplex, head: Buffer) => void;
  development: boolean;
  /** MAX_REQUEST_BODY_KB × 1024. */
  maxBodyBytes: number;
  /**
   * TRUST_PROXY: keep the client's `X-Forwarded-For`. Off (the default), it is
   * dropped so Next sets it from the socket — otherwise any client could pick
   * the address the per-IP sign-in throttle counts.
   */
  trustProxy?: boolean;
  /**
   * The production build's `.next/static`: its assets are sent from the brotli/gzip
   * copies the build wrote (precompressed-static.ts). Unset in development.
   */
  staticDir?: string;
};

/**
 * The web process's one HTTP server: the application plus socket.io on the
 * same port, with the protections that must cover every route:
 * - security headers on every response, socket.io's included (set in a
 *   listener PREPENDED after socket.io attached, because socket.io replaces the
 *   server's 'request' listeners with its own dispatcher), the CSP with a fresh
 *   script nonce each in production;
 * - the request body cap in front of the application (socket.io's polling
 *   transport has its own cap, maxHttpBufferSize, 1 MB).
 */
export function createWebServer(options: WebServerOptions): { server: http.Server; io: LiveServer } {
  const headers = securityHeaders();
  const app: http.RequestListener = options.trustProxy
    ? options.handle
    : (req, res) => {
        delete req.headers["x-forwarded-for"];
        return options.handle(req, res);
      };
  const withStatic = options.staticDir ? servePrecompressedStatic(app, options.staticDir) : app;
  const server = http.createServer(limitRequestBodies(withStatic, options.maxBodyBytes));
  // Keep idle connections longer than the clients and proxies that reuse them (Node closes them after 5 s;
  // load balancers keep theirs ≈ 60 s): a request sent on a connection the server is just closing fails
  // with "socket hang up" — seen in the end-to-end tests, whose API calls come seconds apart.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000; // must exceed keepAliveTimeout
  // Authentication and the `subscribe` protocol are attached by startLiveEvents (src/server/live/).
  const io: LiveServer = new SocketServer(server, { path: "/socket.io", serveClient: false, destroyUpgrade: false });
  server.prependListener("request", (req, res) => applySecurityHeaders(req, res, headers, options.development));
  const upgrade = options.upgrade;
  if (upgrade) {
    server.on("upgrade", (req, socket, head) => {
      if (!req.url?.startsWith("/socket.io")) upgrade(req, socket, head);
    });
  }
  return { server, io };
}
