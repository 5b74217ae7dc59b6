import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stoppableFetch } from "./stoppable-fetch";

let server: http.Server;
let url: string;
const hungUp: string[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    res.on("close", () => !res.writableFinished && hungUp.push(req.url ?? ""));
    if (req.url === "/hang") return; // never answers
    if (req.url === "/empty") return void res.writeHead(204).end();
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
});
