/** The local HTTP server the `http.request` scenario calls (random port, in the benchmark process). */
import http from "node:http";
import type { AddressInfo } from "node:net";

export type HttpTarget = { baseUrl: string; requests(): number; close(): Promise<void> };

export async function startHttpTarget(): Promise<HttpTarget> {
  let count = 0;
  const body = JSON.stringify({ ok: true });
  const server = http.createServer((req, res) => {
    count++;
    req.resume();
    req.on("end", () => {
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
      res.end(body);
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
