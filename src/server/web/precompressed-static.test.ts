import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWebServer } from "./create-web-server";
import { acceptedEncodings } from "./precompressed-static";

/**
 * The production web server (createWebServer with a staticDir) in front of a
 * stub application, on a temporary `.next/static` holding a script with both
 * copies, a stylesheet with only a gzip copy, a script without copies, and a
 * secret beside (not inside) the static directory.
 */
const script = Buffer.from(`console.log(${JSON.stringify("x".repeat(4000))});\n`);
const style = Buffer.from(`body { color: red; }\n`.repeat(100));
let dir: string;
let base: string;
let handled: string[] = [];
let close: () => Promise<void>;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "sy-static-"));
  const chunks = path.join(dir, "static", "chunks");
  mkdirSync(chunks, { recursive: true });
  writeFileSync(path.join(chunks, "app.js"), script);
  writeFileSync(path.join(chunks, "app.js.br"), zlib.brotliCompressSync(script));
  writeFileSync(path.join(chunks, "app.js.gz"), zlib.gzipSync(script));
  writeFileSync(path.join(chunks, "style.css"), style);
  writeFileSync(path.join(chunks, "style.css.gz"), zlib.gzipSync(style));
  writeFileSync(path.join(chunks, "plain.js"), "1");
  writeFileSync(path.join(dir, "secret.js"), "secret");
  writeFileSync(path.join(dir, "secret.js.br"), zlib.brotliCompressSync("secret"));

  const { server, io } = createWebServer({
    handle: (req, res) => {
      handled.push(`${req.method} ${req.url}`);
      res.writeHead(200, { "content-type": "text/plain" }).end("from the application");
    },
    development: false,
    maxBodyBytes: 1024,
    staticDir: path.join(dir, "static"),
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => new Promise<void>((resolve) => (server.closeAllConnections(), io.close(() => resolve())));
});
afterAll(async () => {
  await close();
  rmSync(dir, { recursive: true, force: true });
});

function get(url: string, headers: Record<string, string> = {}, method = "GET") {
  handled = [];
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    // `path`, not a URL: sent exactly as written ("../" included), as a hostile client would.
    const { hostname, port } = new URL(base);
    const req = http.request({ hostname, port, path: url, method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("precompressed static assets", () => {
  it("sends the brotli copy to a browser that accepts it, cached for good, with the security headers", async () => {
    const res = await get("/_next/static/chunks/app.js", { "accept-encoding": "gzip, deflate, br, zstd" });
    expect(res.status).toBe(200);
    expect(res.headers).toMatchObject({
      "content-encoding": "br",
      "content-type": "application/javascript; charset=utf-8",
      "cache-control": "public, max-age=31536000, immutable",
      vary: "Accept-Encoding",
      "x-content-type-options": "nosniff",
    });
    expect(Number(res.headers["content-length"])).toBe(res.body.length);
    expect(zlib.brotliDecompressSync(res.body)).toEqual(script);
    expect(handled).toEqual([]);
  });

  it("sends gzip when brotli is not accepted (or refused with q=0) or has no copy", async () => {
    for (const [url, accept] of [
      ["/_next/static/chunks/app.js", "gzip"],
      ["/_next/static/chunks/app.js", "br;q=0, gzip"],
      ["/_next/static/chunks/style.css", "br, gzip"],
    ] as const) {
      const res = await get(url, { "accept-encoding": accept });
      expect(res.headers["content-encoding"]).toBe("gzip");
      expect(zlib.gunzipSync(res.body)).toEqual(url.endsWith(".css") ? style : script);
    }
  });

  it("answers HEAD with the headers only", async () => {
    const res = await get("/_next/static/chunks/app.js", { "accept-encoding": "br" }, "HEAD");
    expect([res.status, res.headers["content-encoding"], res.body.length]).toEqual([200, "br", 0]);
  });

  it("leaves everything else to the application", async () => {
    const cases: Array<[string, Record<string, string>, string?]> = [
      ["/_next/static/chunks/app.js", {}], // no encoding accepted
      ["/_next/static/chunks/app.js", { "accept-encoding": "identity" }],
      ["/_next/static/chunks/plain.js", { "accept-encoding": "br" }], // no copies
      ["/_next/static/chunks/missing.js", { "accept-encoding": "br" }],
      ["/_next/static/chunks/app.js", { "accept-encoding": "br" }, "POST"],
      ["/workflows", { "accept-encoding": "br" }],
      // Outside the static directory, however it is spelled.
      ["/_next/static/../secret.js", { "accept-encoding": "br" }],
      ["/_next/static/%2e%2e/secret.js", { "accept-encoding": "br" }],
      ["/_next/static/chunks/%2e%2e%2f%2e%2e%2fsecret.js", { "accept-encoding": "br" }],
      ["/_next/static/%E0%A4%A", { "accept-encoding": "br" }], // not decodable
    ];
    for (const [url, headers, method] of cases) {
      const res = await get(url, headers, method);
      expect(res.body.toString(), url).toBe("from the application");
      expect(res.headers["content-encoding"], url).toBeUndefined();
    }
  });
});

describe("what is remembered", () => {
  it("remembers only files that exist: a name asked for before its file existed is looked up again", async () => {
    // (A client asking for made-up names must not grow the server's memory.)
    const url = "/_next/static/chunks/later.js";
    expect((await get(url, { "accept-encoding": "br" })).body.toString()).toBe("from the application");
    const chunks = path.join(dir, "static", "chunks");
    writeFileSync(path.join(chunks, "later.js"), script);
    writeFileSync(path.join(chunks, "later.js.br"), zlib.brotliCompressSync(script));
    const res = await get(url, { "accept-encoding": "br" });
    expect(res.headers["content-encoding"]).toBe("br");
    expect(zlib.brotliDecompressSync(res.body)).toEqual(script);
  });
});

describe("acceptedEncodings", () => {
  it("lists the accepted encodings in lower case and drops those refused with q=0", () => {
    expect(acceptedEncodings("gzip, deflate, BR;q=1.0, zstd;q=0, *;q=0.1")).toEqual(["gzip", "deflate", "br", "*"]);
    expect(acceptedEncodings(undefined)).toEqual([]);
    expect(acceptedEncodings(["gzip", "br;q=0.000"])).toEqual(["gzip"]);
  });
});
