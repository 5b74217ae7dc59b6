import {
  NO_OUTPUTS,
  STANDARD_INPUTS,
  STANDARD_OUTPUTS,
  TRIGGER_INPUTS,
  type NodeMeta,
} from "./node-definition";
import type { NodeConfig } from "./registry";

/**
 * Every node type's metadata — label, description, category, handles, the
 * config a new node starts with — without its config schema. This module and
 * what it imports MUST NOT import zod (or a schema) at run time: the editor
 * draws its first cards from it, and loads the schemas, validation and the
 * config panel after that (node-meta.test.ts checks). The engine, server and
 * worker read the same metadata through `registry.ts`, which adds each type's
 * schema.
 */

/** Every node type, in palette order. Adding one here fails to compile until it has metadata and a schema. */
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

export const LOOP_BODY_HANDLE = "body";
/** The handle a switch takes when no case matches; a case may not use it. */
export const SWITCH_DEFAULT_HANDLE = "default";
export const TRY_REGION_HANDLES = ["try", "catch", "finally"] as const;

export const nodeMeta = {
  "trigger.manual": {
    type: "trigger.manual",
    label: "Manual trigger",
    description: "Starts the workflow when someone runs it; its output is the input given to the run.",
    category: "triggers",
    inputHandles: TRIGGER_INPUTS,
    outputHandles: STANDARD_OUTPUTS,
    defaultConfig: {},
  },
  "trigger.webhook": {
    type: "trigger.webhook",
    label: "Webhook",
    description: "Starts the workflow when its URL receives an HTTP request.",
    category: "triggers",
    inputHandles: TRIGGER_INPUTS,
    outputHandles: STANDARD_OUTPUTS,
    defaultConfig: {},
  },
  "trigger.schedule": {
    type: "trigger.schedule",
    label: "Schedule",
    description: "Starts the workflow on a repeating schedule (cron).",
    category: "triggers",
    inputHandles: TRIGGER_INPUTS,
    outputHandles: STANDARD_OUTPUTS,
    defaultConfig: { cron: "0 9 * * 1-5" },
  },
  set: {
    type: "set",
    label: "Set fields",
    description: "Adds or replaces fields; values may use {{ }} expressions.",
    category: "data",
    inputHandles: STANDARD_INPUTS,
    outputHandles: STANDARD_OUTPUTS,
    defaultConfig: { values: {}, keepInput: true },
  },
  code: {
    type: "code",
    label: "Code",
    description: "Runs JavaScript in a sandbox; what it returns becomes the output.",
    category: "data",
    inputHandles: STANDARD_INPUTS,
    outputHandles: STANDARD_OUTPUTS,
    defaultConfig: { code: "return input;" },
  },
  "http.request": {
    type: "http.request",
    label: "HTTP request",
    description: "Calls a URL and outputs the response status, headers and body.",
    category: "actions",
    inputHandles: STANDARD_INPUTS,
    outputHandles: STANDARD_OUTPUTS,
    defaultConfig: { method: "GET", url: "https://example.com" },
  },
  if: {
    type: "if",
    label: "If",
    description: "Continues on the true or false branch depending on a condition.",
    category: "logic",
    inputHandles: STANDARD_INPUTS,
    outputHandles: ["true", "false"],
    defaultConfig: { condition: "{{ input.ok === true }}" },
  },
  switch: {
    type: "switch",
    label: "Switch",
    description: "Continues on the branch of the first case that matches a value, or on default.",
    category: "logic",
    inputHandles: STANDARD_INPUTS,
    // Tolerates a config mid-edit on the canvas (no cases yet): the default handle is always there.
    outputHandles: (config: { readonly cases?: readonly { readonly handle: string }[] }) => [
      ...(Array.isArray(config.cases) ? config.cases.map((switchCase) => switchCase.handle) : []),
      SWITCH_DEFAULT_HANDLE,
    ],
    defaultConfig: { value: "{{ input.status }}", cases: [{ handle: "new", equals: "new" }] },
  },
  join: {
    type: "join",
    label: "Join",
    description: "Waits for all, any, or n of the incoming branches and combines their outputs.",
    category: "flow",
    inputHandles: STANDARD_INPUTS,
    outputHandles: STANDARD_OUTPUTS,
    defaultConfig: { mode: "all", aggregate: "object" },
  },
  loop: {
    type: "loop",
    label: "Loop",
    description: "Repeats the steps on its body branch for each item, while a condition holds, or n times.",
    category: "flow",
    inputHandles: STANDARD_INPUTS,
    outputHandles: [LOOP_BODY_HANDLE, "done"],
    regionHandles: [LOOP_BODY_HANDLE],
    defaultConfig: { mode: "for", items: "{{ input.items }}", maxIterations: 10_000, concurrency: 1 },
  },
  break: {
    type: "break",
    label: "Break",
    description: "Stops the loop it is in; the loop continues on done with the results so far.",
    category: "flow",
    inputHandles: STANDARD_INPUTS,
    outputHandles: NO_OUTPUTS,
    defaultConfig: {},
  },
  continue: {
    type: "continue",
    label: "Continue",
    description: "Skips the rest of the current loop iteration.",
    category: "flow",
    inputHandles: STANDARD_INPUTS,
    outputHandles: NO_OUTPUTS,
    defaultConfig: {},
  },
  transform: {
    type: "transform",
    label: "Transform",
    description: "Maps, filters or reduces a list, merges objects, or splits a list into chunks.",
    category: "data",
    inputHandles: STANDARD_INPUTS,
    outputHandles: STANDARD_OUTPUTS,
    defaultConfig: { op: "map", items: "{{ input }}", expression: "{{ item }}" },
  },
  delay: {
    type: "delay",
    label: "Delay",
    description: "Waits a number of seconds before continuing.",
    category: "flow",
    inputHandles: STANDARD_INPUTS,
    outputHandles: STANDARD_OUTPUTS,
    defaultConfig: { seconds: 60 },
  },
  wait: {
    type: "wait",
    label: "Wait until",
    description: "Waits until a date and time before continuing.",
    category: "flow",
    inputHandles: STANDARD_INPUTS,
    outputHandles: STANDARD_OUTPUTS,
    defaultConfig: { until: "{{ input.resumeAt }}" },
  },
  "variable.set": {
    type: "variable.set",
    label: "Set variable",
    description: "Stores a value in a variable that later steps can read.",
    category: "data",
    inputHandles: STANDARD_INPUTS,
    outputHandles: STANDARD_OUTPUTS,
    defaultConfig: { name: "counter", value: 0, scope: "workflow" },
  },
  "variable.get": {
    type: "variable.get",
    label: "Get variable",
    description: "Outputs the value of a variable.",
    category: "data",
    inputHandles: STANDARD_INPUTS,
    outputHandles: STANDARD_OUTPUTS,
    defaultConfig: { name: "counter" },
  },
  try: {
    type: "try",
    label: "Try / catch",
    description: "Runs steps and handles their errors on the catch branch; finally always runs.",
    category: "flow",
    inputHandles: STANDARD_INPUTS,
    outputHandles: [...TRY_REGION_HANDLES, "out"],
    regionHandles: TRY_REGION_HANDLES,
    defaultConfig: {},
  },
  subworkflow: {
    type: "subworkflow",
    label: "Run workflow",
    description: "Runs another workflow and outputs its result.",
    category: "actions",
    inputHandles: STANDARD_INPUTS,
    outputHandles: STANDARD_OUTPUTS,
    defaultConfig: { workflowId: "{{ input.workflowId }}", waitForCompletion: true },
  },
  approval: {
    type: "approval",
    label: "Approval",
    description: "Asks a person to approve or reject, then continues on the matching branch.",
    category: "people",
    inputHandles: STANDARD_INPUTS,
    outputHandles: ["approved", "rejected"],
    defaultConfig: { title: "Please review", onTimeout: "reject" },
  },
  fail: {
    type: "fail",
    label: "Fail",
    description: "Stops this branch with an error message.",
    category: "flow",
    inputHandles: STANDARD_INPUTS,
    outputHandles: NO_OUTPUTS,
    defaultConfig: { message: "Something went wrong" },
  },
  output: {
    type: "output",
    label: "Output",
    description: "Sets the result of the workflow.",
    category: "flow",
    inputHandles: STANDARD_INPUTS,
    outputHandles: STANDARD_OUTPUTS,
    defaultConfig: { value: "{{ input }}" },
  },
} satisfies { [Type in NodeType]: NodeMeta<Type> };

