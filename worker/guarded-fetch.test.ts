import http from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { HttpRequestRefused, performHttpRequest } from "@/engine/effects/http-request";
import { EMPTY_ALLOWLIST, parseNetworkAllowlist } from "@/server/network-policy";
import { guardedFetch, type GuardedFetch, type ResolveHost } from "./guarded-fetch";

/**
 * Two local servers stand for "a public service" (A, allowlisted by address
 * and port) and "something inside the network" (B, not allowlisted). Routes:
 *   /hello              → 200 "hello"
 *   /redirect?to=URL&status=N → N (default 302) with Location: URL
 *   /loop               → 302 to /loop
 *   /echo               → 200 JSON { method, body, authorization }
 *   /gzip               → 200 gzip-encoded "squeezed"
 */
type Hit = { path: string; method: string; authorization?: string };
async function startServer() {
  const hits: Hit[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://x");
      hits.push({ path: url.pathname, method: req.method ?? "", authorization: req.headers.authorization });
      if (url.pathname === "/hello") return void res.end("hello");
      if (url.pathname === "/redirect") {
        return void res.writeHead(Number(url.searchParams.get("status") ?? 302), { location: url.searchParams.get("to")! }).end();
      }
      if (url.pathname === "/loop") return void res.writeHead(302, { location: "/loop" }).end();
      if (url.pathname === "/echo") {
        res.writeHead(200, { "content-type": "application/json" });
        return void res.end(JSON.stringify({ method: req.method, body, authorization: req.headers.authorization ?? null }));
      }
      if (url.pathname === "/gzip") return void res.writeHead(200, { "content-encoding": "gzip" }).end(gzipSync("squeezed"));
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    hits,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

let a: Awaited<ReturnType<typeof startServer>>;
let b: Awaited<ReturnType<typeof startServer>>;
const opened: GuardedFetch[] = [];
const make = (allow: string, resolve?: ResolveHost, maxRedirects?: number) => {
  const guarded = guardedFetch({ allowlist: parseNetworkAllowlist(allow), resolve, maxRedirects });
  opened.push(guarded);
  return guarded.fetch;
};
/** A DNS that knows a few test names, and counts how often it was asked. */
const fakeDns = (table: Record<string, string[]>) => {
  const asked: string[] = [];
  const resolve: ResolveHost = async (hostname) => {
    asked.push(hostname);
    const addresses = table[hostname];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
    return addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
  return { resolve, asked };
};
const refusal = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HttpRequestRefused);
  return (error as Error).message;
};

beforeAll(async () => {
  a = await startServer();
  b = await startServer();
});
afterEach(() => {
  for (const guarded of opened.splice(0)) guarded.close();
  a.hits.length = 0;
  b.hits.length = 0;
});
afterAll(async () => {
  await a.close();
  await b.close();
});

describe("guardedFetch refuses non-public destinations", () => {
  it("refuses 127.0.0.1 with an empty allowlist, without connecting", async () => {
    const fetch = make("");
    expect(await refusal(fetch(`${b.url}/hello`))).toBe(
      `http.request to 127.0.0.1:${b.port} refused: loopback address (set HTTP_ALLOW_PRIVATE_NETWORKS to allow)`,
    );
    expect(b.hits).toEqual([]);
  });

  it.each([
    ["http://2130706433/", "http.request to 127.0.0.1 refused: loopback address"],
    ["http://0x7f.1/", "http.request to 127.0.0.1 refused: loopback address"],
    ["http://[::ffff:127.0.0.1]/", "http.request to [::ffff:7f00:1] refused: loopback address"],
    ["http://[::1]:8080/", "http.request to [::1]:8080 refused: loopback address"],
    ["http://0.0.0.0/", "http.request to 0.0.0.0 refused: unspecified address"],
    ["http://169.254.169.254/latest/meta-data/", "http.request to 169.254.169.254 refused: link-local address"],
    ["https://10.0.0.5/", "http.request to 10.0.0.5 refused: private network address"],
    ["http://100.64.1.1/", "http.request to 100.64.1.1 refused: shared (carrier-grade NAT) address"],
    ["http://[fd00::1]/", "http.request to [fd00::1] refused: unique local address"],
    ["http://224.0.0.1/", "http.request to 224.0.0.1 refused: multicast address"],
  ])("%s", async (url, message) => {
    expect(await refusal(make("")(url))).toBe(`${message} (set HTTP_ALLOW_PRIVATE_NETWORKS to allow)`);
  });

  it("refuses a host name that resolves to a private address, naming both", async () => {
    const dns = fakeDns({ "db.corp.test": ["10.1.2.3"] });
    expect(await refusal(make("", dns.resolve)("http://db.corp.test:5984/_all_dbs"))).toBe(
      "http.request to db.corp.test:5984 (10.1.2.3) refused: private network address (set HTTP_ALLOW_PRIVATE_NETWORKS to allow)",
    );
  });

  it("connects only to the addresses it checked: one resolution per hop, no second answer to rebind", async () => {
    // The name is unknown to the system resolver: the connection can only have used the checked answer.
    const dns = fakeDns({ "service.test": ["127.0.0.1"] });
    const response = await make(`127.0.0.1:${a.port}`, dns.resolve)(`http://service.test:${a.port}/hello`);
    expect(await response.text()).toBe("hello");
    expect(dns.asked).toEqual(["service.test"]);
    expect(a.hits.map((h) => h.path)).toEqual(["/hello"]);
  });

  it("drops the non-public answers of a name that resolves both ways", async () => {
    const dns = fakeDns({ "mixed.test": ["10.0.0.9", "127.0.0.1"] });
    const response = await make(`127.0.0.1:${a.port}`, dns.resolve)(`http://mixed.test:${a.port}/hello`);
    expect(await response.text()).toBe("hello");
  });

  it("allows what the list allows: an address with a port, a host name, or *", async () => {
    expect(await (await make(`127.0.0.1:${a.port}`)(`${a.url}/hello`)).text()).toBe("hello");
    expect(await (await make("localhost")(`http://localhost:${a.port}/hello`)).text()).toBe("hello");
    expect(await (await make("*")(`${b.url}/hello`)).text()).toBe("hello");
    expect(await refusal(make(`127.0.0.1:${a.port}`)(`${b.url}/hello`))).toMatch(/^http\.request to 127\.0\.0\.1:\d+ refused: loopback address/);
  });

  it("reports DNS failures as ordinary (retryable) network errors", async () => {
    const error = await make("", fakeDns({}).resolve)("http://nowhere.test/").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error & { cause: { code: string } }).cause.code).toBe("ENOTFOUND");
  });
});

