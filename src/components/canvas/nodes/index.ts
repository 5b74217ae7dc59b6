import type { ComponentType } from "react";
import type { NodeProps } from "@xyflow/react";
import type { NodeType } from "@/engine/nodes/registry";
import type { CanvasNode } from "../document-to-flow";
import { ApprovalNode } from "./people-nodes";
import { CodeNode, GetVariableNode, HttpRequestNode, SetNode, SetVariableNode, TransformNode } from "./data-nodes";
import { BreakNode, ContinueNode, DelayNode, FailNode, LoopNode, OutputNode, SubworkflowNode, WaitNode } from "./flow-nodes";
import { IfNode, JoinNode, SwitchNode, TryNode } from "./logic-nodes";
import { ManualTriggerNode, ScheduleTriggerNode, WebhookTriggerNode } from "./trigger-nodes";

/**
 * The canvas component for every node type. Declared `satisfies
 * Record<NodeType, …>`, so a new node type does not compile until it has one.
 * Module scope on purpose: React Flow re-mounts every node when this object's
 * identity changes. Pass it to <ReactFlow nodeTypes>.
 */
export const nodeComponents = {
  "trigger.manual": ManualTriggerNode,
  "trigger.webhook": WebhookTriggerNode,
  "trigger.schedule": ScheduleTriggerNode,
  set: SetNode,
  code: CodeNode,
  "http.request": HttpRequestNode,
  if: IfNode,
  switch: SwitchNode,
  join: JoinNode,
  loop: LoopNode,
  break: BreakNode,
  continue: ContinueNode,
  transform: TransformNode,
  delay: DelayNode,
  wait: WaitNode,
  "variable.set": SetVariableNode,
  "variable.get": GetVariableNode,
  try: TryNode,
  subworkflow: SubworkflowNode,
  approval: ApprovalNode,
  fail: FailNode,
  output: OutputNode,
} satisfies Record<NodeType, ComponentType<NodeProps<CanvasNode>>>;
