import type { WorkflowNode } from "../document-to-flow";
import { handleRows } from "./node-handles";
import { nodeSummary } from "./node-summary";

/**
 * The size a node card will have, from what node-card.tsx draws (a 240 px wide
 * card: a 50 px title block, a 30 px summary line when there is a summary, one
 * 24 px row per handle pair plus the rows' padding and rule, and the border).
 *
 * React Flow keeps a node hidden until it has dimensions: given as
 * `initialWidth/initialHeight`, nodes show (and fitView runs) at once instead of
 * after a measuring pass over every card — on a 500-node graph that pass was
 * most of the time to open it. The real measurement replaces the estimate.
 */
export function estimatedCardSize(node: WorkflowNode): { width: number; height: number } {
  const rows = handleRows(node).length;
  const height = 2 + 50 + (nodeSummary(node) ? 30 : 0) + (rows > 0 ? 9 + rows * 24 : 0);
  return { width: 240, height };
}
