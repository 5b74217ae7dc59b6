import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Database } from "@/server/db/prisma";
import { handleApiRequest } from "@/server/trpc/handle-request";

/**
 * A Node HTTP server in front of the API's own handler (the function the Next route uses), on a free
 * local port: what `SWITCHYARD_URL` points a child-process CLI at. Close it in afterAll.
 */
export async function startApiHttpServer(db: Database): Promise<{ url: string; close: () => Promise<void> }> {
  let url = "";
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
    const body = req.method === "GET" || req.method === "HEAD" ? undefined : Buffer.concat(chunks);
    const response = await handleApiRequest(new Request(`${url}${req.url}`, { method: req.method, headers, body }), db);
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve())));
  return { url, close };
}
