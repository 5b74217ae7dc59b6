"use client";

import { useEffect, useState, useSyncExternalStore } from "react";
import type { LiveEvent } from "@/lib/live-events";
import { useTRPCClient } from "@/lib/trpc/client";
import type { ExecutionFeed, FeedSnapshot } from "./execution-feed";
import { emptyEventLog } from "./event-log";
import { followExecution } from "./follow-execution";
import { getLiveSocket } from "./live-socket";

/** What a component sees of a followed execution. */
export type ExecutionLive = {
  /** Every event so far, in seq order, each once, without holes. */
  events: readonly LiveEvent[];
  lastSeq: number;
  /** Live: the socket is connected and subscribed. While false the events stop growing (they resume, complete, on reconnect). */
  connected: boolean;
  /** queued | running | waiting | succeeded | failed | cancelled | timed_out; null until first read. */
  status: string | null;
  error: string | null;
};

/** Events per HTTP catch-up read (the feed pages until it holds everything). */
const PAGE = 500;

const idle: FeedSnapshot = { log: emptyEventLog(), connected: false, status: null, error: null };
const noFeed = () => () => {};
const idleSnapshot = () => idle;

/**
 * Follow an execution's events live (null: follow nothing). Components of one
 * tab showing the same execution share one subscription (follow-execution.ts).
 */
export function useExecutionLive(executionId: string | null): ExecutionLive {
  const client = useTRPCClient();
  const [feed, setFeed] = useState<{ executionId: string; feed: ExecutionFeed } | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    if (!executionId) return;
    let followed: ReturnType<typeof followExecution> | undefined;
    let unmounted = false;
    void getLiveSocket().then(
      (socket) => {
        if (unmounted) return;
        followed = followExecution(executionId, {
          socket,
          fetchEvents: (afterSeq) => client.execution.events.query({ id: executionId, afterSeq, limit: PAGE }),
        });
        setFeed({ executionId, feed: followed.feed });
      },
      // socket.io-client's chunk did not load (offline, a new deployment): say so where the feed's own errors go.
      (error: unknown) => {
        if (!unmounted) setLoadError(error instanceof Error ? error.message : String(error));
      },
    );
    return () => {
      unmounted = true;
      followed?.release();
      setFeed(null);
      setLoadError(null);
    };
  }, [executionId, client]);

  const current = feed && feed.executionId === executionId ? feed.feed : null;
  const snapshot = useSyncExternalStore(current?.subscribe ?? noFeed, current?.getSnapshot ?? idleSnapshot, idleSnapshot);
  return {
    events: snapshot.log.events,
    lastSeq: snapshot.log.lastSeq,
    connected: snapshot.connected,
    status: snapshot.status,
    error: snapshot.error ?? loadError,
  };
}
