"use client";

import type { Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "@/lib/live-events";

/**
 * The tab's one socket.io connection to the live events server (same origin,
 * path `/socket.io`; the session cookie authenticates it). Opened on first use
 * and kept for the tab's life; socket.io-client reconnects by itself, and every
 * follower re-subscribes on `connect` with the last seq it holds.
 *
 * socket.io-client (≈ 40 KiB) is its own chunk, loaded on first use: the editor
 * opens without it and needs it only once a run is shown.
 */
export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socket: Promise<LiveSocket> | null = null;

export function getLiveSocket(): Promise<LiveSocket> {
  socket ??= import("socket.io-client").then(
    ({ io }): LiveSocket => io({ path: "/socket.io" }),
    (error: unknown) => {
      socket = null; // a failed download may succeed next time
      throw error;
    },
  );
  return socket;
}
