import type { Viewport } from "@xyflow/react";
import type { CanvasNode } from "./document-to-flow";

/**
 * Where a large graph opens: at a legible zoom, its trigger near the left
 * middle of the canvas, rather than fitted. Fitting 500 nodes shows them at a
 * zoom where nothing can be read, and makes React Flow draw every one of them
 * before the first paint (about 1.5 s here); at this zoom, with
 * `onlyRenderVisibleElements`, it draws the few dozen in view. The mini map
 * shows the whole graph, and F (fit view) is one key away.
 */
export const LARGE_GRAPH_ZOOM = 0.75;
/** Where the trigger's top-left corner lands, in screen pixels from the canvas's corner. */
const TRIGGER_AT = { x: 80, y: 240 };

export function legibleStartViewport(nodes: readonly CanvasNode[]): Viewport {
  const anchor = nodes.find((node) => node.type?.startsWith("trigger.")) ?? leftmost(nodes);
  const position = anchor?.position ?? { x: 0, y: 0 };
  return { x: TRIGGER_AT.x - position.x * LARGE_GRAPH_ZOOM, y: TRIGGER_AT.y - position.y * LARGE_GRAPH_ZOOM, zoom: LARGE_GRAPH_ZOOM };
}

function leftmost(nodes: readonly CanvasNode[]): CanvasNode | undefined {
  let best: CanvasNode | undefined;
  for (const node of nodes) if (!best || node.position.x < best.position.x) best = node;
  return best;
}
