import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { Readable } from "node:stream";
import zlib from "node:zlib";
import { HttpRequestRefused } from "@/engine/effects/http-request";
import { ADDRESS_KIND_DESCRIPTION, checkDestination, parseIp, type NetworkAllowlist } from "@/server/network-policy";

/**
 * The `fetch` port of the worker's `http.request` effects, with SSRF protection:
 * a workflow author must not be able to reach the worker's own network
 * (databases, admin ports, cloud metadata at 169.254.169.254) by URL.
 *
 * For every hop (the first URL and each redirect):
 * 1. Only http: and https: URLs.
 * 2. Resolve the host (dns.lookup, all addresses) unless it is an IP literal;
 *    the WHATWG URL parser has already normalised numeric forms such as
 *    `http://2130706433/`, `http://0x7f.1/` (→ 127.0.0.1) and
 *    `http://[::ffff:127.0.0.1]/` (→ [::ffff:7f00:1]).
 * 3. Keep the addresses `checkDestination` allows (public ones, or allowlisted by
 *    HTTP_ALLOW_PRIVATE_NETWORKS); none left → throw HttpRequestRefused, which
 *    performHttpRequest reports as a non-retryable NodeError.
 * 4. Connect with node:http(s) and a `lookup` that returns exactly those checked
 *    addresses: the connection is pinned to what was checked, so DNS rebinding
 *    (a second answer pointing inside) has nothing to answer. TLS still verifies
 *    the certificate against the host name.
 * Redirects are followed here (at most `maxRedirects`, 20 like fetch's own limit),
 * never by the HTTP client, so each hop goes through 1–4. Method and headers
 * change as fetch's do: 303 (and 301/302 after a POST) become a GET without
 * body; a cross-origin hop drops Authorization, Proxy-Authorization and Cookie.
 *
 * Why node:http rather than the global fetch: Node 20's fetch (undici 6.x,
 * bundled) accepts a `dispatcher` but does not export the Agent class whose
 * `connect.lookup` would pin the address, and the `undici` package is not a
 * dependency. Responses are decompressed (gzip, deflate, br) like fetch's.
 * Network failures reject with `TypeError("fetch failed", { cause })`, as fetch does.
 */
export type ResolveHost = (hostname: string) => Promise<Array<{ address: string; family: number }>>;

export type GuardedFetchOptions = {
  allowlist: NetworkAllowlist;
  /** Redirects followed per call; one more is a network error (default 20, fetch's limit). */
  maxRedirects?: number;
  /** Host name resolution (default: dns.lookup with all addresses). Tests pass a fake DNS. */
  resolve?: ResolveHost;
};

export type GuardedFetch = {
  fetch: typeof globalThis.fetch;
  /** Close kept-alive connections (worker shutdown). */
  close(): void;
};

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);
const BODY_HEADERS = ["content-type", "content-length", "content-encoding", "content-language", "content-location"];
const CREDENTIAL_HEADERS = ["authorization", "proxy-authorization", "cookie"];

const systemResolve: ResolveHost = (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true });

type Hop = { url: URL; method: string; headers: Headers; body: Buffer | undefined; signal: AbortSignal | undefined };

