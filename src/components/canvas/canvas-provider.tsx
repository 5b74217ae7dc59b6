"use client";

import { ReactFlowProvider, useStoreApi, type Viewport } from "@xyflow/react";
import { useState, type ReactNode } from "react";
import { useEditorStoreApi } from "@/stores/editor-store-provider";
import { LARGE_GRAPH_NODES } from "./large-graph";
import { legibleStartViewport } from "./start-viewport";

/**
 * The canvas size React Flow assumes until the browser has measured the real
 * one: a laptop screen's canvas (a 1440 × 900 or 1536 × 864 window less the
 * header, toolbar and palette).
 */
export const ASSUMED_CANVAS_SIZE = { width: 1280, height: 800 } as const;

/**
 * React Flow's store for the editor's canvas. For a large graph it starts with
 * the graph, a size (ASSUMED_CANVAS_SIZE) and the viewport the canvas opens at
 * (start-viewport.ts), so that the server's render of the page already holds
 * the cards in view — exactly where the browser will draw them, as that
 * viewport does not depend on the canvas's size — and the graph is on screen
 * at the first paint rather than after hydration (about a second on a first
 * visit). The browser's first render starts from the same state, as hydration
 * requires; once the pane is measured React Flow adds or drops the cards at
 * its edges. A small graph is fitted to the real canvas, which only the
 * browser knows: it starts empty, as before.
 */
export function CanvasProvider({ children }: { children: ReactNode }) {
  const editor = useEditorStoreApi();
  const [initial] = useState(() => {
    const { nodes, edges } = editor.getState();
    return nodes.length >= LARGE_GRAPH_NODES ? { nodes, edges, viewport: legibleStartViewport(nodes) } : null;
  });
  if (!initial) return <ReactFlowProvider>{children}</ReactFlowProvider>;
  return (
    <ReactFlowProvider
      initialNodes={initial.nodes}
      initialEdges={initial.edges}
      initialWidth={ASSUMED_CANVAS_SIZE.width}
      initialHeight={ASSUMED_CANVAS_SIZE.height}
    >
      <StartViewport viewport={initial.viewport} />
      {children}
    </ReactFlowProvider>
  );
}

/**
 * Puts `viewport` into React Flow's store before the canvas renders (it MUST
 * come before the canvas in the tree). ReactFlowProvider takes no initial
 * viewport, and the canvas's `defaultViewport` is applied only once mounted in
 * the browser, too late for the server's render.
 */
function StartViewport({ viewport }: { viewport: Viewport }) {
  const flow = useStoreApi();
  useState(() => flow.setState({ transform: [viewport.x, viewport.y, viewport.zoom] }));
  return null;
}
