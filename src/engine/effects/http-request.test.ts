import { describe, expect, it } from "vitest";
import { HttpRequestRefused, HttpResponseTooLarge, performHttpRequest } from "./http-request";

/** A fake fetch that records requests and answers from a script. */
function fakeFetch(answer: (req: Request, signal: AbortSignal | undefined) => Response | Promise<Response>) {
  const seen: Request[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = new Request(input, { ...init, signal: undefined });
    seen.push(req);
    return answer(req, init?.signal ?? undefined);
  }) as typeof globalThis.fetch;
  return { fetch, seen };
}

const base = { nodeId: "call", idempotencyKey: "exec-1:call" };

describe("performHttpRequest", () => {
  it("sends JSON bodies with the idempotency key and parses a JSON response", async () => {
    const { fetch, seen } = fakeFetch(() => Response.json({ ok: true }, { status: 201 }));
    const outcome = await performHttpRequest({ fetch }, { ...base, config: { method: "post", url: "http://svc.test/orders", body: { id: 7 } } });
    expect(outcome).toEqual({ ok: true, output: { status: 201, headers: { "content-type": "application/json" }, body: { ok: true } } });
    expect(seen[0]!.method).toBe("POST");
    expect(seen[0]!.headers.get("idempotency-key")).toBe("exec-1:call");
    expect(seen[0]!.headers.get("content-type")).toBe("application/json");
    expect(await seen[0]!.text()).toBe('{"id":7}');
  });

  it("keeps an Idempotency-Key the workflow set itself", async () => {
    const { fetch, seen } = fakeFetch(() => new Response("hi"));
    await performHttpRequest({ fetch }, { ...base, config: { url: "http://svc.test/", headers: { "Idempotency-Key": "mine" } } });
    expect(seen[0]!.headers.get("idempotency-key")).toBe("mine");
  });

  it("returns text bodies as strings", async () => {
    const { fetch } = fakeFetch(() => new Response("plain", { headers: { "content-type": "text/plain" } }));
    const outcome = await performHttpRequest({ fetch }, { ...base, config: { url: "http://svc.test/" } });
    expect(outcome.ok && (outcome.output as { body: string }).body).toBe("plain");
  });

  it.each([
    [500, true],
    [503, true],
    [429, true],
    [404, false],
    [400, false],
  ])("treats status %i as an error, retryable=%s", async (status, retryable) => {
    const { fetch } = fakeFetch(() => new Response("nope", { status }));
    const outcome = await performHttpRequest({ fetch }, { ...base, config: { url: "http://svc.test/x" } });
    expect(outcome).toEqual({
      ok: false,
      error: { type: "NodeError", message: `GET http://svc.test/x answered ${status}: nope`, nodeId: "call", retryable },
    });
  });

  it("does not fail on non-2xx with ignoreStatus", async () => {
    const { fetch } = fakeFetch(() => new Response("gone", { status: 410 }));
    const outcome = await performHttpRequest({ fetch }, { ...base, config: { url: "http://svc.test/x", ignoreStatus: true } });
    expect(outcome.ok && (outcome.output as { status: number }).status).toBe(410);
  });

  it("reports a network failure as retryable", async () => {
    const fetch = (async () => {
      throw new TypeError("fetch failed", { cause: { code: "ECONNREFUSED" } });
    }) as typeof globalThis.fetch;
    const outcome = await performHttpRequest({ fetch }, { ...base, config: { url: "http://svc.test/x" } });
    expect(outcome).toEqual({ ok: false, error: { type: "NodeError", message: "GET http://svc.test/x failed: ECONNREFUSED", nodeId: "call", retryable: true } });
  });

  it("times out with a Timeout error when the server is slower than timeoutMs", async () => {
    const { fetch } = fakeFetch(
      (_req, signal) => new Promise((_, reject) => signal!.addEventListener("abort", () => reject(signal!.reason))),
    );
    const outcome = await performHttpRequest({ fetch }, { ...base, timeoutMs: 20, config: { url: "http://svc.test/slow" } });
    expect(outcome).toEqual({ ok: false, error: { type: "Timeout", message: "GET http://svc.test/slow took longer than 20 ms", nodeId: "call", retryable: true } });
  });

  it("reports Cancelled when the caller aborts", async () => {
    const controller = new AbortController();
    const { fetch } = fakeFetch(
      (_req, signal) => new Promise((_, reject) => signal!.addEventListener("abort", () => reject(signal!.reason))),
    );
    const pending = performHttpRequest({ fetch }, { ...base, signal: controller.signal, config: { url: "http://svc.test/slow" } });
    controller.abort();
    expect(await pending).toEqual({ ok: false, error: { type: "Cancelled", message: "the execution was cancelled", nodeId: "call", retryable: false } });
  });

  it("refuses non-http URLs", async () => {
    const { fetch, seen } = fakeFetch(() => new Response(""));
    const outcome = await performHttpRequest({ fetch }, { ...base, config: { url: "file:///etc/passwd" } });
    expect(outcome.ok).toBe(false);
    expect(seen).toHaveLength(0);
  });

  it("reports a destination the fetch port refuses as a non-retryable NodeError with its code", async () => {
    const fetch = (async () => {
      throw new HttpRequestRefused("http.request to 10.0.0.5 refused: private network address (set HTTP_ALLOW_PRIVATE_NETWORKS to allow)");
    }) as typeof globalThis.fetch;
    const outcome = await performHttpRequest({ fetch }, { ...base, config: { url: "http://10.0.0.5/" } });
    expect(outcome).toEqual({
      ok: false,
      error: {
        type: "NodeError",
        message: "http.request to 10.0.0.5 refused: private network address (set HTTP_ALLOW_PRIVATE_NETWORKS to allow)",
        nodeId: "call",
        retryable: false,
        code: "HTTP_REQUEST_REFUSED",
      },
    });
  });

  it("reports a response over the fetch port's size limit as a non-retryable NodeError naming the call and the limit", async () => {
    const fetch = (async () => {
      throw new HttpResponseTooLarge("the response body is larger than 1024 KB (HTTP_MAX_RESPONSE_KB)");
    }) as typeof globalThis.fetch;
    const outcome = await performHttpRequest({ fetch }, { ...base, config: { method: "POST", url: "https://api.example.com/export?all=1" } });
    expect(outcome).toEqual({
      ok: false,
      error: {
        type: "NodeError",
        message: "POST https://api.example.com/export: the response body is larger than 1024 KB (HTTP_MAX_RESPONSE_KB)",
        nodeId: "call",
        retryable: false,
        code: "HTTP_RESPONSE_TOO_LARGE",
      },
    });
  });
});
