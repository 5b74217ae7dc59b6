import { describe, expect, it } from "vitest";
import { twoNodeDocument } from "../../../test/editor-documents";
import { createEditorStore } from "../editor-store";

const document = twoNodeDocument;

const nodeOf = (store: ReturnType<typeof createEditorStore>, id: string) => store.getState().nodes.find((node) => node.id === id);
const measure = (store: ReturnType<typeof createEditorStore>, id: string) =>
  store.getState().onNodesChange([{ type: "dimensions", id, dimensions: { width: 240, height: 89 } }]);

/**
 * Nodes carry estimated handles (card-size.ts) until React Flow has measured
 * them: React Flow would put a given estimate back in place of its measurement
 * on every update of the node.
 */
describe("estimated handles in the store", () => {
  it("come with every loaded node and go when React Flow measures it", () => {
    const store = createEditorStore({ workflowId: "wf", version: 1, document });
    expect(nodeOf(store, "start")?.handles?.map((handle) => handle.id)).toEqual(["out"]);
    measure(store, "start");
    expect(nodeOf(store, "start")?.handles).toBeUndefined();
    expect(nodeOf(store, "start")?.measured).toEqual({ width: 240, height: 89 });
    expect(nodeOf(store, "done")?.handles).toBeDefined();
  });

  it("do not come back with an edit or an undo of a measured node", () => {
    const store = createEditorStore({ workflowId: "wf", version: 1, document });
    measure(store, "done");
    store.getState().updateNode("done", { name: "Finish" });
    expect(nodeOf(store, "done")?.handles).toBeUndefined();
    store.getState().undo();
    expect(nodeOf(store, "done")?.handles).toBeUndefined();
    expect(nodeOf(store, "done")?.measured).toEqual({ width: 240, height: 89 });
  });

  it("are re-estimated by an edit of a node not measured yet", () => {
    const store = createEditorStore({ workflowId: "wf", version: 1, document });
    store.getState().updateNode("done", { name: "Finish" });
    expect(nodeOf(store, "done")?.handles?.map((handle) => handle.id)).toEqual(["in", "out"]);
  });

  it("are left out for measured nodes when another version is loaded, so React Flow measures them again", () => {
    const store = createEditorStore({ workflowId: "wf", version: 1, document });
    measure(store, "start");
    store.getState().load({ workflowId: "wf", version: 2, document });
    expect(nodeOf(store, "start")?.handles).toBeUndefined();
    expect(nodeOf(store, "start")?.measured).toBeUndefined();
    expect(nodeOf(store, "done")?.handles).toBeDefined();
  });
});
