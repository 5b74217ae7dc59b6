import { BaseEdge, getBezierPath, type EdgeProps } from "@xyflow/react";
import { memo } from "react";
import { useEditorStore } from "@/stores/editor-store-provider";
import { useEdgeTaken } from "@/stores/run-view-store";
import type { CanvasEdge } from "./document-to-flow";

/**
 * Every edge on the canvas (registered as React Flow's "default" edge type, so
 * edges need no `type`). A bezier like React Flow's own, plus:
 * - taken in the shown run (`useEdgeTaken`): indigo, thicker, with moving dashes;
 * - named by a validation problem (`problemEdges`): red, the first problem as tooltip.
 * A problem wins over "taken": what is wrong with the draft matters more.
 * `data-edge-state` on the path ("taken" | "problem" | "idle") is for tests.
 */
export const RunEdge = memo(function RunEdge({
  id,
  source,
  target,
  sourceHandleId,
  sourceX,
  sourceY,
  targetX,
  targetY,
  sourcePosition,
  targetPosition,
  markerEnd,
  selected,
  interactionWidth,
}: EdgeProps<CanvasEdge>) {
  const taken = useEdgeTaken({ source, target, sourceHandle: sourceHandleId });
  const problem = useEditorStore((state) => state.problemEdges[id]?.[0]?.message);
  const [path] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const state = problem ? "problem" : taken ? "taken" : "idle";

  return (
    <g data-edge-state={state}>
      {problem ? <title>{problem}</title> : null}
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        interactionWidth={interactionWidth}
        className={edgeClass[state]}
        style={selected ? { strokeWidth: 2.5 } : undefined}
      />
    </g>
  );
});

const edgeClass = {
  idle: "",
  taken: "sy-edge-taken",
  problem: "sy-edge-problem",
} as const;

/** For <ReactFlow edgeTypes>; module scope, because React Flow compares it by identity. */
export const edgeComponents = { default: RunEdge };