const NODE_TYPE_SET: ReadonlySet<string> = new Set(NODE_TYPES);

export function isNodeType(type: unknown): type is NodeType {
  return typeof type === "string" && NODE_TYPE_SET.has(type);
}

export function isTriggerType(type: unknown): type is TriggerType {
  return isNodeType(type) && nodeMeta[type].category === "triggers";
}

/** Output handles of a node, given its parsed config (a switch's depend on its cases). */
export function getOutputHandles<Type extends NodeType>(node: {
  readonly type: Type;
  readonly config: NodeConfig<Type>;
}): readonly string[] {
  const handles: NodeMeta["outputHandles"] = nodeMeta[node.type].outputHandles;
  return typeof handles === "function" ? handles(node.config) : handles;
}

/** True when a type's output handles are the same whatever its config. */
export function hasFixedOutputHandles(type: NodeType): boolean {
  return typeof nodeMeta[type].outputHandles !== "function";
}

export function getInputHandles(type: NodeType): readonly string[] {
  return nodeMeta[type].inputHandles;
}

/** Output handles that open regions owned by a node of this type (none for unknown types). */
export function getRegionHandles(type: string): readonly string[] {
  if (!isNodeType(type)) return [];
  const meta: NodeMeta = nodeMeta[type];
  return meta.regionHandles ?? [];
}