export function guardedFetch(options: GuardedFetchOptions): GuardedFetch {
  const maxRedirects = options.maxRedirects ?? 20;
  const resolve = options.resolve ?? systemResolve;
  // Like Node's global agent: keep-alive, and a socket timeout so idle sockets honour the server's Keep-Alive hint.
  const agentOptions = { keepAlive: true, scheduling: "lifo", timeout: 5000 } as const;
  const agents = { "http:": new http.Agent(agentOptions), "https:": new https.Agent(agentOptions) };

  const fetchGuarded = async (input: Parameters<typeof fetch>[0], init?: RequestInit): Promise<Response> => {
    // The platform Request normalises the body (string, bytes, form…) and adds its content-type.
    const request = new Request(input, init);
    const mode = init?.redirect ?? request.redirect;
    let hop: Hop = {
      url: new URL(request.url),
      method: request.method,
      headers: new Headers(request.headers),
      body: request.body === null ? undefined : Buffer.from(await request.arrayBuffer()),
      signal: init?.signal ?? undefined,
    };
    let from: URL | undefined;
    for (let redirects = 0; ; redirects++) {
      const response = await sendOnce(hop, from);
      const location = REDIRECT_STATUSES.has(response.status) ? response.headers.get("location") : null;
      if (location === null || mode === "manual") return response;
      await response.body?.cancel();
      if (mode === "error") throw networkError(new Error(`unexpected redirect to ${location}`));
      if (redirects >= maxRedirects) throw networkError(new Error("redirect count exceeded"));
      let next: URL;
      try {
        next = new URL(location, hop.url);
      } catch {
        throw networkError(new Error(`invalid redirect location ${JSON.stringify(location)}`));
      }
      from = hop.url;
      hop = redirected(hop, response.status, next);
    }
  };

  async function sendOnce(hop: Hop, from: URL | undefined): Promise<Response> {
    const { url } = hop;
    const redirectNote = from ? ` (redirected from ${from.host})` : "";
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      throw new HttpRequestRefused(`http.request to a ${url.protocol} URL${redirectNote} refused: only http and https URLs are allowed`);
    }
    const hostname = url.hostname.replace(/^\[|\]$/g, "");
    const port = url.port === "" ? (url.protocol === "https:" ? 443 : 80) : Number(url.port);
    const literal = parseIp(hostname);
    let addresses: Array<{ address: string; family: number }>;
    if (literal !== undefined) addresses = [{ address: hostname, family: literal.family }];
    else {
      try {
        addresses = await resolve(hostname);
      } catch (error) {
        throw networkError(error);
      }
      if (addresses.length === 0) throw networkError(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" }));
    }
    const verdicts = addresses.map((a) => ({ ...a, verdict: checkDestination(options.allowlist, { hostname, port, address: a.address }) }));
    const allowed = verdicts.filter((v) => v.verdict.ok);
    if (allowed.length === 0) {
      const first = verdicts[0]!;
      const kind = first.verdict.ok ? "reserved" : first.verdict.kind;
      const target = literal !== undefined ? url.host : `${url.host} (${first.address})`;
      throw new HttpRequestRefused(
        `http.request to ${target}${redirectNote} refused: ${ADDRESS_KIND_DESCRIPTION[kind === "public" ? "reserved" : kind]} (set HTTP_ALLOW_PRIVATE_NETWORKS to allow)`,
      );
    }
    return send(hop, hostname, port, pinnedLookup(allowed));
  }

  function send(hop: Hop, hostname: string, port: number, lookup: LookupFunction): Promise<Response> {
    const { url, method, headers, body, signal } = hop;
    if (!headers.has("accept")) headers.set("accept", "*/*");
    if (!headers.has("accept-encoding")) headers.set("accept-encoding", "gzip, deflate, br");
    if (!headers.has("user-agent")) headers.set("user-agent", "Switchyard");
    if (body !== undefined) headers.set("content-length", String(body.length));
    const protocol = url.protocol as "http:" | "https:";
    const client = protocol === "https:" ? https : http;
    return new Promise<Response>((resolveResponse, reject) => {
      const fail = (error: unknown) => reject(signal?.aborted ? signal.reason : networkError(error));
      const req = client.request(
        {
          protocol,
          hostname,
          port,
          path: `${url.pathname}${url.search}`,
          method,
          headers: Object.fromEntries(headers),
          agent: agents[protocol],
          lookup,
          signal,
        },
        (res) => {
          try {
            resolveResponse(toResponse(res, method));
          } catch (error) {
            res.destroy();
            fail(error);
          }
        },
      );
      req.on("error", fail);
      req.end(body);
    });
  }

  return {
    fetch: fetchGuarded as typeof globalThis.fetch,
    close() {
      agents["http:"].destroy();
      agents["https:"].destroy();
    },
  };
}

/** The next hop after a redirect answer, with fetch's method and header rules. */
function redirected(hop: Hop, status: number, next: URL): Hop {
  const headers = new Headers(hop.headers);
  let { method, body } = hop;
  if ((status === 303 && method !== "GET" && method !== "HEAD") || ((status === 301 || status === 302) && method === "POST")) {
    method = "GET";
    body = undefined;
    for (const name of BODY_HEADERS) headers.delete(name);
  }
  if (next.origin !== hop.url.origin) for (const name of CREDENTIAL_HEADERS) headers.delete(name);
  return { url: next, method, headers, body, signal: hop.signal };
}

/** A `lookup` for net.connect that answers only with the addresses already checked. */
function pinnedLookup(addresses: Array<{ address: string; family: number }>): LookupFunction {
  return ((_hostname: string, options: dns.LookupOptions, callback: (...args: unknown[]) => void) => {
    const family = typeof options.family === "number" && options.family !== 0 ? options.family : undefined;
    const usable = family === undefined ? addresses : addresses.filter((a) => a.family === family);
    if (usable.length === 0) {
      callback(Object.assign(new Error(`no checked address of family IPv${family}`), { code: "ENOTFOUND" }), "", 0);
      return;
    }
    if (options.all) callback(null, usable.map(({ address, family: f }) => ({ address, family: f })));
    else callback(null, usable[0]!.address, usable[0]!.family);
  }) as LookupFunction;
}

function toResponse(res: http.IncomingMessage, method: string): Response {
  const status = res.statusCode ?? 0;
  if (status < 200 || status > 599) throw new Error(`invalid response status ${status}`);
  const headers = new Headers();
  for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) headers.append(res.rawHeaders[i]!, res.rawHeaders[i + 1]!);
  if (method === "HEAD" || NULL_BODY_STATUSES.has(status)) {
    res.resume();
    return new Response(null, { status, statusText: res.statusMessage, headers });
  }
  return new Response(Readable.toWeb(decoded(res)) as ReadableStream<Uint8Array>, { status, statusText: res.statusMessage, headers });
}

/** The response body, decompressed according to Content-Encoding (as fetch does). */
function decoded(res: http.IncomingMessage): Readable {
  const encoding = (res.headers["content-encoding"] ?? "").trim().toLowerCase();
  const decoder =
    encoding === "gzip" || encoding === "x-gzip"
      ? zlib.createGunzip({ flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH })
      : encoding === "deflate"
        ? zlib.createInflate({ flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH })
        : encoding === "br"
          ? zlib.createBrotliDecompress()
          : undefined;
  if (decoder === undefined) return res;
  res.on("error", (error) => decoder.destroy(error));
  return res.pipe(decoder);
}

function networkError(cause: unknown): TypeError {
  return new TypeError("fetch failed", { cause });
}
