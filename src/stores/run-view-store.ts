"use client";

import { createContext, createElement, lazy, Suspense, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { createStore, useStore, type StoreApi } from "zustand";
import type { LiveSnapshot } from "./execution-follower";
import { emptyRunView, isEdgeTaken, reduceRunView, type NodeRunView, type RunViewState } from "./run-view-reducer";

export type { NodeRunStatus, NodeRunView } from "./run-view-reducer";

/**
 * The run view: what the canvas shows about one execution while it runs and
 * after — each node's status, instance count, duration and error, the edges
 * the run went along, and which node's runs the inspector shows. One store
 * per `<RunViewProvider>`, fed by the live event feed; outside a provider the
 * hooks show nothing (the editor without a run).
 */
type RunViewStore = {
  executionId: string | null;
  view: RunViewState;
  /** Events 1..appliedSeq are folded into `view`. */
  appliedSeq: number;
  connected: boolean;
  status: string | null;
  inspectedNodeId: string | null;
  /** Bring the store up to a live snapshot (its events are the whole log, 1..N). */
  sync(executionId: string | null, live: LiveSnapshot): void;
  openInspector(nodeId: string): void;
  closeInspector(): void;
};

function createRunViewStore(): StoreApi<RunViewStore> {
  return createStore<RunViewStore>((set, get) => ({
    executionId: null,
    view: emptyRunView(),
    appliedSeq: 0,
    connected: false,
    status: null,
    inspectedNodeId: null,
    sync(executionId, live) {
      const state = get();
      const fresh = state.executionId !== executionId;
      const base = fresh ? emptyRunView() : state.view;
      const applied = fresh ? 0 : state.appliedSeq;
      // The log is gap-free from seq 1, so event i has seq i + 1.
      const added = live.events.slice(applied);
      set({
        executionId,
        view: reduceRunView(base, added),
        appliedSeq: applied + added.length,
        connected: live.connected,
        status: live.status,
        ...(fresh ? { inspectedNodeId: null } : {}),
      });
    },
    openInspector: (nodeId) => set({ inspectedNodeId: nodeId }),
    closeInspector: () => set({ inspectedNodeId: null }),
  }));
}

const RunViewContext = createContext<StoreApi<RunViewStore> | null>(null);
/** Read by hooks outside any provider: never synced, so it shows nothing. */
const inertStore = createRunViewStore();

/** Loaded when an execution is first shown: the editor opens following none (execution-follower.tsx). */
const ExecutionFollower = lazy(() => import("./execution-follower").then((module) => ({ default: module.ExecutionFollower })));
const NOT_FOLLOWING: LiveSnapshot = { events: [], connected: false, status: null };

/** Show execution `executionId` live on the canvas inside (null: nothing yet, e.g. before a first run). */
export function RunViewProvider({ executionId, children }: { executionId: string | null; children: ReactNode }) {
  const [store] = useState(createRunViewStore);
  useEffect(() => {
    if (executionId === null) store.getState().sync(null, NOT_FOLLOWING);
  }, [store, executionId]);
  const follower =
    executionId === null
      ? null
      : createElement(Suspense, { fallback: null }, createElement(ExecutionFollower, { executionId, sync: store.getState().sync }));
  return createElement(RunViewContext.Provider, { value: store }, follower, children);
}

function useRunViewStore<T>(selector: (state: RunViewStore) => T): T {
  return useStore(useContext(RunViewContext) ?? inertStore, selector);
}

/** The node's run view; undefined outside a provider or when the node has not run (yet). */
export function useNodeRunView(nodeId: string): NodeRunView | undefined {
  return useRunViewStore((state) => state.view.nodes[nodeId]?.view);
}

/** True when the run went along this edge: its source fired the edge's handle (isEdgeTaken). */
export function useEdgeTaken(edge: { source: string; target: string; sourceHandle?: string | null }): boolean {
  return useRunViewStore((state) => isEdgeTaken(state.view, edge));
}

/** The execution shown and how it is doing; null outside a provider or before its status is known. */
export function useRunSummary(): { executionId: string; status: string; connected: boolean } | null {
  const executionId = useRunViewStore((state) => state.executionId);
  const status = useRunViewStore((state) => state.status);
  const connected = useRunViewStore((state) => state.connected);
  return useMemo(() => (executionId && status ? { executionId, status, connected } : null), [executionId, status, connected]);
}

const noInspector = { nodeId: null, open() {}, close() {} };

/** Which node's runs the inspector shows. Outside a provider: never open. */
export function useInspectNode(): { nodeId: string | null; open(nodeId: string): void; close(): void } {
  const inside = useContext(RunViewContext) !== null;
  const nodeId = useRunViewStore((state) => state.inspectedNodeId);
  const open = useRunViewStore((state) => state.openInspector);
  const close = useRunViewStore((state) => state.closeInspector);
  return useMemo(() => (inside ? { nodeId, open, close } : noInspector), [inside, nodeId, open, close]);
}
