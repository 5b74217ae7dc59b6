import { z } from "zod";
import { closestName } from "./closest-name";
import { describeIssues, describeValue, type FieldPath } from "./issue-messages";
import {
  getOutputHandles,
  hasFixedOutputHandles,
  isNodeType,
  NODE_TYPES,
  nodeDefinitions,
  type NodeType,
} from "./nodes/registry";
import { nodeProblem, workflowProblem, type Problem } from "./problem";
import { NODE_COMMON_FIELDS, NODE_SCHEMAS } from "./workflow-schema";

/** What the edge and graph checks need to know about one node, however broken it is. */
export interface CheckedNode {
  /** Position in the document's `nodes`. */
  readonly index: number;
  /** The id as written, when it is a non-empty string (even a malformed one). */
  readonly id: string | undefined;
  /** The type as written, when it is a string (even an unknown one). */
  readonly type: string | undefined;
  /** Set when the type is known: the node type. */
  readonly nodeType: NodeType | undefined;
  /** The parsed config, when the type is known and the config is valid. */
  readonly config: unknown;
  /** The output handles, when they can be known (known type, and valid config if they depend on it). */
  readonly outputHandles: readonly string[] | undefined;
}

/** A node whose type is not known: its common fields are still checked. */
const NodeOfUnknownType = z.strictObject({
  ...NODE_COMMON_FIELDS,
  type: z.string(),
  config: z.record(z.string(), z.unknown()).prefault({}),
});

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describeUnknownType(type: string): string {
  const suggestion = closestName(type, NODE_TYPES);
  return `unknown node type "${type}"${suggestion === undefined ? "" : ` (did you mean "${suggestion}"?)`}`;
}

function checkNode(raw: unknown, index: number): { node: CheckedNode; problems: Problem[] } {
  if (!isRecord(raw)) {
    const node = { index, id: undefined, type: undefined, nodeType: undefined, config: undefined, outputHandles: undefined };
    return { node, problems: [workflowProblem(`expected an object, got ${describeValue(raw)}`, ["nodes", index])] };
  }
  const id = typeof raw.id === "string" && raw.id !== "" ? raw.id : undefined;
  const type = typeof raw.type === "string" ? raw.type : undefined;
  const nodeType = isNodeType(type) ? type : undefined;
  // Nodes without a usable id are located by their position in `nodes`.
  const locate = (text: string, path: FieldPath): Problem =>
    id === undefined ? workflowProblem(text, ["nodes", index, ...path]) : nodeProblem(id, text, path);

  const problems: Problem[] = [];
  if (type !== undefined && nodeType === undefined) problems.push(locate(describeUnknownType(type), []));
  const schema = nodeType === undefined ? NodeOfUnknownType : NODE_SCHEMAS[nodeType];
  const parsed = schema.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    for (const { path, text } of describeIssues(parsed.error.issues, schema)) problems.push(locate(text, path));
  }

  let config: unknown;
  let outputHandles: readonly string[] | undefined;
  if (nodeType !== undefined) {
    const configResult = nodeDefinitions[nodeType].configSchema.safeParse(raw.config ?? {});
    config = configResult.success ? configResult.data : undefined;
    if (configResult.success || hasFixedOutputHandles(nodeType)) {
      outputHandles = getOutputHandles({ type: nodeType, config } as Parameters<typeof getOutputHandles>[0]);
    }
  }
  return { node: { index, id, type, nodeType, config, outputHandles }, problems };
}

/**
 * Checks each node on its own (shape, common fields, type, config), then that
 * ids are unique. Returns what later checks need about every node.
 */
export function checkNodes(rawNodes: readonly unknown[]): {
  nodes: CheckedNode[];
  duplicateIds: Set<string>;
  problems: Problem[];
} {
  const nodes: CheckedNode[] = [];
  const problems: Problem[] = [];
  for (const [index, raw] of rawNodes.entries()) {
    const checked = checkNode(raw, index);
    nodes.push(checked.node);
    problems.push(...checked.problems);
  }

  const countById = new Map<string, number>();
  for (const { id } of nodes) if (id !== undefined) countById.set(id, (countById.get(id) ?? 0) + 1);
  const duplicateIds = new Set([...countById].filter(([, count]) => count > 1).map(([id]) => id));
  for (const id of duplicateIds) {
    problems.push(nodeProblem(id, `${countById.get(id)} nodes use this id; each node needs its own id`));
  }
  return { nodes, duplicateIds, problems };
}
