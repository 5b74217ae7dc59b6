"use client";

import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { useTRPC } from "@/lib/trpc/client";
import type { CanvasNode } from "@/components/canvas/document-to-flow";
import { ConfigPanel, NodeRunInspector } from "./lazy-panels";
import { useInspectNode } from "@/stores/run-view-store";
import { useEditorStore, useEditorStoreApi } from "@/stores/editor-store-provider";

const NO_PROBLEMS: never[] = [];

/**
 * The right-hand panel: the runs of a node when one is being inspected (a
 * click on a node of a shown run), else the configuration of the one selected
 * node. Nothing when several or no nodes are selected.
 */
export function EditorSidePanel({ readOnly, lastExecutionId }: { readOnly: boolean; lastExecutionId: string | null }) {
  const inspect = useInspectNode();
  const selectedIds = useEditorStore((state) => state.selectedNodeIds);
  const selectedId = selectedIds.length === 1 ? selectedIds[0] : undefined;
  const canvasNode = useEditorStore((state) => (selectedId === undefined ? undefined : state.nodes.find((node) => node.id === selectedId)));

  if (inspect.nodeId !== null && lastExecutionId !== null) {
    return (
      <aside className="w-[400px] shrink-0 overflow-y-auto border-l border-zinc-200 bg-white">
        <NodeRunInspector executionId={lastExecutionId} nodeId={inspect.nodeId} onClose={inspect.close} />
      </aside>
    );
  }
  if (!canvasNode) return null;
  return (
    <aside className="w-[400px] shrink-0 overflow-y-auto border-l border-zinc-200 bg-white">
      <NodeConfig key={canvasNode.id} canvasNode={canvasNode} readOnly={readOnly} lastExecutionId={lastExecutionId} />
    </aside>
  );
}

/** The config panel of one node; mounted only while it is shown, so nothing below runs for a closed panel. */
function NodeConfig({ canvasNode, readOnly, lastExecutionId }: { canvasNode: CanvasNode; readOnly: boolean; lastExecutionId: string | null }) {
  const store = useEditorStoreApi();
  const problems = useEditorStore((state) => state.problemsByNode[canvasNode.id] ?? NO_PROBLEMS);
  // The document only matters to the panel for suggestions (upstream nodes, variables): rebuilt when the graph changes.
  const nodes = useEditorStore((state) => state.nodes);
  const edges = useEditorStore((state) => state.edges);
  const document = useMemo(() => store.getState().toDocument(), [store, nodes, edges]); // eslint-disable-line react-hooks/exhaustive-deps
  const lastRunOutputs = useLastRunOutputs(lastExecutionId);
  return (
    <ConfigPanel
      node={canvasNode.data.node}
      document={document}
      problems={problems}
      lastRunOutputs={lastRunOutputs}
      readOnly={readOnly}
      onChange={(patch) => store.getState().updateNode(canvasNode.id, patch)}
      onClose={() => store.getState().selectNode(null)}
    />
  );
}

/** Each node's output in the last run (its latest successful instance), for expression suggestions. */
function useLastRunOutputs(executionId: string | null): Record<string, unknown> | undefined {
  const trpc = useTRPC();
  const runs = useQuery({ ...trpc.execution.nodeRuns.queryOptions({ id: executionId ?? "" }), enabled: executionId !== null });
  return useMemo(() => {
    if (!runs.data) return undefined;
    const outputs: Record<string, unknown> = {};
    for (const run of runs.data.runs) if (run.status === "succeeded") outputs[run.nodeId] = run.output;
    return outputs;
  }, [runs.data]);
}
