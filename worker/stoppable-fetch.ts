import { HttpResponseTooLarge } from "@/engine/effects/http-request";

/**
 * The `fetch` the worker's effects use, with a way to abandon every call in
 * flight when a shutdown runs out of time.
 *
 * Why not abort the effect's own AbortSignal (worker/abort-registry.ts)? That
 * signal means "the execution was cancelled": performHttpRequest turns it into
 * a non-retryable `Cancelled` error and the task records it, so the execution
 * would FAIL because its worker restarted. Instead, `abandon()` aborts the
 * real HTTP request (the server sees the client hang up) and leaves the
 * caller's promise pending forever: nothing is recorded, the job is unlocked
 * and re-run by another worker with the same Idempotency-Key.
 *
 * The body is read here, inside the abandonable part, so that a call that
 * already produced a Response is either fully delivered or not at all, and
 * at most `maxResponseBytes` of it (HTTP_MAX_RESPONSE_KB): a larger one (by
 * its Content-Length, or once that much has arrived) is hung up on and the
 * call fails with HttpResponseTooLarge, instead of the worker buffering
 * whatever a server sends.
 */
export type StoppableFetch = { fetch: typeof globalThis.fetch; abandon(): void; inFlight(): number };

const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);

export function stoppableFetch(real: typeof globalThis.fetch, options: { maxResponseBytes?: number } = {}): StoppableFetch {
  const shutdown = new AbortController();
  const never = new Promise<never>(() => {});
  let inFlight = 0;
  const wrapped = async (input: Parameters<typeof fetch>[0], init?: RequestInit): Promise<Response> => {
    if (shutdown.signal.aborted) return never;
    // A plain controller held for the whole call (AbortSignal.any() signals are weakly held).
    const controller = new AbortController();
    const abort = () => controller.abort();
    init?.signal?.addEventListener("abort", abort, { once: true });
    shutdown.signal.addEventListener("abort", abort, { once: true });
    if (init?.signal?.aborted) controller.abort();
    inFlight++;
    try {
      const response = await real(input, { ...init, signal: controller.signal });
      const body = await readBody(response, options.maxResponseBytes, abort);
      if (shutdown.signal.aborted) return never;
      return new Response(NULL_BODY_STATUS.has(response.status) ? null : body, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    } catch (error) {
      if (shutdown.signal.aborted) return never;
      throw error;
    } finally {
      inFlight--;
      init?.signal?.removeEventListener("abort", abort);
      shutdown.signal.removeEventListener("abort", abort);
    }
  };
  return {
    fetch: wrapped as typeof globalThis.fetch,
    abandon: () => shutdown.abort(new Error("worker shutting down")),
    inFlight: () => inFlight,
  };
}

async function readBody(response: Response, maxBytes: number | undefined, hangUp: () => void): Promise<Uint8Array<ArrayBuffer>> {
  if (maxBytes === undefined) return new Uint8Array(await response.arrayBuffer());
  const tooLarge = () => {
    hangUp();
    return new HttpResponseTooLarge(`the response body is larger than ${formatBytes(maxBytes)} (HTTP_MAX_RESPONSE_KB)`);
  };
  const declared = Number(response.headers.get("content-length") ?? NaN);
  if (declared > maxBytes) throw tooLarge();
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

const formatBytes = (bytes: number) => (bytes % 1024 === 0 ? `${bytes / 1024} KB` : `${bytes} bytes`);
