import { Position, type NodeHandle } from "@xyflow/react";
import type { WorkflowNode } from "../document-to-flow";
import { handleRows } from "./node-handles";
import { nodeSummary } from "./node-summary";

/**
 * The layout node-card.tsx draws, in px, every part a fixed height (line heights
 * are set, text truncates to one line), at both detail levels:
 * a 240 px wide card with a 1 px border; a 54 px title block (10 px padding, a
 * 36 px name + type label, 8 px padding); a 32 px summary line when there is a
 * summary (24 px box, 8 px margin); then, when there are handles, a 1 px rule, 4 px
 * padding, one 24 px row per handle pair (a handle centred on each side of its
 * row) and 4 px padding. Change these with the card.
 */
export const CARD = { width: 240, border: 1, title: 54, summary: 32, rowsPadding: 4, row: 24, handle: 10 } as const;

/**
 * The size a node card will have, and where its handles will be (relative to
 * its top-left corner, as React Flow measures them).
 *
 * Size: React Flow keeps a node hidden until it has dimensions; given as
 * `initialWidth/initialHeight`, nodes show at once.
 * Handles: React Flow draws every node whose handles it does not know yet — on
 * a 500-node graph all of them, just to measure them, although only the few
 * dozen in view stay drawn (most of the time to open it). Given as
 * `node.handles`, it draws only what is in view, and edges to cards not drawn
 * yet still end at the right spot. Once a card is drawn and measured, the
 * measurement replaces both (see `withoutHandleEstimate`).
 */
export function estimatedCard(node: WorkflowNode): { width: number; height: number; handles: NodeHandle[] } {
  const rows = handleRows(node);
  const summary = nodeSummary(node) ? CARD.summary : 0;
  const rowsTop = CARD.border + CARD.title + summary + CARD.border + CARD.rowsPadding;
  const half = CARD.handle / 2;
  const size = { width: CARD.handle, height: CARD.handle };
  const handles: NodeHandle[] = [];
  rows.forEach(({ input, output }, index) => {
    const y = rowsTop + index * CARD.row + CARD.row / 2 - half;
    // Centred on the card's inner edges: the rows sit inside the 1 px border.
    if (input !== undefined) handles.push({ id: input, type: "target", position: Position.Left, x: CARD.border - half, y, ...size });
    if (output !== undefined) handles.push({ id: output, type: "source", position: Position.Right, x: CARD.width - CARD.border - half, y, ...size });
  });
  const rowsHeight = rows.length > 0 ? CARD.border + 2 * CARD.rowsPadding + rows.length * CARD.row : 0;
  return { width: CARD.width, height: 2 * CARD.border + CARD.title + summary + rowsHeight, handles };
}
