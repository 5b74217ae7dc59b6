import { describe, expect, it } from "vitest";
import { documentToFlow } from "@/components/canvas/document-to-flow";
import { WorkflowDocument } from "@/engine/workflow-schema";
import {
  COALESCE_MS,
  emptyHistory,
  HISTORY_LIMIT,
  recordEdit,
  redoStep,
  restoreSnapshot,
  sameJson,
  takeSnapshot,
  undoStep,
  type GraphSnapshot,
} from "./history";

/*   start ──out→in── done (output), edge with the canvas id "e1"   */
const document = WorkflowDocument.parse({
  version: 1,
  name: "History",
  settings: { priority: 3 },
  nodes: [
    { id: "start", type: "trigger.manual", position: { x: 0, y: 0 } },
    { id: "done", type: "output", config: { value: "{{ input }}" }, position: { x: 300, y: 0 } },
  ],
  edges: [{ id: "e1", source: "start", target: "done" }],
});
const { nodes: _nodes, edges: _edges, ...fields } = document;

/** A distinguishable snapshot: the document with `done` at x = `x`. */
const at = (x: number): GraphSnapshot => {
  const graph = documentToFlow(document);
  return takeSnapshot(fields, { ...graph, nodes: graph.nodes.map((n) => (n.id === "done" ? { ...n, position: { x, y: 0 } } : n)) });
};

describe("recordEdit", () => {
  it("keeps the newest HISTORY_LIMIT steps and forgets redo steps", () => {
    let history = emptyHistory();
    for (let x = 0; x < HISTORY_LIMIT + 3; x++) history = recordEdit(history, at(x));
    history = { ...history, future: [at(999)] };
    history = recordEdit(history, at(-1));
    expect(history.past).toHaveLength(HISTORY_LIMIT);
    expect(history.past[0]).toEqual(at(4));
    expect(history.future).toEqual([]);
  });

  it("joins edits with the same key less than COALESCE_MS apart into one step", () => {
    let history = recordEdit(emptyHistory(), at(1), { key: "done:config", at: 0 });
    history = recordEdit(history, at(2), { key: "done:config", at: COALESCE_MS - 1 });
    expect(history.past).toEqual([at(1)]);
    history = recordEdit(history, at(3), { key: "done:config", at: 2 * COALESCE_MS });
    history = recordEdit(history, at(4), { key: "done:name", at: 2 * COALESCE_MS + 1 });
    history = recordEdit(history, at(5));
    history = recordEdit(history, at(6), { key: "done:name", at: 2 * COALESCE_MS + 2 });
    expect(history.past).toEqual([at(1), at(3), at(4), at(5), at(6)]);
  });
});

describe("undoStep and redoStep", () => {
  it("move snapshots between past and future, and stop at the ends", () => {
    const history = recordEdit(emptyHistory(), at(1));
    const undone = undoStep(history, at(2));
    expect(undone?.snapshot).toEqual(at(1));
    expect(undone && undoStep(undone.history, at(1))).toBeNull();
    const redone = undone && redoStep(undone.history, at(1));
    expect(redone?.snapshot).toEqual(at(2));
    expect(redone && redoStep(redone.history, at(2))).toBeNull();
  });
});

describe("restoreSnapshot", () => {
  it("gives back the document, the edge ids, and keeps selection and measured sizes of surviving nodes", () => {
    const current = documentToFlow(document);
    current.nodes[1] = { ...current.nodes[1]!, selected: true, measured: { width: 240, height: 96 } };
    current.edges[0] = { ...current.edges[0]!, selected: true };
    const { fields: restoredFields, graph } = restoreSnapshot(at(700), current);
    expect(restoredFields).toEqual(fields);
    expect(graph.nodes[1]).toMatchObject({ id: "done", position: { x: 700, y: 0 }, selected: true, measured: { width: 240, height: 96 } });
    expect(graph.edges.map((edge) => [edge.id, edge.selected])).toEqual([["e1", true]]);
    expect(takeSnapshot(restoredFields, graph)).toEqual(at(700));
  });
});

describe("sameJson", () => {
  it("ignores key order and undefined fields, and nothing else", () => {
    expect(sameJson({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(sameJson({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 2 })).toBe(false);
    expect(sameJson([1, 2], [2, 1])).toBe(false);
    expect(sameJson({ a: [] }, { a: {} })).toBe(false);
    expect(sameJson(null, {})).toBe(false);
  });
});
