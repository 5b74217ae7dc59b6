import { getViewportForBounds, useReactFlow, useStoreApi, type FitViewOptions, type Rect } from "@xyflow/react";
import { useCallback } from "react";
import { useEditorStoreApi } from "@/stores/editor-store-provider";
import { canvasNodeSize, type CanvasNode } from "./document-to-flow";

/**
 * How the canvas frames the whole graph (on opening a small graph, the F key,
 * the fit button, after auto-layout). maxZoom 1: a small graph is shown at its
 * real size instead of blown up.
 */
export const FIT_VIEW_OPTIONS = { padding: 0.2, maxZoom: 1 } as const satisfies FitViewOptions;

/**
 * Frames the whole graph, animated over `duration` ms. Not React Flow's
 * `fitView`: that one waits until React Flow has measured every node, and the
 * cards of a large graph that were never in view are never drawn, so never
 * measured — it would not move at all (or move later, at a random moment).
 * This one counts those cards with their estimated size (card-size.ts), and
 * takes the nodes from the editor's store, so it frames an edit just made
 * (auto-layout) even before React Flow has re-rendered with it.
 * Use it under React Flow's context (a <ReactFlowProvider>, or inside <ReactFlow>)
 * and an <EditorStoreProvider>.
 */
export function useFitGraph(): (options?: { duration?: number }) => Promise<boolean> {
  const flow = useReactFlow();
  const store = useStoreApi();
  const editor = useEditorStoreApi();
  return useCallback(
    ({ duration }: { duration?: number } = {}) => {
      const { width, height, minZoom, maxZoom } = store.getState();
      const { nodes } = editor.getState();
      if (nodes.length === 0 || width === 0 || height === 0) return Promise.resolve(false);
      const viewport = getViewportForBounds(
        graphBounds(nodes),
        width,
        height,
        minZoom,
        Math.min(maxZoom, FIT_VIEW_OPTIONS.maxZoom),
        FIT_VIEW_OPTIONS.padding,
      );
      return flow.setViewport(viewport, duration === undefined ? undefined : { duration });
    },
    [editor, flow, store],
  );
}

/** The rectangle around every card (measured, else estimated size), in flow coordinates. */
export function graphBounds(nodes: readonly CanvasNode[]): Rect {
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const node of nodes) {
    const { width, height } = canvasNodeSize(node);
    left = Math.min(left, node.position.x);
    top = Math.min(top, node.position.y);
    right = Math.max(right, node.position.x + width);
    bottom = Math.max(bottom, node.position.y + height);
  }
  return { x: left, y: top, width: right - left, height: bottom - top };
}
