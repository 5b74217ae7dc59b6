import type { NodeType } from "@/engine/nodes/registry";
import type { WorkflowNode } from "../document-to-flow";
import { configKeys, configList, configText, joinParts } from "./config-text";

type Summarise = (node: WorkflowNode) => string | undefined;

/**
 * The one line a node card shows about a node's configuration, per type: what
 * a business user needs to tell two nodes of the same type apart at a glance
 * (the URL, the condition, who approves). Undefined when there is nothing to
 * say (a manual trigger, a break). Declared for every NodeType, so a new type
 * does not compile until it has a summary.
 */
const summaries = {
  "trigger.manual": () => undefined,
  "trigger.webhook": (node) => (configText(node, "secret") === undefined ? undefined : "secret required"),
  "trigger.schedule": (node) => joinParts([configText(node, "cron"), configText(node, "timezone")], " · "),
  set: (node) => configKeys(node, "values"),
  code: (node) => configText(node, "code"),
  "http.request": (node) => joinParts([configText(node, "method"), configText(node, "url")]),
  if: (node) => configText(node, "condition"),
  switch: (node) => configText(node, "value"),
  join: (node) => {
    const mode = configText(node, "mode");
    const n = configText(node, "n");
    const waitFor =
      mode === "all" ? "wait for all"
      : mode === "any" ? "first to arrive"
      : mode === "n_of_m" ? `first ${n ?? "n"}`
      : mode;
    const aggregate = configText(node, "aggregate");
    return joinParts([waitFor, aggregate && `as ${aggregate}`], " · ");
  },
  loop: (node) => {
    switch (configText(node, "mode")) {
      case "repeat": {
        const times = configText(node, "times");
        return times && `repeat ${times}×`;
      }
      case "while":
        return joinParts(["while", configText(node, "condition")]);
      case "for":
        return joinParts(["for each", configText(node, "items")]);
      default:
        return undefined;
    }
  },
  break: () => undefined,
  continue: () => undefined,
  transform: (node) => joinParts([configText(node, "op"), configText(node, "expression")], ": "),
  delay: (node) => {
    const seconds = configText(node, "seconds");
    return seconds && `${seconds} s`;
  },
  wait: (node) => {
    const until = configText(node, "until");
    return until && `until ${until}`;
  },
  "variable.set": (node) => {
    const assignment = joinParts([configText(node, "name"), configText(node, "value")], " = ");
    const scope = configText(node, "scope");
    return joinParts([assignment, scope && `(${scope})`]);
  },
  "variable.get": (node) => configText(node, "name"),
  try: () => undefined,
  subworkflow: (node) => configText(node, "workflowId"),
  approval: (node) => {
    const who = configList(node, "assignees") ?? configText(node, "assignees");
    return joinParts([configText(node, "title"), who && `→ ${who}`]);
  },
  fail: (node) => configText(node, "message"),
  output: (node) => configText(node, "value"),
} satisfies Record<NodeType, Summarise>;

export function nodeSummary(node: WorkflowNode): string | undefined {
  const summarise: Summarise = summaries[node.type];
  return summarise(node);
}
