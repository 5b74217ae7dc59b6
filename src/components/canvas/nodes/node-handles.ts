import { getInputHandles, getOutputHandles, type NodeType } from "@/engine/nodes/node-meta";
import type { NodeConfig } from "@/engine/nodes/registry";
import type { WorkflowNode } from "../document-to-flow";

/** One row of a node card: an input handle on the left and/or an output handle on the right. */
export type HandleRow = { input: string | undefined; output: string | undefined };

/**
 * The handle rows a node card draws: inputs on the left, outputs on the right,
 * one row each. Tolerates a config mid-edit on the canvas (a switch case without
 * a handle name yet, or two cases with the same one): only non-empty names are
 * drawn, each once, because React Flow needs handle ids unique per node.
 */
export function handleRows(node: WorkflowNode): HandleRow[] {
  const inputs = getInputHandles(node.type);
  const outputs = uniqueNames(getOutputHandles({ type: node.type, config: node.config as NodeConfig<NodeType> }));
  return Array.from({ length: Math.max(inputs.length, outputs.length) }, (_, i) => ({ input: inputs[i], output: outputs[i] }));
}

function uniqueNames(names: readonly unknown[]): string[] {
  const unique = new Set<string>();
  for (const name of names) if (typeof name === "string" && name !== "") unique.add(name);
  return [...unique];
}
