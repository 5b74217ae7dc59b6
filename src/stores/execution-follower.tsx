"use client";

import { useEffect } from "react";
import type { LiveEvent } from "@/lib/live-events";
import { useExecutionLive } from "@/lib/live/use-execution-live";

export type LiveSnapshot = { events: readonly LiveEvent[]; connected: boolean; status: string | null };

/**
 * Follows execution `executionId` live and hands every snapshot to `sync` (the
 * run view store's). Renders nothing. Its own chunk: the live feed and the
 * event schemas (zod) load when a run is first shown, not with the editor.
 */
export function ExecutionFollower({ executionId, sync }: { executionId: string; sync: (executionId: string, live: LiveSnapshot) => void }) {
  const live = useExecutionLive(executionId);
  useEffect(() => {
    sync(executionId, { events: live.events, connected: live.connected, status: live.status });
  }, [sync, executionId, live.events, live.connected, live.status]);
  return null;
}
