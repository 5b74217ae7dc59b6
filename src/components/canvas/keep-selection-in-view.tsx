"use client";

import { useReactFlow, useStore, useStoreApi } from "@xyflow/react";
import { useEffect, useRef } from "react";
import { useEditorStoreApi } from "@/stores/editor-store-provider";
import { nodeBox, panToShow } from "./placement";

/**
 * When the canvas gets narrower or shorter — the side panel opens because a
 * step was selected — and the one selected step no longer lies wholly in view,
 * the view moves just enough to show it (panToShow). Only then: a person who
 * pans the selected step away on purpose is not pulled back. Renders nothing;
 * MUST be a child of <ReactFlow>.
 */
export function KeepSelectionInView() {
  const editor = useEditorStoreApi();
  const flowStore = useStoreApi();
  const flow = useReactFlow();
  const width = useStore((state) => state.width);
  const height = useStore((state) => state.height);
  const previous = useRef({ width, height });

  useEffect(() => {
    const before = previous.current;
    previous.current = { width, height };
    const shrank = before.width > 0 && before.height > 0 && (width < before.width || height < before.height);
    if (!shrank) return;
    const { selectedNodeIds, nodes } = editor.getState();
    if (selectedNodeIds.length !== 1) return;
    const selected = nodes.find((node) => node.id === selectedNodeIds[0]);
    const view = flowStore.getState();
    const pan = selected && panToShow(view, nodeBox(selected));
    if (pan) void flow.setViewport({ ...pan, zoom: view.transform[2] }, { duration: 200 });
  }, [width, height, editor, flowStore, flow]);
  return null;
}
