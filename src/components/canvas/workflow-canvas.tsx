"use client";

import "@xyflow/react/dist/style.css";
import "./canvas.css";
import { Background, Controls, MarkerType, MiniMap, ReactFlow, type DefaultEdgeOptions, type FitViewOptions } from "@xyflow/react";
import { nodeDefinitions } from "@/engine/nodes/registry";
import { useEditorStore } from "@/stores/editor-store-provider";
import type { CanvasEdge, CanvasNode } from "./document-to-flow";
import { nodeComponents } from "./nodes";
import { categoryStyle } from "./nodes/category-style";

// Module scope: React Flow compares these by identity on every render.
const defaultEdgeOptions: DefaultEdgeOptions = { markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 } };
/** maxZoom 1: a small graph is shown at its real size instead of blown up. */
const fitViewOptions: FitViewOptions = { padding: 0.2, maxZoom: 1 };
const miniMapColor = (node: CanvasNode) => categoryStyle[nodeDefinitions[node.data.node.type].category].minimap;

/**
 * The workflow graph. Nodes can be moved (unless `readOnly`); connecting and
 * deleting arrive with the full builder, so they are off here (a stray
 * Backspace must not delete a node).
 */
export function WorkflowCanvas({ readOnly = false }: { readOnly?: boolean }) {
  const nodes = useEditorStore((state) => state.nodes);
  const edges = useEditorStore((state) => state.edges);
  const onNodesChange = useEditorStore((state) => state.onNodesChange);
  const onEdgesChange = useEditorStore((state) => state.onEdgesChange);

  return (
    <ReactFlow<CanvasNode, CanvasEdge>
      className="sy-canvas"
      aria-label="Workflow canvas"
      nodes={nodes}
      edges={edges}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      nodeTypes={nodeComponents}
      defaultEdgeOptions={defaultEdgeOptions}
      nodesConnectable={false}
      nodesDraggable={!readOnly}
      deleteKeyCode={null}
      fitView
      fitViewOptions={fitViewOptions}
      minZoom={0.2}
      maxZoom={2}
    >
      <Background gap={20} size={1.5} />
      <Controls showInteractive={false} />
      <MiniMap<CanvasNode> pannable zoomable ariaLabel="Mini map" nodeBorderRadius={6} nodeColor={miniMapColor} />
    </ReactFlow>
  );
}
