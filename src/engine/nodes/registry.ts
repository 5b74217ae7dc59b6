import type { z } from "zod";
import { approvalNode } from "./approval";
import { breakNode } from "./break";
import { codeNode } from "./code";
import { continueNode } from "./continue";
import { delayNode } from "./delay";
import { failNode } from "./fail";
import { httpRequestNode } from "./http-request";
import { ifNode } from "./if";
import { joinNode } from "./join";
import { loopNode } from "./loop";
import type { NodeDefinition } from "./node-definition";
import { outputNode } from "./output";
import { setNode } from "./set";
import { subworkflowNode } from "./subworkflow";
import { switchNode } from "./switch";
import { transformNode } from "./transform";
import { manualTriggerNode } from "./trigger-manual";
import { scheduleTriggerNode } from "./trigger-schedule";
import { webhookTriggerNode } from "./trigger-webhook";
import { tryNode } from "./try";
import { variableGetNode } from "./variable-get";
import { variableSetNode } from "./variable-set";
import { waitNode } from "./wait";

/** Every node type, in palette order. Adding one here fails to compile until it is registered below. */
export const NODE_TYPES = [
  "trigger.manual",
  "trigger.webhook",
  "trigger.schedule",
  "set",
  "code",
  "http.request",
  "if",
  "switch",
  "join",
  "loop",
  "break",
  "continue",
  "transform",
  "delay",
  "wait",
  "variable.set",
  "variable.get",
  "try",
  "subworkflow",
  "approval",
  "fail",
  "output",
] as const;

export type NodeType = (typeof NODE_TYPES)[number];
export type TriggerType = Extract<NodeType, `trigger.${string}`>;

/** The one registry of node types; every other layer's registry is keyed the same way. */
export const nodeDefinitions = {
  "trigger.manual": manualTriggerNode,
  "trigger.webhook": webhookTriggerNode,
  "trigger.schedule": scheduleTriggerNode,
  set: setNode,
  code: codeNode,
  "http.request": httpRequestNode,
  if: ifNode,
  switch: switchNode,
  join: joinNode,
  loop: loopNode,
  break: breakNode,
  continue: continueNode,
  transform: transformNode,
  delay: delayNode,
  wait: waitNode,
  "variable.set": variableSetNode,
  "variable.get": variableGetNode,
  try: tryNode,
  subworkflow: subworkflowNode,
  approval: approvalNode,
  fail: failNode,
  output: outputNode,
} satisfies { [Type in NodeType]: NodeDefinition<Type> };

/** The parsed config of a node of type `Type` (defaults filled). */
export type NodeConfig<Type extends NodeType> = z.output<(typeof nodeDefinitions)[Type]["configSchema"]>;
/** The config of a node of type `Type` as written in a document (defaults optional). */
export type NodeConfigInput<Type extends NodeType> = z.input<(typeof nodeDefinitions)[Type]["configSchema"]>;

const NODE_TYPE_SET: ReadonlySet<string> = new Set(NODE_TYPES);

export function isNodeType(type: unknown): type is NodeType {
  return typeof type === "string" && NODE_TYPE_SET.has(type);
}

export function isTriggerType(type: unknown): type is TriggerType {
  return isNodeType(type) && nodeDefinitions[type].category === "triggers";
}

/** Output handles of a node, given its parsed config (a switch's depend on its cases). */
export function getOutputHandles<Type extends NodeType>(node: {
  readonly type: Type;
  readonly config: NodeConfig<Type>;
}): readonly string[] {
  const handles: NodeDefinition["outputHandles"] = nodeDefinitions[node.type].outputHandles;
  return typeof handles === "function" ? handles(node.config) : handles;
}

/** True when a type's output handles are the same whatever its config. */
export function hasFixedOutputHandles(type: NodeType): boolean {
  return typeof nodeDefinitions[type].outputHandles !== "function";
}

export function getInputHandles(type: NodeType): readonly string[] {
  return nodeDefinitions[type].inputHandles;
}

/** Output handles that open regions owned by a node of this type (none for unknown types). */
export function getRegionHandles(type: string): readonly string[] {
  return isNodeType(type) ? (nodeDefinitions[type].regionHandles ?? []) : [];
}
