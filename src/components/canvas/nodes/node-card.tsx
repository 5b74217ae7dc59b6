import { Handle, Position, useStore, useUpdateNodeInternals, type NodeProps, type ReactFlowState } from "@xyflow/react";
import { useEffect, useRef } from "react";
import { nodeMeta } from "@/engine/nodes/node-meta";
import { useEditorStore } from "@/stores/editor-store-provider";
import { useNodeRunView } from "@/stores/run-view-store";
import { nodeDisplayName, type CanvasNode } from "../document-to-flow";
import { LARGE_GRAPH_NODES } from "../large-graph";
import { categoryStyle } from "./category-style";
import { handleRows } from "./node-handles";
import { nodeSummary } from "./node-summary";
import { nodeTypeIcons } from "./node-type-icons";
import { runStatusStyles } from "./run-status";
import { RunStatusBadge } from "./run-status-badge";

/**
 * The card every node type renders: its icon (`nodeTypeIcons`), its name (or
 * id), the type's label, a summary line about its configuration
 * (`nodeSummary`), and labelled handles — inputs on the left, outputs on the
 * right, one row each. Handle ids are the handle names, which is what document
 * edges refer to as sourceHandle / targetHandle.
 *
 * It also shows what the editor and the shown run know about this node: a red
 * border and a "!" marker when validation found a problem (the first one is the
 * tooltip), and a status badge from the run view. `data-status` on the root is
 * the node's run status ("idle" when none is shown), for tests.
 *
 * Performance (500-node graphs): every subscription selects by this node's id
 * and returns a primitive or a stable object, so an edit elsewhere does not
 * re-render this card. On a large graph zoomed out below DETAIL_ZOOM, where the
 * text could not be read anyway, the card drops its icon, type label, summary, handle labels and
 * shadow (same size, same handles): a fitted 500-node graph then paints a
 * fraction of the elements, which is what makes opening and dragging it fast.
 * Every part has a fixed height at both levels, which card-size.ts relies on to
 * place cards and their handles before they are measured.
 */
export const DETAIL_ZOOM = 0.45;
/** Only on large graphs: a small one is cheap in full, and keeps its labels at any zoom. */
const zoomedOut = (state: ReactFlowState) => state.transform[2] < DETAIL_ZOOM && state.nodeLookup.size >= LARGE_GRAPH_NODES;

export function NodeCard({ id, data, selected }: NodeProps<CanvasNode>) {
  const far = useStore(zoomedOut);
  const { node } = data;
  const Icon = nodeTypeIcons[node.type];
  const summary = nodeSummary(node);
  const meta = nodeMeta[node.type];
  const rows = handleRows(node);
  useRemeasureOnNewHandles(id, rows.map(({ input, output }) => `${input ?? ""}|${output ?? ""}`).join(","));
  const problem = useEditorStore((state) => state.problemsByNode[id]?.[0]?.message);
  const run = useNodeRunView(id);

  const border = problem ? "border-red-500" : selected ? "border-indigo-500" : "border-zinc-200";
  const selectedRing = selected ? "ring-3 ring-indigo-500/20" : "";
  const runLook = run ? runStatusStyles[run.status].card : "";

  return (
    <div
      data-status={run?.status ?? "idle"}
      data-detail={far ? "low" : "full"}
      className={`relative w-60 rounded-lg border bg-white text-left ${far ? "" : "shadow-sm transition-shadow hover:shadow-md"} ${border} ${run ? runLook : selectedRing}`}
    >
      {run ? <RunStatusBadge type={node.type} view={run} /> : null}
      {problem ? (
        <span
          role="img"
          aria-label={`Problem: ${problem}`}
          title={problem}
          className="absolute -top-2 -left-2 grid size-5 place-items-center rounded-full bg-red-600 text-xs font-bold text-white shadow-sm"
        >
          !
        </span>
      ) : null}
      <div className="flex items-center gap-2.5 px-3 pt-2.5 pb-2">
        <span className={`grid size-8 shrink-0 place-items-center rounded-md ${far ? "" : "ring-1 ring-inset"} ${categoryStyle[meta.category].badge}`}>
          {far ? null : <Icon />}
        </span>
        <div className="min-w-0">
          <div className="truncate text-sm leading-5 font-medium text-zinc-900">{nodeDisplayName(node)}</div>
          {far ? <div className="h-4" /> : <div className="truncate text-xs leading-4 text-zinc-500">{meta.label}</div>}
        </div>
      </div>
      {summary ? (
        far ? (
          <div className="mx-3 mb-2 h-6 rounded bg-zinc-50" />
        ) : (
          <div title={summary} className="mx-3 mb-2 truncate rounded bg-zinc-50 px-2 py-1 font-mono text-[11px] leading-4 text-zinc-600">
            {summary}
          </div>
        )
      ) : null}
      {rows.length > 0 ? (
        <div className="border-t border-zinc-100 py-1">
          {rows.map(({ input, output }) => (
            <div key={`${input ?? ""}|${output ?? ""}`} className="relative flex h-6 items-center justify-between px-3 text-[11px] text-zinc-500">
              {input === undefined ? (
                <span />
              ) : (
                <>
                  <Handle type="target" position={Position.Left} id={input} className="sy-handle" />
                  {far ? null : <span>{input}</span>}
                </>
              )}
              {output === undefined ? null : (
                <>
                  {far ? null : <span className="font-medium text-zinc-600">{output}</span>}
                  <Handle type="source" position={Position.Right} id={output} className="sy-handle" />
                </>
              )}
            </div>
          ))}
        </div>
      ) : null}
    </div>
  );
}

/**
 * React Flow measures a card's handles when the card's size changes. A handle
 * renamed in place (a switch case's name edited) leaves the size as it was, so
 * React Flow is told to measure again; otherwise edges look for the old name.
 * Not on the first render: a new card is measured anyway.
 */
function useRemeasureOnNewHandles(id: string, handleIds: string) {
  const updateNodeInternals = useUpdateNodeInternals();
  const previous = useRef(handleIds);
  useEffect(() => {
    if (previous.current === handleIds) return;
    previous.current = handleIds;
    updateNodeInternals(id);
  }, [id, handleIds, updateNodeInternals]);
}
