"use client";

import { useEffect, useRef } from "react";
import { LIVE, type LiveExecutionUpdate } from "@/lib/live-events";
import { getLiveSocket, type LiveSocket } from "./live-socket";

/** Mounted lists per workflow room in this tab: the room is left when the last one unmounts. */
const holders = new Map<string, number>();
const hold = (room: string) => holders.set(room, (holders.get(room) ?? 0) + 1);
/** True when nobody holds the room any more. */
function release(room: string): boolean {
  const left = (holders.get(room) ?? 1) - 1;
  if (left > 0) holders.set(room, left);
  else holders.delete(room);
  return left <= 0;
}

/**
 * Call `onUpdate` for every status change of any execution of a workflow
 * (room `workflow:<id>`): enough to refresh a run list. These updates are best
 * effort — one lost while the server's LISTEN connection was down is not
 * replayed — so `onReconnect` (when given) runs after every re-subscribe, the
 * moment to refetch the list.
 */
export function useWorkflowExecutionUpdates(
  workflowId: string | null,
  onUpdate: (update: LiveExecutionUpdate) => void,
  onReconnect?: () => void,
): void {
  const handlers = useRef({ onUpdate, onReconnect });
  useEffect(() => {
    handlers.current = { onUpdate, onReconnect };
  });

  useEffect(() => {
    if (!workflowId) return;
    let stop: (() => void) | undefined;
    let unmounted = false;
    // A list without live updates still works (and refetches on its own): a failed chunk load is ignored here.
    void getLiveSocket().then(
      (socket) => {
        if (!unmounted) stop = followWorkflowRoom(socket, workflowId, handlers);
      },
      () => undefined,
    );
    return () => {
      unmounted = true;
      stop?.();
    };
  }, [workflowId]);
}

/** Subscribe `socket` to `workflow:<id>` and pass its updates to `handlers`; returns the unsubscribe. */
function followWorkflowRoom(
  socket: LiveSocket,
  workflowId: string,
  handlers: { readonly current: { onUpdate: (update: LiveExecutionUpdate) => void; onReconnect?: (() => void) | undefined } },
): () => void {
  const room = `workflow:${workflowId}`;
  hold(room);
  let subscribedBefore = false;
  const subscribe = () => {
    socket.emit(LIVE.subscribe, { room }, (ack) => {
      if (!ack.ok) return;
      if (subscribedBefore) handlers.current.onReconnect?.();
      subscribedBefore = true;
    });
  };
  const receive = (update: LiveExecutionUpdate) => {
    if (update.workflowId === workflowId) handlers.current.onUpdate(update);
  };
  socket.on("connect", subscribe);
  socket.on(LIVE.update, receive);
  if (socket.connected) subscribe();
  return () => {
    socket.off("connect", subscribe);
    socket.off(LIVE.update, receive);
    // Another list of the same workflow in this tab keeps the room: leave it only when none is left.
    if (release(room) && socket.connected) socket.emit(LIVE.unsubscribe, { room });
  };
}
