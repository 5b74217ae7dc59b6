"use client";

import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "@/lib/live-events";

/**
 * The tab's one socket.io connection to the live events server (same origin,
 * path `/socket.io`; the session cookie authenticates it). Opened on first use
 * and kept for the tab's life; socket.io-client reconnects by itself, and every
 * follower re-subscribes on `connect` with the last seq it holds.
 */
export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socket: LiveSocket | null = null;

export function getLiveSocket(): LiveSocket {
  socket ??= io({ path: "/socket.io" });
  return socket;
}
