import { memo, type ComponentType } from "react";
import type { NodeProps } from "@xyflow/react";
import { NODE_TYPES, type NodeType } from "@/engine/nodes/node-meta";
import type { CanvasNode } from "../document-to-flow";
import { NodeCard } from "./node-card";

/**
 * The canvas component for every node type, for <ReactFlow nodeTypes>.
 *
 * Every type renders the one memoised NodeCard: what differs per type lives in
 * per-type registries, each declared `satisfies Record<NodeType, …>` so a new
 * type does not compile until it has them — its icon (`nodeTypeIcons`), its
 * summary line (`node-summary.ts`) and its handles (the engine's registry).
 * Module scope on purpose: React Flow re-mounts every node when this object's
 * identity changes.
 */
const MemoNodeCard = memo(NodeCard);

export const nodeComponents: Record<NodeType, ComponentType<NodeProps<CanvasNode>>> = Object.fromEntries(
  NODE_TYPES.map((type) => [type, MemoNodeCard]),
) as Record<NodeType, typeof MemoNodeCard>;
