"use client";

import { useEffect } from "react";
import { useIdleAfter } from "@/components/canvas/when-idle";
import { useEditorStore } from "@/stores/editor-store-provider";
import { lazyComponent } from "./lazy-component";

/**
 * The editor's panels that are closed when a workflow opens, each its own
 * chunk (see lazyComponent): the node config panel (open while one node is
 * selected), the run inspector (a node of a shown run clicked), version
 * history and the keyboard shortcuts. useIdlePreload fetches them once the
 * editor has drawn, so a first click does not wait for the network.
 */
const loading = <p className="p-4 text-sm text-zinc-500">Loading…</p>;

export const ConfigPanel = lazyComponent(() => import("./config-panel/config-panel").then((module) => module.ConfigPanel), loading);

export const NodeRunInspector = lazyComponent(
  () => import("@/components/execution-view/node-run-inspector").then((module) => module.NodeRunInspector),
  loading,
);

export const VersionHistory = lazyComponent(() => import("./versions/version-history").then((module) => module.VersionHistory), loading);

export const ShortcutsOverlay = lazyComponent(() => import("./shortcuts/shortcuts-overlay").then((module) => module.ShortcutsOverlay));

/** Fetches the panels' code once the canvas's first cards are on screen and the browser is idle. */
export function useIdlePreload(): void {
  const ready = useIdleAfter(useEditorStore((state) => state.cardsDrawn));
  useEffect(() => {
    if (!ready) return;
    // A failed preload is retried on first use (lazyComponent), where its error surfaces.
    for (const panel of [ConfigPanel, NodeRunInspector, VersionHistory, ShortcutsOverlay]) void panel.preload().catch(() => undefined);
  }, [ready]);
}
