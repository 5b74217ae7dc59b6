import { Handle, Position, type NodeProps } from "@xyflow/react";
import type { ReactNode } from "react";
import { getInputHandles, getOutputHandles, nodeDefinitions } from "@/engine/nodes/registry";
import { nodeDisplayName, type CanvasNode } from "../document-to-flow";
import { categoryStyle } from "./category-style";


export type NodeCardProps = NodeProps<CanvasNode> & {
  icon: ReactNode;
  /** One line about the node's configuration (the condition, the URL, …). */
  summary?: string | undefined;
};

/**
 * The card every node type renders: icon, name (or id), the type's label, an
 * optional summary line, and labelled handles — inputs on the left, outputs on
 * the right, one row each. Handle ids are the handle names, which is what
 * document edges refer to as sourceHandle / targetHandle.
 */
export function NodeCard({ data, selected, icon, summary }: NodeCardProps) {
  const { node } = data;
  const definition = nodeDefinitions[node.type];
  const inputs = getInputHandles(node.type);
  const outputs = getOutputHandles(node);
  const rows = Array.from({ length: Math.max(inputs.length, outputs.length) }, (_, i) => ({
    input: inputs[i],
    output: outputs[i],
  }));

  return (
    <div
      className={`w-60 rounded-lg border bg-white text-left shadow-sm transition-shadow ${
        selected ? "border-indigo-500 ring-3 ring-indigo-500/20" : "border-zinc-200 hover:shadow-md"
      }`}
    >
      <div className="flex items-center gap-2.5 px-3 pt-2.5 pb-2">
        <span className={`grid size-8 shrink-0 place-items-center rounded-md ring-1 ring-inset ${categoryStyle[definition.category].badge}`}>
          {icon}
        </span>
        <div className="min-w-0">
          <div className="truncate text-sm leading-5 font-medium text-zinc-900">{nodeDisplayName(node)}</div>
          <div className="truncate text-xs leading-4 text-zinc-500">{definition.label}</div>
        </div>
      </div>
      {summary ? (
        <div title={summary} className="mx-3 mb-2 truncate rounded bg-zinc-50 px-2 py-1 font-mono text-[11px] text-zinc-600">
          {summary}
        </div>
      ) : null}
      {rows.length > 0 ? (
        <div className="border-t border-zinc-100 py-1">
          {rows.map(({ input, output }, index) => (
            <div key={index} className="relative flex h-6 items-center justify-between px-3 text-[11px] text-zinc-500">
              {input === undefined ? (
                <span />
              ) : (
                <>
                  <Handle type="target" position={Position.Left} id={input} className="sy-handle" />
                  <span>{input}</span>
                </>
              )}
              {output === undefined ? null : (
                <>
                  <span className="font-medium text-zinc-600">{output}</span>
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
