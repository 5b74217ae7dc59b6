import { canvasNodeSize, DEFAULT_NODE_SIZE, type CanvasNode } from "./document-to-flow";

/**
 * Where new nodes go on the canvas, in flow coordinates. Pure: unit-tested and
 * shared by the palette (drop, click), paste and the canvas.
 *
 * Terminology
 * - viewport transform: React Flow's `[x, y, zoom]`; a flow point p is drawn at
 *   screen offset `p * zoom + [x, y]` inside the canvas element.
 * - node box: a node's rectangle; its size is `measured` once React Flow has
 *   drawn it, else its card's estimate (`canvasNodeSize`).
 */
export type Point = { x: number; y: number };
export type Box = { x: number; y: number; width: number; height: number };

/** The HTML5 drag data type of a node dragged from the palette; its value is the node type. */
export const NODE_DRAG_TYPE = "application/x-switchyard-node";

/** The size of a node not measured yet, which is what a new node is. */
export const NODE_SIZE = DEFAULT_NODE_SIZE;

/** The flow point at the centre of what is on screen. */
export function viewportCenter(view: { width: number; height: number; transform: readonly [number, number, number] }): Point {
  const [x, y, zoom] = view.transform;
  return { x: (view.width / 2 - x) / zoom, y: (view.height / 2 - y) / zoom };
}

/**
 * The viewport translation that brings `box` into view with a `margin` of screen
 * pixels, moving as little as possible (the zoom is kept); undefined when it is
 * in view already. A box larger than the view is aligned on its top-left.
 */
export function panToShow(
  view: { width: number; height: number; transform: readonly [number, number, number] },
  box: Box,
  margin = 40,
): { x: number; y: number } | undefined {
  const [x, y, zoom] = view.transform;
  const shift = (start: number, size: number, translate: number, extent: number) => {
    const from = start * zoom + translate; // the box's screen edges
    const to = (start + size) * zoom + translate;
    if (from < margin) return margin - from;
    if (to > extent - margin) return Math.max(extent - margin - to, margin - from);
    return 0;
  };
  const dx = shift(box.x, box.width, x, view.width);
  const dy = shift(box.y, box.height, y, view.height);
  return dx === 0 && dy === 0 ? undefined : { x: x + dx, y: y + dy };
}

/** Top-left of a node dropped at `point`: the pointer lands on its title row, not its corner. */
export function dropPosition(point: Point): Point {
  return { x: Math.round(point.x - NODE_SIZE.width / 2), y: Math.round(point.y - 24) };
}

/** A node's box from what React Flow knows about it. */
export function nodeBox(node: Pick<CanvasNode, "position" | "measured" | "initialWidth" | "initialHeight">): Box {
  return { x: node.position.x, y: node.position.y, ...canvasNodeSize(node) };
}

const GAP = 40;
const MAX_RINGS = 12;

/**
 * Top-left of a NODE_SIZE box centred as near `center` as possible without
 * overlapping any of `occupied` (with a GAP margin): tries the centre, then
 * rings of candidates on a grid around it. Gives the centre when the area is
 * full (overlapping beats placing the node far out of view).
 */
export function findFreeSpot(center: Point, occupied: readonly Box[]): Point {
  const origin = { x: Math.round(center.x - NODE_SIZE.width / 2), y: Math.round(center.y - NODE_SIZE.height / 2) };
  const stepX = NODE_SIZE.width + GAP;
  const stepY = NODE_SIZE.height + GAP;
  for (let ring = 0; ring <= MAX_RINGS; ring++) {
    for (const [i, j] of ringCells(ring)) {
      const candidate = { x: origin.x + i * stepX, y: origin.y + j * stepY, ...NODE_SIZE };
      if (!occupied.some((box) => overlaps(candidate, box))) return { x: candidate.x, y: candidate.y };
    }
  }
  return origin;
}

/** Grid cells at Chebyshev distance `ring` from the origin, nearest first. */
function ringCells(ring: number): [number, number][] {
  if (ring === 0) return [[0, 0]];
  const cells: [number, number][] = [];
  for (let i = -ring; i <= ring; i++) {
    for (let j = -ring; j <= ring; j++) if (Math.max(Math.abs(i), Math.abs(j)) === ring) cells.push([i, j]);
  }
  return cells.sort((a, b) => Math.hypot(a[0], a[1] * 1.5) - Math.hypot(b[0], b[1] * 1.5));
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width + GAP && b.x < a.x + a.width + GAP && a.y < b.y + b.height + GAP && b.y < a.y + a.height + GAP;
}
