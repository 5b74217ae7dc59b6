import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { documentToFlow } from "@/components/canvas/document-to-flow";
import { validateWorkflow } from "@/engine/validate-workflow";
import { WorkflowDocument, type WorkflowDocumentInput } from "@/engine/workflow-schema";
import { createEditorStore } from "../editor-store";
import { validateCanvas } from "./canvas-problems";
import { loadCanvasValidator, SYNC_VALIDATION_MAX_NODES, VALIDATION_DEBOUNCE_MS } from "./validation";

/*
 *   start ──out→in── check (if) ──true→in── ghost (no such node)
 *                         └──maybe→in── done (output)          (no handle "maybe")
 *   done has timeoutMs 0 (must be positive)
 */
const broken: WorkflowDocumentInput = {
  version: 1,
  name: "Broken",
  nodes: [
    { id: "start", type: "trigger.manual", position: { x: 0, y: 0 } },
    { id: "check", type: "if", config: { condition: "{{ input.ok }}" }, position: { x: 300, y: 0 } },
    { id: "done", type: "output", config: { value: "{{ input }}" }, position: { x: 600, y: 0 }, timeoutMs: 0 },
  ],
  edges: [
    { source: "start", target: "check" },
    { source: "check", target: "ghost", sourceHandle: "true" },
    { source: "check", target: "done", sourceHandle: "maybe" },
  ],
};

/** A chain of `count` nodes (trigger, then if / set / http.request / code / transform in turn), all valid. */
function chain(count: number): WorkflowDocument {
  const types = ["if", "set", "http.request", "code", "transform"] as const;
  const configs = {
    if: { condition: "{{ input.ok }}" },
    set: { values: { total: "{{ input.total }}" } },
    "http.request": { method: "GET", url: "https://example.test/{{ input.id }}" },
    code: { code: "return input" },
    transform: { op: "map", items: "{{ input }}", expression: "{{ item }}" },
  };
  const nodes: WorkflowDocumentInput["nodes"] = [{ id: "n0", type: "trigger.manual", position: { x: 0, y: 0 } }];
  const edges: WorkflowDocumentInput["edges"] = [];
  for (let index = 1; index < count; index++) {
    const type = types[index % types.length] ?? "set";
    nodes.push({ id: `n${index}`, type, config: configs[type], position: { x: index * 300, y: 0 } } as never);
    const previous = nodes[index - 1];
    edges.push({ source: `n${index - 1}`, target: `n${index}`, sourceHandle: previous?.type === "if" ? "true" : "out" });
  }
  return WorkflowDocument.parse({ version: 1, name: "Chain", nodes, edges });
}

// In the browser it loads after the first paint; validation-loading.test.ts covers the time before.
beforeAll(() => loadCanvasValidator());

afterEach(() => {
  vi.useRealTimers();
});

describe("validateCanvas", () => {
  it("places problems on their node and on the canvas edge they name", () => {
    const document = broken as WorkflowDocument;
    const { edges } = documentToFlow(document);
    const { problems, problemsByNode, problemEdges } = validateCanvas(document, edges);
    expect(Object.keys(problemsByNode)).toEqual(["done"]);
    expect(Object.keys(problemEdges)).toEqual(["check.true->ghost.in", "check.maybe->done.in"]);
    expect(problemEdges["check.true->ghost.in"]?.[0]?.message).toContain('"ghost" does not exist');
    expect(problems).toHaveLength(3);
  });
});

describe("validation in the store", () => {
  it("validates a 500-node graph in a time we print, and after edits pause", async () => {
    const document = chain(500);
    const timings = Array.from({ length: 5 }, () => {
      const started = performance.now();
      expect(validateWorkflow(document).ok).toBe(true);
      return performance.now() - started;
    });
    console.log(`validateWorkflow on 500 nodes: ${timings.map((ms) => ms.toFixed(1)).join(", ")} ms (5 runs)`);

    vi.useFakeTimers();
    const store = createEditorStore({ workflowId: "wf", version: 1, document });
    expect(document.nodes.length).toBeGreaterThan(SYNC_VALIDATION_MAX_NODES);
    store.getState().updateNode("n3", { timeoutMs: -5 });
    store.getState().updateNode("n3", { timeoutMs: -6 });
    expect(store.getState().problems).toEqual([]);
    vi.advanceTimersByTime(VALIDATION_DEBOUNCE_MS);
    expect(Object.keys(store.getState().problemsByNode)).toEqual(["n3"]);

    store.getState().undo();
    await store.getState().flushValidation();
    expect(store.getState().problems).toEqual([]);
  });

  it("validates a large graph once its first cards are drawn and the browser is idle, not when its store is created", () => {
    vi.useFakeTimers();
    const valid = chain(500);
    const document = { ...valid, nodes: valid.nodes.map((node, index) => (index === 3 ? { ...node, timeoutMs: -5 } : node)) };
    const store = createEditorStore({ workflowId: "wf", version: 1, document });
    vi.advanceTimersByTime(5_000);
    // The server renders the page with a store too, and never draws: nothing may run for it.
    expect([store.getState().cardsDrawn, store.getState().problems]).toEqual([false, []]);

    // React Flow measures the cards it drew.
    store.getState().onNodesChange([{ type: "dimensions", id: "n0", dimensions: { width: 240, height: 89 } }]);
    expect([store.getState().cardsDrawn, store.getState().problems]).toEqual([true, []]);
    vi.advanceTimersByTime(1_000); // no requestIdleCallback here: a timer stands in for it
    expect(Object.keys(store.getState().problemsByNode)).toEqual(["n3"]);
  });

  it("does not validate while nodes move", () => {
    const store = createEditorStore({ workflowId: "wf", version: 1, document: WorkflowDocument.parse(chain(3)) });
    const before = store.getState().problems;
    store.getState().onNodesChange([{ type: "position", id: "n1", position: { x: 5, y: 5 }, dragging: true }]);
    expect(store.getState().problems).toBe(before);
  });
});
