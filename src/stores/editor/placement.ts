import { canvasNodeSize, DEFAULT_NODE_SIZE, type CanvasNode } from "@/components/canvas/document-to-flow";

/**
 * Where new nodes go. Terms: a node's box is its position (top-left) and size
 * (`canvasNodeSize`: measured, else estimated); a spot is occupied when a new card there
 * would overlap a box.
 */
export type Point = { x: number; y: number };

/** Horizontal step from a node to the one added after it: a card (240) and a gap for the edge. */
export const NEXT_NODE_OFFSET = { x: 300, y: 0 } as const;
/** How far a new node moves down when its spot is taken. */
export const PUSH_DOWN = 140;

function isOccupied(nodes: readonly CanvasNode[], spot: Point): boolean {
  return nodes.some((node) => {
    const { width, height } = canvasNodeSize(node);
    return (
      spot.x < node.position.x + width &&
      node.position.x < spot.x + DEFAULT_NODE_SIZE.width &&
      spot.y < node.position.y + height &&
      node.position.y < spot.y + DEFAULT_NODE_SIZE.height
    );
  });
}

/** `spot`, or the first spot below it (in PUSH_DOWN steps) where a new card overlaps nothing. */
export function freeSpotFrom(nodes: readonly CanvasNode[], spot: Point): Point {
  let y = spot.y;
  while (isOccupied(nodes, { x: spot.x, y })) y += PUSH_DOWN;
  return { x: spot.x, y };
}

/** A spot for a node added without a place: right of the right-most node (the origin on an empty canvas). */
export function spotAfterEverything(nodes: readonly CanvasNode[]): Point {
  const rightMost = nodes.reduce<CanvasNode | undefined>(
    (best, node) => (best === undefined || node.position.x > best.position.x ? node : best),
    undefined,
  );
  if (rightMost === undefined) return { x: 0, y: 0 };
  return freeSpotFrom(nodes, { x: rightMost.position.x + NEXT_NODE_OFFSET.x, y: rightMost.position.y });
}
