"use client";

import "@xyflow/react/dist/style.css";
import "./canvas.css";
import {
  Background,
  Controls,
  MarkerType,
  MiniMap,
  ReactFlow,
  type DefaultEdgeOptions,
  type FitViewOptions,
  type NodeMouseHandler,
  type ReactFlowInstance,
} from "@xyflow/react";
import { useCallback, useRef, useState, type DragEvent } from "react";
import { isNodeType, nodeDefinitions } from "@/engine/nodes/registry";
import { useEditorStore, useEditorStoreApi } from "@/stores/editor-store-provider";
import { useInspectNode, useRunSummary } from "@/stores/run-view-store";
import { CanvasRegions } from "./canvas-regions";
import type { CanvasEdge, CanvasNode } from "./document-to-flow";
import { nodeComponents } from "./nodes";
import { categoryStyle } from "./nodes/category-style";
import { dropPosition, NODE_DRAG_TYPE } from "./placement";
import { edgeComponents } from "./run-edge";
import { LARGE_GRAPH_NODES } from "./large-graph";
import { legibleStartViewport } from "./start-viewport";

// Module scope: React Flow compares these by identity on every render.
const defaultEdgeOptions: DefaultEdgeOptions = { markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 } };
/** maxZoom 1: a small graph is shown at its real size instead of blown up. */
const fitViewOptions: FitViewOptions = { padding: 0.2, maxZoom: 1 };
const miniMapColor = (node: CanvasNode) => categoryStyle[nodeDefinitions[node.data.node.type].category].minimap;
/** Ctrl-click and ⌘-click both add to the selection, on every platform. */
const multiSelectionKeys = ["Meta", "Control"];



/**
 * The workflow graph, editable unless `readOnly`:
 * - connect by dragging from an output handle to an input (the store refuses
 *   invalid connections: self-edges, into a trigger, duplicates, cycles);
 * - select with a click, add with Ctrl/⌘-click, box-select with Shift-drag;
 * - drop node types from the palette (drag data NODE_DRAG_TYPE);
 * - delete, undo, copy… are keyboard shortcuts (useEditorShortcuts), so
 *   React Flow's own Backspace handling is off.
 * Read-only (viewers, stored versions, the execution page): nothing moves or
 * connects, but nodes can still be selected and clicked.
 *
 * While a run is shown (a RunViewProvider above with an execution), clicking a
 * node opens the inspector on its runs. Loop and try regions are shaded behind
 * the nodes. Works with or without a <ReactFlowProvider> above it.
 */
export function WorkflowCanvas({ readOnly = false }: { readOnly?: boolean }) {
  const editor = useEditorStoreApi();
  const nodes = useEditorStore((state) => state.nodes);
  const edges = useEditorStore((state) => state.edges);
  const onNodesChange = useEditorStore((state) => state.onNodesChange);
  const onEdgesChange = useEditorStore((state) => state.onEdgesChange);
  const onConnect = useEditorStore((state) => state.onConnect);
  const isValidConnection = useEditorStore((state) => state.isValidConnection);
  const large = nodes.length >= LARGE_GRAPH_NODES;
  // Decided once, at mount: a small graph is fitted, a large one opens legibly at its trigger.
  const [startViewport] = useState(() => (large ? legibleStartViewport(nodes) : undefined));

  const runShown = useRunSummary() !== null;
  const inspector = useInspectNode();
  const openInspector = inspector.open;
  const onNodeClick: NodeMouseHandler<CanvasNode> = useCallback((_event, node) => openInspector(node.id), [openInspector]);

  // onInit rather than useReactFlow(): the canvas may be mounted without a provider above it.
  const flow = useRef<ReactFlowInstance<CanvasNode, CanvasEdge> | null>(null);
  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(NODE_DRAG_TYPE)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "copy";
  }, []);
  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = event.dataTransfer.getData(NODE_DRAG_TYPE);
      if (!isNodeType(type) || !flow.current) return;
      event.preventDefault();
      const point = flow.current.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      editor.getState().addNode(type, { position: dropPosition(point) });
    },
    [editor],
  );

  return (
    <ReactFlow<CanvasNode, CanvasEdge>
      className="sy-canvas"
      aria-label="Workflow canvas"
      nodes={nodes}
      edges={edges}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      onConnect={readOnly ? undefined : onConnect}
      isValidConnection={isValidConnection}
      onNodeClick={runShown ? onNodeClick : undefined}
      onInit={(instance) => {
        flow.current = instance;
      }}
      onDragOver={readOnly ? undefined : onDragOver}
      onDrop={readOnly ? undefined : onDrop}
      nodeTypes={nodeComponents}
      edgeTypes={edgeComponents}
      defaultEdgeOptions={defaultEdgeOptions}
      nodesConnectable={!readOnly}
      nodesDraggable={!readOnly}
      edgesReconnectable={false}
      elementsSelectable
      deleteKeyCode={null}
      multiSelectionKeyCode={multiSelectionKeys}
      onlyRenderVisibleElements={large}
      defaultViewport={startViewport}
      fitView={startViewport === undefined}
      fitViewOptions={fitViewOptions}
      minZoom={large ? 0.05 : 0.2}
      maxZoom={2}
    >
      <CanvasRegions />
      <Background gap={20} size={1.5} />
      <Controls showInteractive={false} fitViewOptions={fitViewOptions} />
      <MiniMap<CanvasNode> pannable zoomable ariaLabel="Mini map" nodeBorderRadius={6} nodeColor={miniMapColor} />
    </ReactFlow>
  );
}
