"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useIdleAfter } from "@/components/canvas/when-idle";
import { useTRPC } from "@/lib/trpc/client";
import { useEditorStore } from "@/stores/editor-store-provider";

/**
 * Which run the editor shows, and which one feeds expression suggestions.
 *
 * Terminology:
 * - last run — the run started here in this visit, else the workflow's newest
 *   execution (`execution.list`, limit 1), whatever its status: a run still
 *   going is followed live. Read once the canvas's first cards are drawn and
 *   the browser is idle, so opening a workflow (500 nodes) waits for nothing
 *   more than before; a workflow never run costs one small query.
 * - shown run — the last run unless the person hid it ("Hide" on the run
 *   banner). A hidden run still feeds suggestions (`suggestionsRunId`): the
 *   keys of its outputs are still the best guess of what the nodes return.
 *   A run started later is shown again.
 */
export type LastRun = {
  /** The run on the canvas (statuses; a click on a node lists its runs); null: none. */
  shownRunId: string | null;
  /** The run whose outputs feed `{{ … }}` autocomplete; null before any. */
  suggestionsRunId: string | null;
  /** A run was started from the editor: show it (replaces the one shown). */
  started(executionId: string): void;
  /** Plain editing again: the canvas shows no run. */
  hide(): void;
};

export function useLastRun(workflowId: string): LastRun {
  const trpc = useTRPC();
  const [startedId, setStartedId] = useState<string | null>(null);
  const [hiddenId, setHiddenId] = useState<string | null>(null);
  const idle = useIdleAfter(useEditorStore((state) => state.cardsDrawn));
  const newest = useQuery({
    ...trpc.execution.list.queryOptions({ workflowId, limit: 1 }),
    // After the first paint, and only while nothing was started here (that run is newer anyway).
    enabled: idle && startedId === null,
  });
  const lastRunId = startedId ?? newest.data?.items[0]?.id ?? null;
  return {
    shownRunId: lastRunId !== null && lastRunId !== hiddenId ? lastRunId : null,
    suggestionsRunId: lastRunId,
    started: setStartedId,
    hide: () => setHiddenId(lastRunId),
  };
}
