import type { Connection } from "@xyflow/react";
import {
  DEFAULT_SOURCE_HANDLE,
  DEFAULT_TARGET_HANDLE,
  toCanvasEdge,
  type CanvasEdge,
  type WorkflowNode,
} from "@/components/canvas/document-to-flow";
import { getInputHandles, getOutputHandles, isTriggerType } from "@/engine/nodes/node-meta";
import type { CanvasGraph } from "./history";

/**
 * Which edges the canvas lets a person draw. The validator would report the
 * same mistakes after the fact; refusing them while dragging is kinder.
 *
 * A connection is valid when: it joins two different nodes on the canvas; the
 * target is not a trigger; the source has the output handle and the target the
 * input handle; no edge with the same ends and handles exists; and it closes no
 * cycle (repetition is a loop node's job, never a back edge).
 */
export type ConnectionLike = Connection | CanvasEdge;

/**
 * A node's output handles. The config may be mid-edit (not valid yet), so only
 * string handles count and a config that cannot be read gives none.
 */
export function outputHandlesOf(node: WorkflowNode): string[] {
  try {
    return getOutputHandles(node).filter((handle): handle is string => typeof handle === "string");
  } catch {
    return [];
  }
}

export function isValidConnection(graph: CanvasGraph, connection: ConnectionLike): boolean {
  const { source, target } = connection;
  if (source === target) return false;
  const from = graph.nodes.find((node) => node.id === source)?.data.node;
  const to = graph.nodes.find((node) => node.id === target)?.data.node;
  if (from === undefined || to === undefined || isTriggerType(to.type)) return false;
  const sourceHandle = connection.sourceHandle ?? DEFAULT_SOURCE_HANDLE;
  const targetHandle = connection.targetHandle ?? DEFAULT_TARGET_HANDLE;
  if (!outputHandlesOf(from).includes(sourceHandle) || !getInputHandles(to.type).includes(targetHandle)) return false;
  // An existing edge being checked (React Flow passes edges too) does not count against itself.
  const ownId = "id" in connection ? connection.id : undefined;
  const others = graph.edges.filter((edge) => edge.id !== ownId);
  const repeats = others.some(
    (edge) =>
      edge.source === source &&
      edge.target === target &&
      (edge.sourceHandle ?? DEFAULT_SOURCE_HANDLE) === sourceHandle &&
      (edge.targetHandle ?? DEFAULT_TARGET_HANDLE) === targetHandle,
  );
  return !repeats && !reaches(others, target, source);
}

/** True when a path of `edges` leads from `start` to `goal`. */
function reaches(edges: readonly CanvasEdge[], start: string, goal: string): boolean {
  const next = new Map<string, string[]>();
  for (const edge of edges) {
    const targets = next.get(edge.source);
    if (targets === undefined) next.set(edge.source, [edge.target]);
    else targets.push(edge.target);
  }
  const seen = new Set<string>([start]);
  const queue = [start];
  for (let current = queue.pop(); current !== undefined; current = queue.pop()) {
    if (current === goal) return true;
    for (const target of next.get(current) ?? []) {
      if (!seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  return false;
}

/**
 * The canvas edge for a connection, carrying its document edge in the public
 * format (both handles written out, no id: the canvas id is derived from the
 * ends, as for a loaded document, so a save and reload keep it).
 */
export function connectionEdge(graph: CanvasGraph, connection: ConnectionLike): CanvasEdge {
  const edge = {
    source: connection.source,
    target: connection.target,
    sourceHandle: connection.sourceHandle ?? DEFAULT_SOURCE_HANDLE,
    targetHandle: connection.targetHandle ?? DEFAULT_TARGET_HANDLE,
  };
  return toCanvasEdge(edge, new Set(graph.edges.map((existing) => existing.id)));
}
