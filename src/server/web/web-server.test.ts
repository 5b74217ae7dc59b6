import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWebServer } from "./create-web-server";

/**
 * server.ts's HTTP server (createWebServer: application + socket.io + the
 * protections) on an ephemeral port, with a stub in place of Next.js that
 * reads bodies the way Next does: it attaches 'data'/'end' listeners only
 * after some asynchronous work, then answers `{ bytes, sha256 }`.
 */
const LIMIT = 64 * 1024;
let base: string;
let handled: string[] = [];
let close: () => Promise<void>;
/** The CSP header each request reached the application with (Next.js reads its script nonce there). */
let policiesSeen: Array<string | undefined> = [];

function stubApplication(req: http.IncomingMessage, res: http.ServerResponse) {
  handled.push(`${req.method} ${req.url}`);
  policiesSeen.push(req.headers["content-security-policy"] as string | undefined);
  if (req.url === "/missing") return void res.writeHead(404).end("not found");
  setTimeout(() => {
    const hash = createHash("sha256");
    let bytes = 0;
    req.on("data", (chunk: Buffer) => ((bytes += chunk.length), hash.update(chunk)));
    req.on("end", () => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ bytes, sha256: hash.digest("hex") })));
  }, 20);
}

async function start(development: boolean) {
  const { server, io } = createWebServer({ handle: stubApplication, development, maxBodyBytes: LIMIT });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), io.close(() => resolve()))),
  };
}

beforeAll(async () => {
  ({ base, close } = await start(false));
});
afterAll(() => close());

/** A raw request: a Buffer body with Content-Length, or chunks sent with Transfer-Encoding: chunked. */
function send(path: string, body: { fixed: Buffer } | { chunks: Buffer[] } | null, method = "POST") {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }>((resolve, reject) => {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (body && "fixed" in body) headers["content-length"] = String(body.fixed.length);
    const req = http.request(`${base}${path}`, { method, headers, agent: false }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on("error", reject);
    if (body && "fixed" in body) req.end(body.fixed);
    else if (body) {
      for (const chunk of body.chunks) req.write(chunk);
      req.end();
    } else req.end();
  });
}
const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");
const bytes = (n: number, fill = 0x61) => Buffer.alloc(n, fill);
const TOO_LARGE = { error: { code: "PAYLOAD_TOO_LARGE", message: "request body is larger than 64 KiB (the server's MAX_REQUEST_BODY_KB limit)" } };

describe("security headers", () => {
  const expectHeaders = (headers: http.IncomingHttpHeaders) => {
    expect(headers["content-security-policy"]).toMatch(
      /^default-src 'self'; script-src 'self' 'nonce-[A-Za-z0-9+/]{22}==' 'strict-dynamic'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'$/,
    );
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("same-origin");
    expect(headers["permissions-policy"]).toMatch(/^camera=\(\), microphone=\(\), geolocation=\(\)/);
  };

  it("are on application responses, errors and refusals alike", async () => {
    expectHeaders((await send("/workflows", null, "GET")).headers);
    expectHeaders((await send("/missing", null, "GET")).headers);
    expectHeaders((await send("/api/trpc/workflow.create", { fixed: bytes(LIMIT + 1) })).headers);
  });

  it("give each response a fresh script nonce, which the application reads from its request (a client's own policy is replaced)", async () => {
    policiesSeen = [];
    const first = await fetch(`${base}/workflows`, { headers: { "content-security-policy": "script-src 'nonce-chosen-by-client'" } });
    const second = await fetch(`${base}/workflows`);
    await Promise.all([first.text(), second.text()]);
    const sent = [first.headers.get("content-security-policy"), second.headers.get("content-security-policy")];
    expect(policiesSeen).toEqual(sent);
    expect(sent[0]).not.toBe(sent[1]);
    expect(sent[0]).not.toContain("chosen-by-client");
  });

  it("are on socket.io's responses, which never reach the application", async () => {
    handled = [];
    const handshake = await send("/socket.io/?EIO=4&transport=polling", null, "GET");
    expect(handshake.status).toBe(200);
    expect(handshake.text).toMatch(/"sid"/);
    expectHeaders(handshake.headers);
    expect(handled).toEqual([]);
  });

  it("allow eval only in development", async () => {
    const dev = await start(true);
    try {
      const response = await fetch(`${dev.base}/`);
      await response.text();
      expect(response.headers.get("content-security-policy")).toContain("script-src 'self' 'unsafe-inline' 'unsafe-eval';");
      expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    } finally {
      await dev.close();
    }
  });
});

