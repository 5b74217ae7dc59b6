"use client";

import { useStore } from "@xyflow/react";
import { useEffect, useRef } from "react";
import { useEditorStoreApi } from "@/stores/editor-store-provider";
import { useBringIntoView } from "./bring-into-view";

/**
 * When the canvas gets narrower or shorter — the side panel opens because a
 * step was selected — and the one selected step no longer lies wholly in view,
 * the view moves just enough to show it (useBringIntoView). Only then: a person who
 * pans the selected step away on purpose is not pulled back. Renders nothing;
 * MUST be a child of <ReactFlow>.
 */
export function KeepSelectionInView() {
  const editor = useEditorStoreApi();
  const bringIntoView = useBringIntoView();
  const width = useStore((state) => state.width);
  const height = useStore((state) => state.height);
  const previous = useRef({ width, height });

  useEffect(() => {
    const before = previous.current;
    previous.current = { width, height };
    const shrank = before.width > 0 && before.height > 0 && (width < before.width || height < before.height);
    if (!shrank) return;
    const { selectedNodeIds } = editor.getState();
    if (selectedNodeIds.length === 1) bringIntoView(selectedNodeIds[0]!);
  }, [width, height, editor, bringIntoView]);
  return null;
}
