import { buildGraph, listRegions } from "@/engine/graph";
import {
  canvasNodeSize,
  DEFAULT_SOURCE_HANDLE,
  DEFAULT_TARGET_HANDLE,
  nodeDisplayName,
  type CanvasEdge,
  type CanvasNode,
} from "./document-to-flow";

/**
 * The areas the canvas shades behind a loop's body and a try's try / catch /
 * finally parts, so a person sees which steps repeat or are protected.
 *
 * Terminology (see src/engine/graph.ts)
 * - region: the nodes reachable from an owner's region handle (`body`; `try`,
 *   `catch`, `finally`). The owner is not in its own region.
 * - depth: how many other regions contain this one (its owner lies in them);
 *   0 for outermost. Draw in increasing depth so inner areas lie on top.
 * - bounds: the union of the member cards (and of the areas of regions nested
 *   inside), padded by REGION_PADDING, with REGION_HEADER more at the top for
 *   the label. So an outer area always contains the inner ones.
 */
export type CanvasRegion = {
  /** `region:<ownerId>:<handle>`. */
  id: string;
  ownerId: string;
  handle: string;
  kind: "loop" | "try";
  /** E.g. "Loop body: Each order", "Catch: Charge card". */
  label: string;
  nodeIds: string[];
  depth: number;
  bounds: { x: number; y: number; width: number; height: number };
};

export const REGION_PADDING = 24;
export const REGION_HEADER = 28;

const HANDLE_LABELS: Record<string, string> = { body: "Loop body", try: "Try", catch: "Catch", finally: "Finally" };

type Box = { left: number; top: number; right: number; bottom: number };

/** Regions with at least one node on the canvas, in the engine's order (owners in node order). */
export function computeRegions(nodes: readonly CanvasNode[], edges: readonly CanvasEdge[]): CanvasRegion[] {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const graph = buildGraph(
    nodes.map((node) => ({ id: node.id, type: node.data.node.type })),
    edges.map((edge) => ({
      source: edge.source,
      target: edge.target,
      sourceHandle: edge.sourceHandle ?? DEFAULT_SOURCE_HANDLE,
      targetHandle: edge.targetHandle ?? DEFAULT_TARGET_HANDLE,
    })),
  );
  const regions = listRegions(graph).filter((region) => region.nodes.size > 0);
  const depthOf = (owner: string) => regions.filter((other) => other.owner !== owner && other.nodes.has(owner)).length;
  const found = regions.map((region) => {
    const owner = byId.get(region.owner);
    const ownerName = owner === undefined ? region.owner : nodeDisplayName(owner.data.node);
    return {
      id: `region:${region.owner}:${region.handle}`,
      ownerId: region.owner,
      handle: region.handle,
      kind: owner?.data.node.type === "loop" ? ("loop" as const) : ("try" as const),
      label: `${HANDLE_LABELS[region.handle] ?? region.handle}: ${ownerName}`,
      nodeIds: [...region.nodes],
      depth: depthOf(region.owner),
      bounds: { x: 0, y: 0, width: 0, height: 0 },
    };
  });

  // Innermost first, so an outer region can take in the padded areas nested in it.
  const boxes = new Map<string, Box>();
  for (const region of [...found].sort((a, b) => b.depth - a.depth)) {
    const members = new Set(region.nodeIds);
    const inner = found.filter((other) => other.depth > region.depth && members.has(other.ownerId));
    const box = unionOf([
      ...region.nodeIds.flatMap((id) => {
        const node = byId.get(id);
        return node === undefined ? [] : [cardBox(node)];
      }),
      ...inner.flatMap((other) => boxes.get(other.id) ?? []),
    ]);
    const padded = {
      left: box.left - REGION_PADDING,
      top: box.top - REGION_PADDING - REGION_HEADER,
      right: box.right + REGION_PADDING,
      bottom: box.bottom + REGION_PADDING,
    };
    boxes.set(region.id, padded);
    region.bounds = { x: padded.left, y: padded.top, width: padded.right - padded.left, height: padded.bottom - padded.top };
  }
  return found;
}

function cardBox(node: CanvasNode): Box {
  const { width, height } = canvasNodeSize(node);
  return { left: node.position.x, top: node.position.y, right: node.position.x + width, bottom: node.position.y + height };
}

function unionOf(boxes: readonly Box[]): Box {
  return {
    left: Math.min(...boxes.map((box) => box.left)),
    top: Math.min(...boxes.map((box) => box.top)),
    right: Math.max(...boxes.map((box) => box.right)),
    bottom: Math.max(...boxes.map((box) => box.bottom)),
  };
}
