import type { EngineError, Json } from "../execution-types";
import type { WorkflowNodeOf } from "../workflow-schema";
import { cancelInstance } from "./cancel-instances";
import { succeedInstance } from "./complete-instance";
import { failInstance } from "./fail-instance";
import type { Arrival } from "./interpreter-state";
import { describeJson, isJsonObject, mergeInto, type JsonObject } from "./json-values";
import { nodeError } from "./resolve-config";
import { requireInstance, type Step } from "./step";

/**
 * A join that deliver-arrival.ts declared decided (all: every edge arrived;
 * any: first live arrival; n_of_m: n-th live arrival, or too few left).
 *
 * 1. n_of_m with fewer than n live arrivals (branches were skipped) → NodeError.
 * 2. Aggregate the live arrivals in arrival (completion) order:
 *    merge: shallow-merge (objects only, else NodeError); array: the outputs;
 *    first / last: one output; object: keyed by predecessor id.
 * 3. any / n_of_m: every node exclusive to this join (all of its paths lead
 *    here) that has not finished is cancelled, and a tombstone is left where
 *    none started yet, so later arrivals are ignored.
 * 4. The join succeeds on `out`. Its input (in the NodeRun) is the arrivals
 *    keyed by predecessor id.
 */
export function runJoin(step: Step, runKey: string): void {
  const { frameKey, instance } = requireInstance(step, runKey);
  const node = step.wf.node(instance.nodeId) as WorkflowNodeOf<"join">;
  const arrivals = Object.values(instance.arrivals ?? {})
    .filter((arrival) => arrival.live)
    .sort((a, b) => a.seq - b.seq);
  delete instance.arrivals;
  const { mode, aggregate } = node.config;
  const n = node.config.n ?? 1;
  if (mode === "n_of_m" && arrivals.length < n) {
    return failInstance(step, runKey, nodeError(node.id, `waits for ${n} branches but only ${arrivals.length} can arrive (the others were skipped)`));
  }
  const aggregated = aggregateArrivals(node.id, aggregate, arrivals);
  if (!aggregated.ok) return failInstance(step, runKey, aggregated.error);
  if (mode !== "all") {
    for (const loser of step.wf.exclusiveToJoin(node.id)) {
      cancelInstance(step, frameKey, loser, `join ${node.id} fired without this branch`, { tombstone: true });
    }
  }
  succeedInstance(step, runKey, aggregated.value, "out");
}

function aggregateArrivals(
  nodeId: string,
  aggregate: WorkflowNodeOf<"join">["config"]["aggregate"],
  arrivals: readonly Arrival[],
): { ok: true; value: Json } | { ok: false; error: EngineError } {
  const outputs = arrivals.map((arrival) => arrival.output ?? null);
  switch (aggregate) {
    case "array":
      return { ok: true, value: outputs };
    case "first":
      return { ok: true, value: outputs[0] ?? null };
    case "last":
      return { ok: true, value: outputs[outputs.length - 1] ?? null };
    case "object": {
      const keyed: JsonObject = {};
      for (const arrival of arrivals) keyed[arrival.from] = arrival.output ?? null;
      return { ok: true, value: keyed };
    }
    case "merge": {
      const merged: JsonObject = {};
      for (const arrival of arrivals) {
        const output = arrival.output ?? null;
        if (!isJsonObject(output)) {
          return { ok: false, error: nodeError(nodeId, `aggregate "merge" needs objects, but ${arrival.from} gave ${describeJson(output)}`) };
        }
        mergeInto(merged, output);
      }
      return { ok: true, value: merged };
    }
  }
}
