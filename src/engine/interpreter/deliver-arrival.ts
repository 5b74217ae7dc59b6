import type { Json } from "../execution-types";
import type { GraphEdge } from "../graph";
import { runKeyOf, type Arrival, type Instance } from "./interpreter-state";
import { mergeInto, type JsonObject } from "./json-values";
import { frameAt, nextSeq, recordRun, type Step } from "./step";

/**
 * An edge fires into the instance of its target in a frame.
 *
 * 1. The target's instance is created `pending` on its first arrival. An
 *    instance that is no longer pending (ready, started, finished, or a
 *    cancelled tombstone) ignores arrivals: that is how a join ignores late
 *    branches.
 * 2. The arrival is recorded per edge, live (with output and node-scoped
 *    variables) or dead.
 * 3. A join decides for itself when it fires (mode all/any/n_of_m), see
 *    `joinIsDecided`. Any other node waits until every incoming edge arrived.
 * 4. All arrivals dead → the node is skipped and its flow edges fire dead
 *    (dead-path elimination). Otherwise it becomes ready with input:
 *    - one distinct predecessor: that predecessor's output;
 *    - several: an object keyed by the ids of the live predecessors, in
 *      incoming-edge (document) order;
 *    and node-scoped variables merged over the live arrivals in the same order.
 * Delivering never runs a node and never raises an error: ready instances go
 * on the step's queue, so a failure can never interrupt a half-fired fan-out.
 */
export function deliverArrival(
  step: Step,
  frameKey: string,
  edge: GraphEdge,
  live: boolean,
  output: Json,
  vars: Record<string, Json> | undefined,
): void {
  const frame = frameAt(step, frameKey);
  if (frame === undefined) return;
  let instance = frame.instances[edge.target];
  if (instance === undefined) {
    instance = { nodeId: edge.target, status: "pending", attempt: 1, arrivals: {} };
    frame.instances[edge.target] = instance;
  }
  if (instance.status !== "pending") return;
  const arrivals = (instance.arrivals ??= {});
  const arrival: Arrival = { from: edge.source, live, seq: nextSeq(step) };
  if (live) {
    arrival.output = output;
    if (vars !== undefined && Object.keys(vars).length > 0) arrival.vars = vars;
  }
  arrivals[String(edge.index)] = arrival;

  const incoming = step.wf.incoming(edge.target);
  const arrived = incoming.filter((e) => arrivals[String(e.index)] !== undefined);
  const liveOnes = arrived.filter((e) => arrivals[String(e.index)]?.live === true);
  const isJoin = step.wf.node(edge.target).type === "join";
  if (isJoin ? !joinIsDecided(step, edge.target, incoming.length, arrived.length, liveOnes.length) : arrived.length < incoming.length) {
    return;
  }
  if (liveOnes.length === 0 && arrived.length === incoming.length) {
    skipInstance(step, frameKey, instance);
    return;
  }
  const liveArrivals = liveOnes.map((e) => arrivals[String(e.index)]).filter((a): a is Arrival => a !== undefined);
  const input = isJoin ? keyedByPredecessor([...liveArrivals].sort((a, b) => a.seq - b.seq)) : inputOf(step, edge.target, liveArrivals);
  markReady(step, frameKey, instance, input, mergedVars(liveArrivals));
  if (!isJoin) delete instance.arrivals;
}

/**
 * all: every incoming edge arrived; any: one live arrival (or all arrived);
 * n_of_m: n live arrivals, or too few can still arrive (the join then runs and
 * raises the error itself, see run-join.ts), or all arrived.
 */
function joinIsDecided(step: Step, joinId: string, total: number, arrived: number, live: number): boolean {
  const node = step.wf.node(joinId);
  if (node.type !== "join") return arrived === total;
  if (arrived === total) return true;
  if (node.config.mode === "any") return live >= 1;
  if (node.config.mode === "n_of_m") {
    const n = node.config.n ?? 1;
    return live >= n || live + (total - arrived) < n;
  }
  return false;
}

function inputOf(step: Step, nodeId: string, liveArrivals: readonly Arrival[]): Json {
  if (step.wf.predecessors(nodeId).length === 1) return liveArrivals[0]?.output ?? null;
  return keyedByPredecessor(liveArrivals);
}

function keyedByPredecessor(arrivals: readonly Arrival[]): JsonObject {
  const keyed: JsonObject = {};
  for (const arrival of arrivals) keyed[arrival.from] = arrival.output ?? null;
  return keyed;
}

function mergedVars(arrivals: readonly Arrival[]): Record<string, Json> | undefined {
  const merged: Record<string, Json> = {};
  for (const arrival of arrivals) mergeInto(merged, arrival.vars ?? {});
  return Object.keys(merged).length > 0 ? merged : undefined;
}

export function markReady(
  step: Step,
  frameKey: string,
  instance: Instance,
  input: Json,
  vars: Record<string, Json> | undefined,
): void {
  instance.status = "ready";
  instance.input = input;
  if (vars !== undefined) instance.vars = vars;
  step.queue.push(runKeyOf(frameKey, instance.nodeId));
}

/** Dead-path elimination: record the skip and fire every flow edge dead. Regions of a skipped loop/try never open. */
export function skipInstance(step: Step, frameKey: string, instance: Instance): void {
  instance.status = "skipped";
  delete instance.arrivals;
  recordRun(step, runKeyOf(frameKey, instance.nodeId), instance, "skipped");
  fireFlowEdges(step, frameKey, instance.nodeId, null, null, undefined);
}

/** Fires the node's flow edges: those leaving `liveHandle` live, every other one dead. */
export function fireFlowEdges(
  step: Step,
  frameKey: string,
  nodeId: string,
  liveHandle: string | null,
  output: Json,
  vars: Record<string, Json> | undefined,
): void {
  for (const edge of step.wf.flowEdges(nodeId)) {
    deliverArrival(step, frameKey, edge, edge.sourceHandle === liveHandle, output, vars);
  }
}

/** Opens a region: every edge leaving the owner's region handle fires live into `intoFrameKey`. */
export function fireRegionEdges(
  step: Step,
  intoFrameKey: string,
  ownerId: string,
  handle: string,
  entry: Json,
  vars: Record<string, Json> | undefined,
): void {
  for (const edge of step.wf.regionEdges(ownerId, handle)) deliverArrival(step, intoFrameKey, edge, true, entry, vars);
}
