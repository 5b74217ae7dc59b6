import type { LiveEvent, LiveExecutionStatus, NodeEvent } from "@/lib/live-events";

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
 * - fired handles — per node, the output handles any of its instances fired
 *   along (`node.succeeded` payload `handles`; in a loop, the union over the
 *   iterations): the edges leaving them are the path taken. "guess" when a
 *   succeeded event did not say (events written before it was recorded).
 *
 * Events arrive parsed (read-live-event.ts, in the live feed's chunk); only
 * their types are imported here, so the editor's first load stays free of zod.
 */
export type NodeRunStatus = "queued" | "running" | "waiting" | "succeeded" | "failed" | "skipped" | "cancelled";
const ACTIVE: ReadonlySet<NodeRunStatus> = new Set(["queued", "running", "waiting"]);

/** The status each node event records; a status the schema adds fails to compile until it is mapped. */
const NODE_STATUS = {
  "node.running": "running",
  "node.waiting": "waiting",
  "node.succeeded": "succeeded",
  "node.failed": "failed",
  "node.skipped": "skipped",
  "node.cancelled": "cancelled",
} as const satisfies Record<NodeEvent["type"], NodeRunStatus>;

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

type FiredHandles = ReadonlySet<string> | "guess";

/** Per node, its instances in the order they first appeared, and the handles it fired (null: none succeeded yet). */
export type RunViewState = {
  nodes: Record<string, { instances: Map<string, Instance>; view: NodeRunView; fired: FiredHandles | null }>;
  /** Per loop id, the iteration paths seen (`outer#0/each#2`). */
  iterations: Record<string, ReadonlySet<string>>;
  /** The latest `execution.<status>` seen, or null before any. */
  executionStatus: LiveExecutionStatus | null;
};

export const emptyRunView = (): RunViewState => ({ nodes: {}, iterations: {}, executionStatus: null });

/** Fold a batch of events (new ones only, in seq order) into the state. Returns a new state object. */
export function reduceRunView(state: RunViewState, events: readonly LiveEvent[]): RunViewState {
  if (events.length === 0) return state;
  // Copies of the instance maps this batch changes: earlier states stay as they were.
  const changed = new Map<string, Map<string, Instance>>();
  const fired = new Map<string, FiredHandles | null>();
  const iterations = new Map<string, Set<string>>();
  let executionStatus = state.executionStatus;
  for (const event of events) {
    if (event.type === "unreadable") continue; // read-live-event.ts already said why
    if (!isNodeEvent(event)) {
      executionStatus = event.payload.status;
      continue;
    }
    const { nodeId, runKey, error } = event.payload;
    let instances = changed.get(nodeId);
    if (!instances) {
      instances = new Map(state.nodes[nodeId]?.instances);
      changed.set(nodeId, instances);
      fired.set(nodeId, state.nodes[nodeId]?.fired ?? null);
    }
    const status = NODE_STATUS[event.type];
    applyNodeEvent(instances, runKey, status, Date.parse(event.at), error?.message ?? null);
    if (event.type === "node.succeeded") fired.set(nodeId, addFired(fired.get(nodeId) ?? null, event.payload.handles));
    noteIterations(iterations, state.iterations, runKey);
  }
  const nodes = { ...state.nodes };
  for (const [nodeId, instances] of changed) nodes[nodeId] = { instances, view: summarise(instances, 0), fired: fired.get(nodeId) ?? null };
  const allIterations = { ...state.iterations, ...Object.fromEntries(iterations) };
  for (const loopId of new Set([...iterations.keys(), ...changed.keys()])) {
    const entry = nodes[loopId];
    const count = allIterations[loopId]?.size ?? 0;
    if (entry && count !== entry.view.iterations) nodes[loopId] = { ...entry, view: { ...entry.view, iterations: count } };
  }
  return { nodes, iterations: allIterations, executionStatus };
}

const isNodeEvent = (event: LiveEvent): event is NodeEvent => event.type.startsWith("node.");

/** One more succeeded instance: its handles join the node's; one that did not say makes the node's a guess. */
function addFired(before: FiredHandles | null, handles: readonly string[] | undefined): FiredHandles {
  if (handles === undefined || before === "guess") return "guess";
  if (before !== null && handles.every((handle) => before.has(handle))) return before;
  return new Set([...(before ?? []), ...handles]);
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

/**
 * Did the run go along this edge? When the source's succeeded events name the
 * handles they fired, exactly when the edge leaves one of them (an `if` whose
 * two branches meet at one node shows only the branch taken). Otherwise (older
 * events, or no `sourceHandle` given) a guess: its source succeeded and its
 * target ran and was not skipped (a branch not taken leaves its targets skipped).
 */
export function isEdgeTaken(state: RunViewState, edge: { source: string; target: string; sourceHandle?: string | null }): boolean {
  const source = state.nodes[edge.source];
  const fired = source?.fired;
  if (fired instanceof Set && typeof edge.sourceHandle === "string") return fired.has(edge.sourceHandle);
  const target = state.nodes[edge.target]?.view;
  return source?.view.status === "succeeded" && target !== undefined && target.status !== "skipped";
}
