import type { LiveEvent } from "@/lib/live-events";

/**
 * What the canvas shows about one execution, computed from its event log
 * (`node.<status>` and `execution.<status>` events, in seq order). Pure: the
 * run-view store feeds it every batch the live client accepts.
 *
 * Terminology:
 * - instance — one run of a node: its `runKey` (`each#2/fetch` in a loop's
 *   second iteration). Retries are attempts of the same instance.
 * - latest instance — the instance that started last; the node shows its
 *   status, unless another instance is still active (a parallel loop), which
 *   shows as running/waiting instead of a finished sibling's status.
 * - duration — per instance, from its first start event (`node.queued`,
 *   `node.running`, `node.waiting`) to its last terminal event, retries and
 *   their waits included; an instance recorded only by its terminal event ran
 *   inside one engine step and counts 0. A node's duration is the total of its
 *   instances (a loop body: the time spent in all iterations).
 * - iteration — a loop's iteration is seen as the `<loopId>#<index>` segment in
 *   the run keys of its body's instances; a loop counts each distinct path to
 *   such a segment (an inner loop: its iterations in every outer iteration).
 */
export type NodeRunStatus = "queued" | "running" | "waiting" | "succeeded" | "failed" | "skipped" | "cancelled";
const NODE_RUN_STATUSES: readonly string[] = ["queued", "running", "waiting", "succeeded", "failed", "skipped", "cancelled"];
const ACTIVE: ReadonlySet<NodeRunStatus> = new Set(["queued", "running", "waiting"]);

export type NodeRunView = {
  status: NodeRunStatus;
  /** Instances: loop iterations; retries of one instance count once. */
  runs: number;
  /** For a loop: the iterations its body has started so far (0 otherwise). */
  iterations: number;
  durationMs: number | null;
  error: string | null;
};

type Instance = { status: NodeRunStatus; startedAt: number | null; endedAt: number | null; error: string | null };

/** Per node, its instances in the order they first appeared. */
export type RunViewState = {
  nodes: Record<string, { instances: Map<string, Instance>; view: NodeRunView }>;
  /** Per loop id, the iteration paths seen (`outer#0/each#2`). */
  iterations: Record<string, ReadonlySet<string>>;
  /** The latest `execution.<status>` seen, or null before any. */
  executionStatus: string | null;
};

export const emptyRunView = (): RunViewState => ({ nodes: {}, iterations: {}, executionStatus: null });

type NodePayload = { runKey?: unknown; nodeId?: unknown; error?: unknown };

/** Fold a batch of events (new ones only, in seq order) into the state. Returns a new state object. */
export function reduceRunView(state: RunViewState, events: readonly LiveEvent[]): RunViewState {
  if (events.length === 0) return state;
  // Copies of the instance maps this batch changes: earlier states stay as they were.
  const changed = new Map<string, Map<string, Instance>>();
  const iterations = new Map<string, Set<string>>();
  let executionStatus = state.executionStatus;
  for (const event of events) {
    if (event.type.startsWith("execution.")) {
      executionStatus = event.type.slice("execution.".length);
      continue;
    }
    const status = event.type.slice("node.".length);
    if (!event.type.startsWith("node.") || !NODE_RUN_STATUSES.includes(status)) continue;
    const payload = (event.payload ?? {}) as NodePayload;
    if (typeof payload.nodeId !== "string" || typeof payload.runKey !== "string") continue;
    let instances = changed.get(payload.nodeId);
    if (!instances) {
      instances = new Map(state.nodes[payload.nodeId]?.instances);
      changed.set(payload.nodeId, instances);
    }
    applyNodeEvent(instances, payload.runKey, status as NodeRunStatus, Date.parse(event.at), errorMessage(payload.error));
    noteIterations(iterations, state.iterations, payload.runKey);
  }
  const nodes = { ...state.nodes };
  for (const [nodeId, instances] of changed) nodes[nodeId] = { instances, view: summarise(instances, 0) };
  const allIterations = { ...state.iterations, ...Object.fromEntries(iterations) };
  for (const loopId of new Set([...iterations.keys(), ...changed.keys()])) {
    const entry = nodes[loopId];
    const count = allIterations[loopId]?.size ?? 0;
    if (entry && count !== entry.view.iterations) nodes[loopId] = { ...entry, view: { ...entry.view, iterations: count } };
  }
  return { nodes, iterations: allIterations, executionStatus };
}

/** Record the loop iterations a run key lies in: every `<loopId>#<index>` segment but the last one. */
function noteIterations(changed: Map<string, Set<string>>, before: RunViewState["iterations"], runKey: string): void {
  const segments = runKey.split("/");
  for (let i = 0; i < segments.length - 1; i++) {
    const segment = segments[i]!;
    const hash = segment.lastIndexOf("#");
    if (hash <= 0) continue;
    const loopId = segment.slice(0, hash);
    let seen = changed.get(loopId);
    if (!seen) {
      seen = new Set(before[loopId]);
      changed.set(loopId, seen);
    }
    seen.add(segments.slice(0, i + 1).join("/"));
  }
}

function applyNodeEvent(instances: Map<string, Instance>, runKey: string, status: NodeRunStatus, at: number, error: string | null): void {
  const previous = instances.get(runKey);
  const startedAt = previous?.startedAt ?? (ACTIVE.has(status) ? at : null); // an active status is a start
  instances.set(runKey, {
    status,
    startedAt,
    endedAt: ACTIVE.has(status) ? null : at,
    error: status === "failed" || status === "cancelled" ? error : null,
  });
}

function summarise(instances: Map<string, Instance>, iterations: number): NodeRunView {
  const all = [...instances.values()];
  const latest = all.at(-1)!;
  const active = [...all].reverse().find((instance) => ACTIVE.has(instance.status));
  const shown = active ?? latest;
  let durationMs: number | null = null;
  for (const instance of all) {
    if (instance.endedAt === null || instance.status === "skipped") continue;
    durationMs = (durationMs ?? 0) + (instance.startedAt === null ? 0 : Math.max(0, instance.endedAt - instance.startedAt));
  }
  return { status: shown.status, runs: instances.size, iterations, durationMs, error: shown.error };
}

function errorMessage(error: unknown): string | null {
  if (error && typeof error === "object" && typeof (error as { message?: unknown }).message === "string") return (error as { message: string }).message;
  return null;
}

/**
 * Did the run go along this edge? True when its source succeeded and its
 * target ran and was not skipped (a branch not taken leaves its targets skipped).
 */
export function isEdgeTaken(state: RunViewState, edge: { source: string; target: string }): boolean {
  const source = state.nodes[edge.source]?.view;
  const target = state.nodes[edge.target]?.view;
  return source?.status === "succeeded" && target !== undefined && target.status !== "skipped";
}
