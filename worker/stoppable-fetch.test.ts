import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpResponseTooLarge } from "@/engine/effects/http-request";
import { stoppableFetch } from "./stoppable-fetch";

let server: http.Server;
let url: string;
const hungUp: string[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    res.on("close", () => !res.writableFinished && hungUp.push(req.url ?? ""));
    if (req.url === "/hang") return; // never answers
    if (req.url === "/empty") return void res.writeHead(204).end();
    if (req.url === "/big") return void res.writeHead(200, { "content-length": String(4096) }).end("x".repeat(4096));
    if (req.url === "/stream") {
      // No Content-Length: chunks keep coming (the limit must stop reading, not wait for the end).
      res.writeHead(200, { "content-type": "text/plain" });
      const timer = setInterval(() => res.write("y".repeat(1000)), 5);
      res.on("close", () => clearInterval(timer));
      return;
    }
    res.writeHead(201, { "content-type": "application/json", "x-test": "yes" }).end(JSON.stringify({ ok: true }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))));

describe("stoppableFetch", () => {
  it("passes responses through (status, headers, body; 204 without a body)", async () => {
    const { fetch } = stoppableFetch(globalThis.fetch);
    const res = await fetch(`${url}/json`);
    expect([res.status, res.headers.get("x-test"), await res.json()]).toEqual([201, "yes", { ok: true }]);
    const empty = await fetch(`${url}/empty`);
    expect([empty.status, await empty.text()]).toEqual([204, ""]);
  });

  it("the caller's own abort still rejects (a cancel is recorded as before)", async () => {
    const { fetch } = stoppableFetch(globalThis.fetch);
    const controller = new AbortController();
    const call = fetch(`${url}/hang`, { signal: controller.signal });
    controller.abort();
    await expect(call).rejects.toThrow();
  });

  it("abandon() hangs up on the server and leaves the caller pending forever (nothing gets recorded)", async () => {
    const stoppable = stoppableFetch(globalThis.fetch);
    let settled = false;
    void stoppable.fetch(`${url}/hang`).then(
      () => (settled = true),
      () => (settled = true),
    );
    await new Promise((r) => setTimeout(r, 100));
    expect(stoppable.inFlight()).toBe(1);
    stoppable.abandon();
    await new Promise((r) => setTimeout(r, 200));
    expect(hungUp).toContain("/hang");
    expect(settled).toBe(false);
    expect(stoppable.inFlight()).toBe(0);
    // Calls made after abandon() never start.
    let late = false;
    void stoppable.fetch(`${url}/json`).then(() => (late = true));
    await new Promise((r) => setTimeout(r, 100));
    expect(late).toBe(false);
  });

  it("stops reading at maxResponseBytes: by Content-Length, or as a body without one streams in; the server is hung up on", async () => {
    const { fetch } = stoppableFetch(globalThis.fetch, { maxResponseBytes: 3000 });
    await expect(fetch(`${url}/big`)).rejects.toThrow(new HttpResponseTooLarge("the response body is larger than 3000 bytes (HTTP_MAX_RESPONSE_KB)"));
    const streamed = await fetch(`${url}/stream`).catch((error: unknown) => error);
    expect(streamed).toBeInstanceOf(HttpResponseTooLarge);
    await new Promise((r) => setTimeout(r, 100));
    expect(hungUp).toContain("/stream");
    // At the limit or under it, bodies pass whole.
    const within = stoppableFetch(globalThis.fetch, { maxResponseBytes: 4096 });
    expect((await (await within.fetch(`${url}/big`)).text()).length).toBe(4096);
    expect(await (await within.fetch(`${url}/json`)).json()).toEqual({ ok: true });
  });
});
