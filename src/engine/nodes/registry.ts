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
import type { NodeType } from "./node-meta";
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

/**
 * Node types, their metadata and the handle helpers live in `node-meta.ts`
 * (no zod, for the editor's first paint); they are re-exported here, so the
 * engine, server and worker import everything about node types from one place.
 */
export {
  getInputHandles,
  getOutputHandles,
  getRegionHandles,
  hasFixedOutputHandles,
  isNodeType,
  isTriggerType,
  NODE_TYPES,
  type NodeType,
  type TriggerType,
} from "./node-meta";

/** The one registry of node types (metadata and config schema); every other layer's registry is keyed the same way. */
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
