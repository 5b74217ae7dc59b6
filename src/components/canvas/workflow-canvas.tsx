"use client";

import "@xyflow/react/dist/style.css";
import "./canvas.css";
import {
  Background,
  ControlButton,
  Controls,
  MarkerType,
  MiniMap,
  ReactFlow,
  type DefaultEdgeOptions,
  type NodeMouseHandler,
  type ReactFlowInstance,
} from "@xyflow/react";
import { useCallback, useEffect, useRef, useState, type DragEvent } from "react";
import { isNodeType, nodeMeta } from "@/engine/nodes/node-meta";
import { useEditorStore, useEditorStoreApi } from "@/stores/editor-store-provider";
import { useInspectNode, useRunSummary } from "@/stores/run-view-store";
import { CanvasRegions } from "./canvas-regions";
import { KeepSelectionInView } from "./keep-selection-in-view";
import type { CanvasEdge, CanvasNode } from "./document-to-flow";
import { nodeComponents } from "./nodes";
import { categoryStyle } from "./nodes/category-style";
import { FIT_VIEW_OPTIONS, useFitGraph } from "./fit-view";
import { dropPosition, NODE_DRAG_TYPE } from "./placement";
import { edgeComponents } from "./run-edge";
import { LARGE_GRAPH_NODES } from "./large-graph";
import { legibleStartViewport } from "./start-viewport";
import { useIdleAfter } from "./when-idle";

// Module scope: React Flow compares these by identity on every render.
const defaultEdgeOptions: DefaultEdgeOptions = { markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 } };
const miniMapColor = (node: CanvasNode) => categoryStyle[nodeMeta[node.data.node.type].category].minimap;
/**
 * A User Timing mark (DevTools' performance panel, `performance.getEntriesByName`):
 * the canvas's first cards measured in the browser — the page hydrated, the
 * graph live. A server-rendered graph is on screen before it.
 */
export const CARDS_DRAWN_MARK = "switchyard:canvas-cards-drawn";
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

  // The mini map draws every node (500 on a large graph, each with its own store
  // subscription): it comes once the cards in view are on screen, not before them.
  const cardsDrawn = useEditorStore((state) => state.cardsDrawn);
  const miniMapShown = useIdleAfter(cardsDrawn);
  useEffect(() => {
    if (cardsDrawn) performance.mark(CARDS_DRAWN_MARK);
  }, [cardsDrawn]);
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
      fitViewOptions={FIT_VIEW_OPTIONS}
      minZoom={large ? 0.05 : 0.2}
      maxZoom={2}
    >
      <CanvasRegions />
      <KeepSelectionInView />
      <Background gap={20} size={1.5} />
      <CanvasControls />
      {nodes.length === 0 && !readOnly ? <EmptyCanvasHint /> : null}
      {miniMapShown ? <MiniMap<CanvasNode> pannable zoomable ariaLabel="Mini map" nodeBorderRadius={6} nodeColor={miniMapColor} /> : null}
    </ReactFlow>
  );
}

/** What to do on an empty canvas, for someone who has never built a flow (it goes with the first node). */
function EmptyCanvasHint() {
  return (
    <div className="pointer-events-none absolute inset-0 z-10 flex items-center justify-center">
      <p role="note" className="max-w-sm rounded-lg bg-white/90 px-5 py-4 text-center text-sm text-zinc-600 shadow-sm ring-1 ring-zinc-200">
        <span className="block font-medium text-zinc-900">Start with a trigger</span>
        Drag a trigger (Manual trigger, Webhook or Schedule) from the palette onto the canvas, then add the steps that follow it.
      </p>
    </div>
  );
}

/** Zoom in, zoom out and fit view; fit view through useFitGraph (React Flow's own would wait for every card's measurement). */
function CanvasControls() {
  const fitGraph = useFitGraph();
  return (
    <Controls showInteractive={false} showFitView={false}>
      <ControlButton className="react-flow__controls-fitview" title="Fit view" aria-label="Fit view" onClick={() => void fitGraph()}>
        {/* React Flow's own fit-view icon (its controls fill their icons with currentColor). */}
        <svg aria-hidden="true" viewBox="0 0 32 30">
          <path d="M3.692 4.63c0-.53.4-.938.939-.938h5.215V0H4.708C2.13 0 0 2.054 0 4.63v5.216h3.692V4.631zM27.354 0h-5.2v3.692h5.17c.53 0 .984.4.984.939v5.215H32V4.631A4.624 4.624 0 0027.354 0zm.954 24.83c0 .532-.4.94-.939.94h-5.215v3.768h5.215c2.577 0 4.631-2.13 4.631-4.707v-5.139h-3.692v5.139zm-23.677.94c-.531 0-.939-.4-.939-.94v-5.138H0v5.139c0 2.577 2.13 4.707 4.708 4.707h5.138V25.77H4.631z" />
        </svg>
      </ControlButton>
    </Controls>
  );
}

