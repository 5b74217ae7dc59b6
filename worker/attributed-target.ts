import { readdir, readFile, readlink } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A test HTTP target that knows WHICH worker process each request came from, so
 * that tests can check per-process concurrency (worker/sharing.int.test.ts).
 *
 * Attribution is by the TCP connection (Linux only): when a connection arrives,
 * the client end's socket inode is read from /proc/net/tcp (local port = the
 * connection's remote port) and looked up among the file descriptors of the
 * given processes (/proc/PID/fd → `socket:[inode]`). A connection of no known
 * process counts under pid 0, which a test should expect never to see.
 *
 * `POST /work/MS` answers after MS ms with `{ key, body, served }` (key: the
 * Idempotency-Key), like fault-harness's dedup server, without its dedup.
 */
export async function startAttributedTarget(pids: () => readonly number[]) {
  const requests = new Map<string, number>();
  const inFlight = new Map<number, number>();
  const peak = new Map<number, number>();
  const owners = new WeakMap<object, Promise<number>>();
  let served = 0;
  const server = http.createServer((req, res) => {
    const owner = owners.get(req.socket) ?? Promise.resolve(0);
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      void owner.then((pid) => {
        const key = String(req.headers["idempotency-key"] ?? "");
        const [, route, arg] = (req.url ?? "").split("/");
        if (route !== "work") return void res.writeHead(404).end();
        requests.set(key, (requests.get(key) ?? 0) + 1);
        const now = (inFlight.get(pid) ?? 0) + 1;
        inFlight.set(pid, now);
        peak.set(pid, Math.max(peak.get(pid) ?? 0, now));
        setTimeout(() => {
          inFlight.set(pid, (inFlight.get(pid) ?? 1) - 1);
          const body = JSON.stringify({ key, body: raw ? JSON.parse(raw) : null, served: ++served });
          if (!res.destroyed) res.writeHead(200, { "content-type": "application/json" }).end(body);
        }, Number(arg ?? 0));
      });
    });
  });
  server.on("connection", (socket) => {
    owners.set(socket, socketOwner(socket.remotePort ?? 0, (server.address() as AddressInfo).port, pids()).catch(() => 0));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    /** Requests per Idempotency-Key. */
    requests,
    /** The most requests one process had in flight at once, by pid (0: a connection of no known process). */
    peak,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

/** The pid among `pids` holding the client end of the loopback connection clientPort → serverPort (0 if none). */
async function socketOwner(clientPort: number, serverPort: number, pids: readonly number[]): Promise<number> {
  const hexPort = (n: number) => n.toString(16).toUpperCase().padStart(4, "0");
  const table = await readFile("/proc/net/tcp", "utf8");
  // Columns: sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode …
  const row = table
    .split("\n")
    .map((line) => line.trim().split(/\s+/))
    .find((cols) => cols[1]?.endsWith(`:${hexPort(clientPort)}`) && cols[2]?.endsWith(`:${hexPort(serverPort)}`));
  const inode = row?.[9];
  if (!inode || inode === "0") return 0;
  for (const pid of pids) {
    const fds = await readdir(`/proc/${pid}/fd`).catch(() => [] as string[]);
    for (const fd of fds) {
      if ((await readlink(`/proc/${pid}/fd/${fd}`).catch(() => "")) === `socket:[${inode}]`) return pid;
    }
  }
  return 0;
}
