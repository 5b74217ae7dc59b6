import type { EngineError, Json } from "../execution-types";

/**
 * Performs an `http.request` effect through an injected `fetch` (the only
 * I/O, passed in by the worker; tests pass a fake or a local server).
 *
 * 1. Build the request from the resolved config: JSON-encode object bodies,
 *    add `Idempotency-Key` (the node instance's stable key, the same on every
 *    retry) unless the workflow set one.
 * 2. Abort on `signal` (execution cancelled) or after `timeoutMs` (Timeout).
 * 3. Parse the body as JSON when the response says it is JSON, else text.
 * 4. Non-2xx is an error unless `ignoreStatus`: retryable for 5xx and 429,
 *    not for other 4xx. Network failures are retryable; a destination the
 *    fetch port refuses by policy (HttpRequestRefused, e.g. the worker's SSRF
 *    guard) is not: a retry would be refused the same way; nor is a response
 *    body over the port's size limit (HttpResponseTooLarge).
 */
export type HttpRequestConfig = {
  method?: string;
  url: string;
  headers?: Record<string, string>;
  body?: Json;
  ignoreStatus?: boolean;
};

export type EffectOutcome = { ok: true; output: Json } | { ok: false; error: EngineError };

export type HttpPorts = { fetch: typeof globalThis.fetch };

/** The `code` of an HttpRequestRefused error, kept on the EngineError. */
export const HTTP_REQUEST_REFUSED = "HTTP_REQUEST_REFUSED";

/**
 * Thrown by a fetch port that will not connect to a destination (a private
 * network address, a non-http scheme after a redirect). Its message is the
 * node's error message; it is never retried.
 */
export class HttpRequestRefused extends Error {
  override name = "HttpRequestRefused";
  readonly code = HTTP_REQUEST_REFUSED;
}

/** The `code` of an HttpResponseTooLarge error, kept on the EngineError. */
export const HTTP_RESPONSE_TOO_LARGE = "HTTP_RESPONSE_TOO_LARGE";

/**
 * Thrown by a fetch port that stops reading a response body at its size limit
 * (the worker's HTTP_MAX_RESPONSE_KB), so that one huge answer cannot exhaust
 * the worker's memory. Never retried: the same call would answer the same.
 */
export class HttpResponseTooLarge extends Error {
  override name = "HttpResponseTooLarge";
  readonly code = HTTP_RESPONSE_TOO_LARGE;
}

const errorCode = (error: unknown) => (typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined);

function isRefusal(error: unknown): error is HttpRequestRefused {
  return errorCode(error) === HTTP_REQUEST_REFUSED;
}

export async function performHttpRequest(
  ports: HttpPorts,
  request: { nodeId: string; config: HttpRequestConfig; idempotencyKey: string; timeoutMs?: number; signal?: AbortSignal },
): Promise<EffectOutcome> {
  const { config, nodeId } = request;
  const fail = (type: EngineError["type"], message: string, retryable: boolean): EffectOutcome => ({
    ok: false,
    error: { type, message, nodeId, retryable },
  });
  let url: URL;
  try {
    url = new URL(config.url);
  } catch {
    return fail("NodeError", `invalid URL "${config.url}"`, false);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return fail("NodeError", `unsupported URL scheme "${url.protocol}"`, false);

  const method = (config.method ?? "GET").toUpperCase();
  const headers = new Headers(config.headers ?? {});
  if (!headers.has("idempotency-key")) headers.set("Idempotency-Key", request.idempotencyKey);
  let body: string | undefined;
  if (config.body !== undefined && config.body !== null && method !== "GET" && method !== "HEAD") {
    if (typeof config.body === "string") body = config.body;
    else {
      body = JSON.stringify(config.body);
      if (!headers.has("content-type")) headers.set("content-type", "application/json");
    }
  }

  // One controller, strongly referenced for the whole call: Node's AbortSignal.timeout()/any() signals
  // are weakly held and can be garbage-collected before they fire.
  const controller = new AbortController();
  let timedOut = false;
  const onCallerAbort = () => controller.abort();
  request.signal?.addEventListener("abort", onCallerAbort, { once: true });
  if (request.signal?.aborted) controller.abort();
  const timer = request.timeoutMs
    ? setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, request.timeoutMs)
    : undefined;
  let response: Response;
  let text: string;
  try {
    response = await ports.fetch(url, { method, headers, body, signal: controller.signal, redirect: "follow" });
    text = await response.text();
  } catch (error) {
    if (timedOut) return fail("Timeout", `${method} ${url.origin}${url.pathname} took longer than ${request.timeoutMs} ms`, true);
    if (request.signal?.aborted) return fail("Cancelled", "the execution was cancelled", false);
    if (isRefusal(error)) return { ok: false, error: { type: "NodeError", message: error.message, nodeId, retryable: false, code: HTTP_REQUEST_REFUSED } };
    if (errorCode(error) === HTTP_RESPONSE_TOO_LARGE) {
      const message = `${method} ${url.origin}${url.pathname}: ${(error as Error).message}`;
      return { ok: false, error: { type: "NodeError", message, nodeId, retryable: false, code: HTTP_RESPONSE_TOO_LARGE } };
    }
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return fail("NodeError", `${method} ${url.origin}${url.pathname} failed: ${cause?.code ?? cause?.message ?? (error as Error).message}`, true);
  } finally {
    clearTimeout(timer);
    request.signal?.removeEventListener("abort", onCallerAbort);
  }

  const responseHeaders: Record<string, string> = {};
  response.headers.forEach((value, key) => (responseHeaders[key] = value));
  const output = { status: response.status, headers: responseHeaders, body: parseBody(text, response.headers.get("content-type")) };
  if (response.ok || config.ignoreStatus) return { ok: true, output };
  const retryable = response.status >= 500 || response.status === 429;
  const excerpt = text.length > 200 ? `${text.slice(0, 200)}…` : text;
  return fail("NodeError", `${method} ${url.origin}${url.pathname} answered ${response.status}${excerpt ? `: ${excerpt}` : ""}`, retryable);
}

function parseBody(text: string, contentType: string | null): Json {
  if (contentType && /\bjson\b/i.test(contentType) && text.length > 0) {
    try {
      return JSON.parse(text) as Json;
    } catch {
      return text;
    }
  }
  return text;
}
