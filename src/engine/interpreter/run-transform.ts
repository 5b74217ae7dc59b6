import type { EngineError, Json } from "../execution-types";
import { containsExpression } from "../expression";
import type { WorkflowNodeOf } from "../workflow-schema";
import { describeJson, isJsonObject, isTruthy, mergeInto, type JsonObject } from "./json-values";
import { evaluateTemplate, nodeError, resolveConfig, resolveValue } from "./resolve-config";
import type { NodeOutcome } from "./run-pure-node";
import type { Step } from "./step";

/**
 * The transform node. `items`, `initial` and `size` are evaluated once;
 * `expression` per item with `item` and `index` (and `acc` for reduce) added to
 * the scope. `items` must be a list.
 *
 * - map: the expression's value per item.
 * - filter: the items for which the expression is truthy.
 * - reduce: `acc` starts at `initial`; with no `initial`, like JavaScript's
 *   reduce, at the first item (from index 1), and an empty list is an error.
 * - merge: `sources` shallow-merged in order into one object. Each source is
 *   a value (usually an expression, e.g. `{{ nodes.a }}`), or a plain string
 *   naming a node, which stands for that node's output (`["a", "b"]` merges the
 *   outputs of nodes a and b). Every source must be an object.
 * - split: `items` in chunks of `size` (the last may be shorter).
 */
export function runTransform(step: Step, scope: Record<string, Json>, node: WorkflowNodeOf<"transform">): NodeOutcome {
  const config = resolveConfig(step.sandbox, node.id, node.config, scope, ["expression", "sources"]);
  if (!config.ok) return config;
  const { op } = node.config;
  if (op === "merge") return mergeSources(step, scope, node);
  const items = config.value.items;
  if (!Array.isArray(items)) return failed(nodeError(node.id, `config.items: expected a list, got ${describeJson(items)}`));
  if (op === "split") {
    const size = config.value.size;
    if (typeof size !== "number" || !Number.isInteger(size) || size < 1) {
      return failed(nodeError(node.id, `config.size: expected a whole number ≥ 1, got ${describeJson(size)}`));
    }
    const chunks: Json[] = [];
    for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
    return { ok: true, output: chunks, handle: "out" };
  }
  const expression = node.config.expression ?? "";
  const perItem = (extra: Record<string, Json>, index: number) => {
    const result = evaluateTemplate(step.sandbox, node.id, expression, { ...scope, ...extra }, ["config", "expression"]);
    if (!result.ok) result.error.message += ` (item ${index})`;
    return result;
  };
  if (op === "map" || op === "filter") {
    const output: Json[] = [];
    for (const [index, item] of items.entries()) {
      const result = perItem({ item, index }, index);
      if (!result.ok) return result;
      if (op === "map") output.push(result.value);
      else if (isTruthy(result.value)) output.push(item);
    }
    return { ok: true, output, handle: "out" };
  }
  const hasInitial = node.config.initial !== undefined;
  if (!hasInitial && items.length === 0) {
    return failed(nodeError(node.id, "cannot reduce an empty list without config.initial"));
  }
  let acc: Json = hasInitial ? (config.value.initial ?? null) : (items[0] ?? null);
  for (let index = hasInitial ? 0 : 1; index < items.length; index++) {
    const result = perItem({ item: items[index] ?? null, index, acc }, index);
    if (!result.ok) return result;
    acc = result.value;
  }
  return { ok: true, output: acc, handle: "out" };
}

function mergeSources(step: Step, scope: Record<string, Json>, node: WorkflowNodeOf<"transform">): NodeOutcome {
  const raw = node.config.sources;
  let sources: { value: Json; where: string }[];
  if (Array.isArray(raw)) {
    sources = [];
    for (const [index, source] of raw.entries()) {
      const where = `config.sources[${index}]`;
      if (typeof source === "string" && !containsExpression(source) && step.wf.graph.nodeTypes.has(source)) {
        const nodes = scope.nodes;
        const output = isJsonObject(nodes ?? null) ? (nodes as JsonObject)[source] : undefined;
        if (output === undefined) return failed(nodeError(node.id, `${where}: node ${source} has no output yet`));
        sources.push({ value: output, where });
        continue;
      }
      const resolved = resolveValue(step.sandbox, node.id, source, scope, ["config", "sources", index]);
      if (!resolved.ok) return resolved;
      sources.push({ value: resolved.value, where });
    }
  } else {
    const resolved = resolveValue(step.sandbox, node.id, raw, scope, ["config", "sources"]);
    if (!resolved.ok) return resolved;
    if (!Array.isArray(resolved.value)) {
      return failed(nodeError(node.id, `config.sources: expected a list, got ${describeJson(resolved.value)}`));
    }
    sources = resolved.value.map((value, index) => ({ value, where: `config.sources[${index}]` }));
  }
  const merged: JsonObject = {};
  for (const { value, where } of sources) {
    if (!isJsonObject(value)) return failed(nodeError(node.id, `${where}: expected an object to merge, got ${describeJson(value)}`));
    mergeInto(merged, value);
  }
  return { ok: true, output: merged, handle: "out" };
}

function failed(error: EngineError): NodeOutcome {
  return { ok: false, error };
}
