"use client";

import { useReactFlow, useStoreApi } from "@xyflow/react";
import { useCallback } from "react";
import { useEditorStoreApi } from "@/stores/editor-store-provider";
import { nodeBox, panToShow } from "./placement";

/**
 * A function that pans the view, as little as possible and keeping the zoom,
 * until the node lies wholly in view (panToShow); it does nothing when it does
 * already. Animated. MUST be used under the canvas's <ReactFlowProvider> or
 * inside <ReactFlow>.
 */
export function useBringIntoView(): (nodeId: string) => void {
  const editor = useEditorStoreApi();
  const flowStore = useStoreApi();
  const flow = useReactFlow();
  return useCallback(
    (nodeId) => {
      const node = editor.getState().nodes.find((candidate) => candidate.id === nodeId);
      const view = flowStore.getState();
      const pan = node && panToShow(view, nodeBox(node));
      if (pan) void flow.setViewport({ ...pan, zoom: view.transform[2] }, { duration: 200 });
    },
    [editor, flowStore, flow],
  );
}
