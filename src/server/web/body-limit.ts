import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";

/**
 * A cap on request bodies (MAX_REQUEST_BODY_KB), enforced in front of every
 * route before anyone reads the body in full: Next's route handlers (tRPC's
 * fetch adapter) buffer whole bodies in memory, so without it one request
 * could make the web process allocate whatever a client sends.
 *
 * - Content-Length above the cap → 413 at once; nothing is read (Node discards
 *   the rest of the upload and keeps the connection usable).
 * - No Content-Length (chunked upload) → read here, at most cap + one chunk, and
 *   put back with `unshift` for the real handler; above the cap → 413.
 * - Bodyless requests pass untouched.
 *
 * The 413 body is JSON: `{ "error": { "code": "PAYLOAD_TOO_LARGE", "message" } }`.
 */
export function limitRequestBodies(handle: RequestListener, maxBytes: number): RequestListener {
  return (req, res) => {
    const declared = req.headers["content-length"];
    if (declared !== undefined) {
      if (Number(declared) > maxBytes) return refuse(res, maxBytes);
      return void handle(req, res);
    }
    if (req.headers["transfer-encoding"] === undefined) return void handle(req, res);
    void bufferChunkedBody(req, maxBytes).then((outcome) => {
      if (outcome === "too-large") {
        refuse(res, maxBytes);
        req.resume(); // discard the rest of the upload, as Node does for a body nobody read
      } else if (outcome === "ok") handle(req, res);
      // "aborted": the client went away; nobody to answer.
    });
  };
}

function refuse(res: ServerResponse, maxBytes: number): void {
  const limit = maxBytes % 1024 === 0 ? `${maxBytes / 1024} KiB` : `${maxBytes} bytes`;
  const body = JSON.stringify({
    error: {
      code: "PAYLOAD_TOO_LARGE",
      message: `request body is larger than ${limit} (the server's MAX_REQUEST_BODY_KB limit)`,
    },
  });
  res.writeHead(413, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(body) });
  res.end(body);
}

/**
 * Read a chunked body into memory up to `maxBytes`, then put it back at the
 * front of the stream (`unshift`) so the real handler reads it as if nothing
 * happened. Only public stream API: `read()` while data is buffered, never at
 * an empty buffer (a read at end-of-stream would schedule 'end' before the
 * handler is listening); the unshift of the last read cancels the 'end' that
 * read scheduled, because 'end' is only emitted with an empty buffer.
 */
function bufferChunkedBody(req: IncomingMessage, maxBytes: number): Promise<"ok" | "too-large" | "aborted"> {
  if (req.complete) return Promise.resolve(req.readableLength > maxBytes ? "too-large" : "ok");
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const finish = (outcome: "ok" | "too-large" | "aborted") => {
      req.off("readable", onReadable);
      req.off("error", onError);
      if (outcome === "ok" && total > 0) req.unshift(Buffer.concat(chunks, total));
      resolve(outcome);
    };
    const onReadable = () => {
      while (req.readableLength > 0) {
        const chunk = req.read() as Buffer | null;
        if (chunk === null) break;
        total += chunk.length;
        if (total > maxBytes) return finish("too-large");
        chunks.push(chunk);
      }
      if (req.complete) finish("ok");
    };
    const onError = () => finish("aborted");
    req.on("readable", onReadable);
    req.on("error", onError);
  });
}