describe("guardedFetch follows redirects itself, checking every hop", () => {
  it("refuses a redirect from an allowed host to a private address", async () => {
    const fetch = make(`127.0.0.1:${a.port}`);
    const to = encodeURIComponent(`${b.url}/hello`);
    expect(await refusal(fetch(`${a.url}/redirect?to=${to}`))).toBe(
      `http.request to 127.0.0.1:${b.port} (redirected from 127.0.0.1:${a.port}) refused: loopback address (set HTTP_ALLOW_PRIVATE_NETWORKS to allow)`,
    );
    expect(a.hits.map((h) => h.path)).toEqual(["/redirect"]);
    expect(b.hits).toEqual([]);
  });

  it("refuses a redirect to a name that resolves privately, and to another scheme", async () => {
    const dns = fakeDns({ "metadata.test": ["169.254.169.254"] });
    const fetch = make(`127.0.0.1:${a.port}`, dns.resolve);
    expect(await refusal(fetch(`${a.url}/redirect?to=${encodeURIComponent("http://metadata.test/latest")}`))).toBe(
      `http.request to metadata.test (169.254.169.254) (redirected from 127.0.0.1:${a.port}) refused: link-local address (set HTTP_ALLOW_PRIVATE_NETWORKS to allow)`,
    );
    expect(await refusal(fetch(`${a.url}/redirect?to=${encodeURIComponent("file:///etc/passwd")}`))).toBe(
      `http.request to a file: URL (redirected from 127.0.0.1:${a.port}) refused: only http and https URLs are allowed`,
    );
  });

  it("follows allowed redirects: 303 turns a POST into a GET; another origin does not get the Authorization header", async () => {
    const fetch = make("127.0.0.1");
    const sameOrigin = await fetch(`${a.url}/redirect?status=307&to=/echo`, { method: "POST", body: "x=1", headers: { authorization: "Bearer t" } });
    expect(await sameOrigin.json()).toEqual({ method: "POST", body: "x=1", authorization: "Bearer t" });
    const seeOther = await fetch(`${a.url}/redirect?status=303&to=${encodeURIComponent(`${b.url}/echo`)}`, {
      method: "POST",
      body: "x=1",
      headers: { authorization: "Bearer t" },
    });
    expect(await seeOther.json()).toEqual({ method: "GET", body: "", authorization: null });
  });

  it("stops after maxRedirects with fetch's error", async () => {
    const error = await make(`127.0.0.1:${a.port}`, undefined, 3)(`${a.url}/loop`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error & { cause: Error }).cause.message).toBe("redirect count exceeded");
    expect(a.hits).toHaveLength(4);
  });

  it("returns the redirect itself with redirect: manual", async () => {
    const response = await make(`127.0.0.1:${a.port}`)(`${a.url}/loop`, { redirect: "manual" });
    expect([response.status, response.headers.get("location")]).toEqual([302, "/loop"]);
  });
});

describe("guardedFetch behaves like fetch otherwise", () => {
  it("decompresses gzip bodies", async () => {
    expect(await (await make("127.0.0.1")(`${a.url}/gzip`)).text()).toBe("squeezed");
  });

  it("rejects with the signal's reason when aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await make("127.0.0.1")(`${a.url}/hello`, { signal: controller.signal }).catch((e: unknown) => e);
    expect((error as Error).name).toBe("AbortError");
  });

  it("through performHttpRequest, a refusal is a non-retryable NodeError with a code", async () => {
    const outcome = await performHttpRequest(
      { fetch: make("") },
      { nodeId: "fetch", config: { url: `${b.url}/hello` }, idempotencyKey: "e:fetch" },
    );
    expect(outcome).toEqual({
      ok: false,
      error: {
        type: "NodeError",
        message: `http.request to 127.0.0.1:${b.port} refused: loopback address (set HTTP_ALLOW_PRIVATE_NETWORKS to allow)`,
        nodeId: "fetch",
        retryable: false,
        code: "HTTP_REQUEST_REFUSED",
      },
    });
    expect(b.hits).toEqual([]);
  });

  it("an empty allowlist object refuses as the parsed empty string does", async () => {
    const guarded = guardedFetch({ allowlist: EMPTY_ALLOWLIST });
    opened.push(guarded);
    await refusal(guarded.fetch(`${b.url}/hello`));
  });
});
