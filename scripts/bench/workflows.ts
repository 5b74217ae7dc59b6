/**
 * The workflow documents the scenarios run (WORKFLOW_FORMAT v1). They are
 * stored through the product's workflow service, so executions run from an
 * immutable version the worker caches (as executions started from the UI/API do).
 */
type Node = { id: string; type: string; config: Record<string, unknown> };
type Edge = { source: string; target: string; sourceHandle?: string };
type Doc = { version: 1; name: string; nodes: Node[]; edges: Edge[] };

const trigger: Node = { id: "start", type: "trigger.manual", config: {} };

function chainOf(name: string, nodes: Node[]): Doc {
  const all = [trigger, ...nodes];
  return { version: 1, name, nodes: all, edges: all.slice(1).map((n, i) => ({ source: all[i]!.id, target: n.id })) };
}

/** 40 sequential pure nodes, alternating `set` (an expression) and `code`; the result is `{ n: 40 }`. */
export function chain40(): Doc {
  const nodes = Array.from({ length: 40 }, (_, i): Node =>
    i % 2 === 0
      ? { id: `s${i}`, type: "set", config: { values: { n: "{{ input.n + 1 }}" } } }
      : { id: `c${i}`, type: "code", config: { code: "return { n: input.n + 1 };" } },
  );
  return chainOf("bench chain40", nodes);
}

/** 40 sequential `http.request` effect nodes against `trigger.baseUrl`: each one a durable step. */
export function chain40Http(): Doc {
  const nodes = Array.from({ length: 40 }, (_, i): Node => ({
    id: `h${i}`,
    type: "http.request",
    config: { method: "GET", url: `{{ trigger.baseUrl }}/step/${i}` },
  }));
  return chainOf("bench chain40-http", nodes);
}

/** trigger → 100 parallel `code` nodes → join (all, array). */
export function fanout100(): Doc {
  const branches = Array.from({ length: 100 }, (_, i): Node => ({
    id: `b${i}`,
    type: "code",
    config: { code: `return { i: ${i}, v: trigger.x * ${i} };` },
  }));
  const join: Node = { id: "all", type: "join", config: { mode: "all", aggregate: "array" } };
  return {
    version: 1,
    name: "bench fanout100",
    nodes: [trigger, ...branches, join],
    edges: [...branches.map((b) => ({ source: "start", target: b.id })), ...branches.map((b) => ({ source: b.id, target: "all" }))],
  };
}

/** `loop` for over `trigger.items` with a `code` body; the result is the array of iteration results. */
export function loop1000(): Doc {
  return {
    version: 1,
    name: "bench loop1000",
    nodes: [
      trigger,
      { id: "each", type: "loop", config: { mode: "for", items: "{{ trigger.items }}" } },
      { id: "double", type: "code", config: { code: "return loop.item * 2;" } },
      { id: "result", type: "output", config: { value: "{{ input }}" } },
    ],
    edges: [
      { source: "start", target: "each" },
      { source: "each", sourceHandle: "body", target: "double" },
      { source: "each", sourceHandle: "done", target: "result" },
    ],
  };
}

/** Waits 5 s (a scheduled job, no worker slot), then sets a field. */
export function delay5s(): Doc {
  return chainOf("bench delay5s", [
    { id: "pause", type: "delay", config: { seconds: 5 } },
    { id: "mark", type: "set", config: { values: { waited: true } } },
  ]);
}

/** The 3-node workflow of the throughput scenario (examples/hello.json's shape). */
export function hello3(): Doc {
  return chainOf("bench hello3", [
    { id: "greet", type: "set", config: { values: { greeting: "Hello, {{ trigger.name }}!" } } },
    { id: "result", type: "output", config: { value: "{{ input.greeting }}" } },
  ]);
}

export const BENCH_WORKFLOWS = { chain40, chain40Http, fanout100, loop1000, delay5s, hello3 } as const;
export type BenchWorkflowName = keyof typeof BENCH_WORKFLOWS;
