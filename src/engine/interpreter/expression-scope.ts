import type { Json } from "../execution-types";
import { ROOT_FRAME, type Frame } from "./interpreter-state";
import { mergeInto, type JsonObject } from "./json-values";
import type { Step } from "./step";

/**
 * What an expression (or a code node) sees, for a node instance in a frame:
 *   input      the instance's input
 *   trigger    the execution's input
 *   nodes      id → output of completed nodes. The latest output of every node,
 *              overlaid with the outputs of the frames enclosing this instance
 *              (outer to inner), so inside a loop body the CURRENT iteration's
 *              outputs shadow earlier iterations'.
 *   vars       visible variables: workflow, then loop frames outer → inner, then
 *              node-scoped ones (later wins, i.e. lookup node → loop inner→outer → workflow)
 *   loop       `{ item, index, parent }` of the innermost iteration (parent: the
 *              enclosing loop's, or null); null outside loops
 *   error      inside a catch region: the caught `{ message, nodeId, type }`; else null
 *   execution  `{ id, startedAt, mode }`
 * Keys always exist (null when not applicable) so `loop?.index` never throws.
 */
export function buildScope(
  step: Step,
  frameKey: string,
  nodeId: string,
  input: Json,
  nodeVars: Record<string, Json> | undefined,
): Record<string, Json> {
  const chain = frameChain(step, frameKey);
  const nodes: JsonObject = { ...step.state.engine.latestOutputs };
  for (const { frame } of [...chain].reverse()) {
    for (const [id, instance] of Object.entries(frame.instances)) {
      if (instance.status === "succeeded" && instance.output !== undefined) nodes[id] = instance.output;
    }
  }
  return {
    input,
    trigger: step.state.input,
    nodes,
    vars: visibleVariables(step, frameKey, nodeVars),
    loop: loopScopeOf(step, frameKey),
    error: caughtErrorFor(step, frameKey, nodeId),
    execution: { id: step.ctx.executionId, startedAt: step.ctx.startedAt, mode: step.ctx.mode },
  };
}

/** The frame and its ancestors, innermost first. */
export function frameChain(step: Step, frameKey: string): { key: string; frame: Frame }[] {
  const chain: { key: string; frame: Frame }[] = [];
  for (let key: string | null = frameKey; key !== null; ) {
    const frame: Frame | undefined = step.state.engine.frames[key];
    if (frame === undefined) break;
    chain.push({ key, frame });
    key = frame.parent;
  }
  return chain;
}

export function loopScopeOf(step: Step, frameKey: string): Json {
  const frame = step.state.engine.frames[frameKey];
  if (frame === undefined || frame.parent === null) return null;
  return { item: frame.item, index: frame.index, parent: loopScopeOf(step, frame.parent) };
}

export function visibleVariables(step: Step, frameKey: string, nodeVars: Record<string, Json> | undefined): JsonObject {
  const merged: JsonObject = mergeInto({}, step.state.engine.workflowVars);
  for (const { key, frame } of frameChain(step, frameKey).reverse()) if (key !== ROOT_FRAME) mergeInto(merged, frame.vars);
  return mergeInto(merged, nodeVars ?? {});
}

/** Lookup order: node → loop (inner to outer) → workflow. */
export function lookupVariable(
  step: Step,
  frameKey: string,
  nodeVars: Record<string, Json> | undefined,
  name: string,
): { found: true; value: Json } | { found: false } {
  if (nodeVars !== undefined && Object.hasOwn(nodeVars, name)) return { found: true, value: nodeVars[name] ?? null };
  for (const { key, frame } of frameChain(step, frameKey)) {
    if (key !== ROOT_FRAME && Object.hasOwn(frame.vars, name)) return { found: true, value: frame.vars[name] ?? null };
  }
  const workflowVars = step.state.engine.workflowVars;
  if (Object.hasOwn(workflowVars, name)) return { found: true, value: workflowVars[name] ?? null };
  return { found: false };
}

/** The frame, among `frameKey` and its ancestors, that holds instances of `nodeId`. */
export function frameKeyOfNode(step: Step, frameKey: string, nodeId: string): string | undefined {
  const loopId = step.wf.innermostLoop(nodeId);
  return frameChain(step, frameKey).find(({ frame }) => frame.loopNodeId === loopId)?.key;
}

/** The error caught by the innermost try whose catch region contains the node, or null. */
export function caughtErrorFor(step: Step, frameKey: string, nodeId: string): Json {
  const region = step.wf.enclosingRegions(nodeId).find((r) => r.handle === "catch" && step.wf.node(r.owner).type === "try");
  if (region === undefined) return null;
  const ownerFrame = frameKeyOfNode(step, frameKey, region.owner);
  const owner = ownerFrame === undefined ? undefined : step.state.engine.frames[ownerFrame]?.instances[region.owner];
  return owner?.try?.caught ?? null;
}
