import { describe, expect, it } from "vitest";
import { WorkflowDocument } from "@/engine/workflow-schema";
import { createEditorStore } from "./editor-store";

/*   start ──out→in── done (output)   */
const document = WorkflowDocument.parse({
  version: 1,
  name: "Two nodes",
  nodes: [
    { id: "start", type: "trigger.manual", position: { x: 0, y: 0 } },
    { id: "done", type: "output", config: { value: "{{ input }}" }, position: { x: 300, y: 0 } },
  ],
  edges: [{ source: "start", target: "done" }],
});

const newStore = () => createEditorStore({ workflowId: "wf-1", version: 4, document });

describe("editor store", () => {
  it("starts clean, at the loaded version", () => {
    const state = newStore().getState();
    expect([state.dirty, state.baseVersion, state.savedVersion]).toEqual([false, 4, null]);
    expect(state.toDocument()).toEqual(document);
  });

  it("is not dirty after selecting or measuring a node", () => {
    const store = newStore();
    store.getState().onNodesChange([
      { type: "select", id: "start", selected: true },
      { type: "dimensions", id: "start", dimensions: { width: 240, height: 90 } },
    ]);
    expect(store.getState().dirty).toBe(false);
  });

  it("is dirty after a node is dragged, and the document has the new position", () => {
    const store = newStore();
    store.getState().onNodesChange([{ type: "position", id: "done", position: { x: 420, y: 60 }, dragging: false }]);
    expect(store.getState().dirty).toBe(true);
    expect(store.getState().toDocument().nodes[1]?.position).toEqual({ x: 420, y: 60 });
  });

  it("after a save, is clean at the saved version", () => {
    const store = newStore();
    store.getState().onNodesChange([{ type: "position", id: "done", position: { x: 420, y: 60 } }]);
    const sent = store.getState().toDocument();
    store.getState().markSaved(5, sent);
    const state = store.getState();
    expect([state.dirty, state.baseVersion, state.savedVersion]).toEqual([false, 5, 5]);
    expect(state.baseDocument).toBe(sent);
  });

  it("stays dirty when the node moved again while the save was in flight", () => {
    const store = newStore();
    store.getState().onNodesChange([{ type: "position", id: "done", position: { x: 420, y: 60 } }]);
    const sent = store.getState().toDocument();
    store.getState().onNodesChange([{ type: "position", id: "done", position: { x: 500, y: 60 } }]);
    store.getState().markSaved(5, sent);
    expect([store.getState().dirty, store.getState().baseVersion]).toEqual([true, 5]);
  });

  it("a new edit clears the saved-version notice", () => {
    const store = newStore();
    store.getState().onNodesChange([{ type: "position", id: "done", position: { x: 420, y: 60 } }]);
    store.getState().markSaved(5, store.getState().toDocument());
    store.getState().onNodesChange([{ type: "position", id: "done", position: { x: 0, y: 0 } }]);
    expect([store.getState().dirty, store.getState().savedVersion]).toEqual([true, null]);
  });
});
