"use client";

import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { useTRPC } from "@/lib/trpc/client";
import { ConfigPanel } from "@/components/editor/config-panel/config-panel";
import { NodeRunInspector } from "@/components/execution-view/node-run-inspector";
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
  const store = useEditorStoreApi();
  const selectedIds = useEditorStore((state) => state.selectedNodeIds);
  const selectedId = selectedIds.length === 1 ? selectedIds[0] : undefined;
  const canvasNode = useEditorStore((state) => (selectedId === undefined ? undefined : state.nodes.find((node) => node.id === selectedId)));
  const problems = useEditorStore((state) => (selectedId === undefined ? NO_PROBLEMS : (state.problemsByNode[selectedId] ?? NO_PROBLEMS)));
  // The document only matters to the panel for suggestions (upstream nodes, variables): rebuilt when the graph changes.
  const nodes = useEditorStore((state) => state.nodes);
  const edges = useEditorStore((state) => state.edges);
  const document = useMemo(() => store.getState().toDocument(), [store, nodes, edges]); // eslint-disable-line react-hooks/exhaustive-deps
  const lastRunOutputs = useLastRunOutputs(lastExecutionId);

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
      <ConfigPanel
        key={canvasNode.id}
        node={canvasNode.data.node}
        document={document}
        problems={problems}
        lastRunOutputs={lastRunOutputs}
        readOnly={readOnly}
        onChange={(patch) => store.getState().updateNode(canvasNode.id, patch)}
        onClose={() => store.getState().selectNode(null)}
      />
    </aside>
  );
}

/** Each node's output in the last run (its latest instance), for expression suggestions. */
function useLastRunOutputs(executionId: string | null): Record<string, unknown> | undefined {
  const trpc = useTRPC();
  const runs = useQuery({ ...trpc.execution.nodeRuns.queryOptions({ id: executionId ?? "" }), enabled: executionId !== null });
  return useMemo(() => {
    if (!runs.data) return undefined;
    const outputs: Record<string, unknown> = {};
    const list = Array.isArray(runs.data) ? runs.data : runs.data.runs;
    for (const run of list) if (run.status === "succeeded") outputs[run.nodeId] = run.output;
    return outputs;
  }, [runs.data]);
}
