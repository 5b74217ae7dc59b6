import { describe, expect, it, vi } from "vitest";
import type { WorkflowDocument } from "@/engine/workflow-schema";
import { twoNodeDocument } from "../../../test/editor-documents";

/*
 * The validator (zod and every node schema) loads after the editor's first
 * paint. Each test starts from fresh modules, so it is not loaded yet.
 *
 *   start ──out→in── done (output, timeoutMs -1: must be positive)
 */
const broken = {
  ...twoNodeDocument,
  nodes: twoNodeDocument.nodes.map((node) => (node.id === "done" ? { ...node, timeoutMs: -1 } : node)),
} as WorkflowDocument;

async function freshStore(document: WorkflowDocument) {
  vi.resetModules();
  const { createEditorStore } = await import("../editor-store");
  const { loadCanvasValidator } = await import("./validation");
  return { store: createEditorStore({ workflowId: "wf", version: 1, document }), loadCanvasValidator };
}

describe("validation before the validator has loaded", () => {
  it("does not validate when the store is created, only once the first cards are drawn and the validator is there", async () => {
    const { store, loadCanvasValidator } = await freshStore(broken);
    store.getState().startValidation(); // nothing drawn yet
    expect(store.getState().problems).toEqual([]);

    store.getState().onNodesChange([{ type: "dimensions", id: "start", dimensions: { width: 240, height: 89 } }]);
    expect(store.getState().problems).toEqual([]); // the validator is on its way
    await loadCanvasValidator();
    expect(Object.keys(store.getState().problemsByNode)).toEqual(["done"]);
  });

  it("validates an empty graph, which draws no card, once the editor is mounted", async () => {
    const { store, loadCanvasValidator } = await freshStore({ ...twoNodeDocument, nodes: [], edges: [] });
    store.getState().startValidation();
    await loadCanvasValidator();
    expect(store.getState().problems.map((problem) => problem.message).join("\n")).toMatch(/trigger/);
  });

  it("flushes by loading the validator: a save right after opening decides on current problems", async () => {
    const { store } = await freshStore(broken);
    await store.getState().flushValidation();
    expect(Object.keys(store.getState().problemsByNode)).toEqual(["done"]);
  });

  it("runs an edit's validation once the validator has loaded", async () => {
    const { store, loadCanvasValidator } = await freshStore(twoNodeDocument);
    store.getState().updateNode("done", { timeoutMs: -1 });
    expect(store.getState().problems).toEqual([]);
    await loadCanvasValidator();
    expect(Object.keys(store.getState().problemsByNode)).toEqual(["done"]);
  });
});