describe("the request body cap", () => {
  it("refuses a declared body above the cap with 413 and JSON, without calling the application", async () => {
    handled = [];
    const response = await send("/api/trpc/workflow.create", { fixed: bytes(LIMIT + 1) });
    expect(response.status).toBe(413);
    expect(response.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(JSON.parse(response.text)).toEqual(TOO_LARGE);
    expect(handled).toEqual([]);
  });

  it("passes a body of exactly the cap through untouched", async () => {
    const body = bytes(LIMIT, 0x62);
    const response = await send("/api/trpc/workflow.create", { fixed: body });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toEqual({ bytes: LIMIT, sha256: sha(body) });
  });

  it("refuses a chunked upload once it passes the cap", async () => {
    handled = [];
    const chunks = Array.from({ length: 20 }, (_, i) => bytes(8 * 1024, 0x30 + i)); // 160 KiB
    const response = await send("/api/trpc/workflow.create", { chunks });
    expect(response.status).toBe(413);
    expect(JSON.parse(response.text)).toEqual(TOO_LARGE);
    expect(handled).toEqual([]);
  });

  it("hands a chunked upload under the cap to the application byte for byte", async () => {
    const chunks = Array.from({ length: 7 }, (_, i) => bytes(9000, 0x41 + i));
    const response = await send("/api/trpc/workflow.create", { chunks });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toEqual({ bytes: 63000, sha256: sha(Buffer.concat(chunks)) });
  });

  it("hands an empty chunked upload to the application without losing its end", async () => {
    const response = await send("/api/trpc/workflow.create", { chunks: [] });
    expect(JSON.parse(response.text)).toEqual({ bytes: 0, sha256: sha(Buffer.alloc(0)) });
  });

  it("caps every route, not only the API", async () => {
    expect((await send("/workflows", { fixed: bytes(LIMIT + 1) })).status).toBe(413);
  });

  it("leaves the server healthy: a normal request afterwards is answered", async () => {
    const response = await fetch(`${base}/api/trpc/workflow.list`, { method: "POST", body: "{}" });
    expect(await response.json()).toEqual({ bytes: 2, sha256: sha(Buffer.from("{}")) });
  });
});

describe("X-Forwarded-For", () => {
  async function forwardedSeen(trustProxy: boolean): Promise<string | undefined> {
    let seen: string | undefined = "unset";
    const { server, io } = createWebServer({
      handle: (req, res) => ((seen = req.headers["x-forwarded-for"] as string | undefined), res.end("ok")),
      development: false,
      maxBodyBytes: LIMIT,
      trustProxy,
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      await new Promise<void>((resolve, reject) =>
        http.get(url, { headers: { "x-forwarded-for": "203.0.113.7" }, agent: false }, (res) => (res.resume(), res.on("end", resolve))).on("error", reject),
      );
      return seen;
    } finally {
      await new Promise<void>((resolve) => (server.closeAllConnections(), io.close(() => resolve())));
    }
  }

  it("a client's header is dropped unless TRUST_PROXY (the sign-in throttle counts real addresses)", async () => {
    expect(await forwardedSeen(false)).toBeUndefined();
    expect(await forwardedSeen(true)).toBe("203.0.113.7");
  });
});

describe("kept-alive connections", () => {
  it("stay open while idle for longer than Node's default 5 s, so a client reusing one is not hung up on", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const sockets = new Set<unknown>();
    const get = () =>
      new Promise<number>((resolve, reject) => {
        const req = http.get(`${base}/missing`, { agent }, (res) => {
          sockets.add(res.socket);
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
        });
        req.on("error", reject);
      });
    try {
      expect(await get()).toBe(404);
      await new Promise((resolve) => setTimeout(resolve, 7_000)); // Node closes an idle one between 5 and 7 s by default
      expect(await get()).toBe(404); // "socket hang up" (ECONNRESET) when the server closed it at 5 s
      expect(sockets.size).toBe(1); // the same connection, reused
    } finally {
      agent.destroy();
    }
  }, 15_000);
});
