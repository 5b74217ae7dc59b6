import { beforeAll, describe, expect, it } from "vitest";
import { WorkflowDocument } from "@/engine/workflow-schema";
import { twoNodeDocument } from "../../test/editor-documents";
import { createEditorStore } from "./editor-store";
import { HISTORY_LIMIT } from "./editor/history";
import { loadCanvasValidator } from "./editor/validation";

const document = twoNodeDocument;

/** A store whose clock the test moves (typing coalesces within 1 s). */
function newStore() {
  const clock = { now: 0 };
  const store = createEditorStore({ workflowId: "wf-1", version: 4, document }, { now: () => clock.now });
  return Object.assign(store, { clock });
}

const positionOf = (store: ReturnType<typeof newStore>, id: string) =>
  store.getState().nodes.find((node) => node.id === id)?.position;
const nodeOf = (store: ReturnType<typeof newStore>, id: string) =>
  store.getState().nodes.find((node) => node.id === id)?.data.node;

describe("editor store", () => {
  it("starts clean, at the loaded version, with nothing to undo and no problems", () => {
    const state = newStore().getState();
    expect([state.dirty, state.baseVersion, state.savedVersion]).toEqual([false, 4, null]);
    expect([state.canUndo, state.canRedo, state.selectedNodeIds, state.problems]).toEqual([false, false, [], []]);
    expect(state.toDocument()).toEqual(document);
  });

  it("is not dirty after selecting or measuring a node, and records no undo step for it", () => {
    const store = newStore();
    store.getState().onNodesChange([
      { type: "select", id: "start", selected: true },
      { type: "dimensions", id: "start", dimensions: { width: 240, height: 90 } },
    ]);
    expect([store.getState().dirty, store.getState().canUndo]).toEqual([false, false]);
    expect(store.getState().selectedNodeIds).toEqual(["start"]);
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

describe("undo and redo", () => {
  it("undoes a config edit, a move, an added node, a deletion and a connection, back to clean", () => {
    const store = newStore();
    const { getState } = store;
    getState().updateNode("done", { config: { value: "{{ input.total }}" } });
    getState().onNodesChange([{ type: "position", id: "done", position: { x: 420, y: 60 }, dragging: false }]);
    const added = getState().addNode("set", { position: { x: 300, y: 300 } });
    getState().onConnect({ source: "start", target: added, sourceHandle: "out", targetHandle: "in" });
    getState().selectNode("done");
    getState().deleteSelection();
    expect(getState().nodes.map((node) => node.id)).toEqual(["start", added]);
    expect(getState().edges.map((edge) => [edge.source, edge.target])).toEqual([["start", added]]);

    getState().undo(); // the deletion
    expect(getState().nodes.map((node) => node.id)).toEqual(["start", "done", added]);
    expect(getState().edges).toHaveLength(2);
    getState().undo(); // the connection
    expect(getState().edges.map((edge) => edge.target)).toEqual(["done"]);
    getState().undo(); // the added node
    expect(getState().nodes.map((node) => node.id)).toEqual(["start", "done"]);
    getState().undo(); // the move
    expect(positionOf(store, "done")).toEqual({ x: 300, y: 0 });
    expect(getState().dirty).toBe(true);
    getState().undo(); // the config edit
    expect(nodeOf(store, "done")?.config).toEqual({ value: "{{ input }}" });
    expect([getState().dirty, getState().canUndo, getState().canRedo]).toEqual([false, false, true]);
    expect(getState().toDocument()).toEqual(document);

    getState().redo();
    getState().redo();
    expect(nodeOf(store, "done")?.config).toEqual({ value: "{{ input.total }}" });
    expect(positionOf(store, "done")).toEqual({ x: 420, y: 60 });
    expect(getState().dirty).toBe(true);
  });

  it("makes one undo step of a whole drag", () => {
    const store = newStore();
    for (const x of [310, 340, 380]) {
      store.getState().onNodesChange([{ type: "position", id: "done", position: { x, y: 0 }, dragging: true }]);
    }
    store.getState().onNodesChange([{ type: "position", id: "done", position: { x: 400, y: 0 }, dragging: false }]);
    store.getState().undo();
    expect(positionOf(store, "done")).toEqual({ x: 300, y: 0 });
    expect([store.getState().canUndo, store.getState().dirty]).toEqual([false, false]);
  });

  it("keeps positions in whole units, as saved: undoing a later edit moves nothing", () => {
    const store = newStore();
    store.getState().onNodesChange([{ type: "position", id: "done", position: { x: 412.5, y: 59.7 }, dragging: true }]);
    store.getState().onNodesChange([{ type: "position", id: "done", position: { x: 420.25, y: 60.5 }, dragging: false }]);
    expect(positionOf(store, "done")).toEqual({ x: 420, y: 61 });
    store.getState().updateNode("done", { name: "Result" });
    store.getState().undo();
    expect(positionOf(store, "done")).toEqual({ x: 420, y: 61 });
    expect(store.getState().toDocument().nodes.find((node) => node.id === "done")?.position).toEqual({ x: 420, y: 61 });
  });

  it("coalesces typing in one field within a second, but not across fields or pauses", () => {
    const store = newStore();
    for (const value of ["{{ i", "{{ in", "{{ inp }}"]) {
      store.getState().updateNode("done", { config: { value } });
      store.clock.now += 300;
    }
    store.getState().updateNode("done", { name: "Result" });
    store.clock.now += 2000;
    store.getState().updateNode("done", { name: "Final result" });
    expect(nodeOf(store, "done")?.name).toBe("Final result");

    store.getState().undo();
    expect(nodeOf(store, "done")?.name).toBe("Result");
    store.getState().undo();
    expect(nodeOf(store, "done")?.name).toBeUndefined();
    expect(nodeOf(store, "done")?.config).toEqual({ value: "{{ inp }}" });
    store.getState().undo();
    expect(nodeOf(store, "done")?.config).toEqual({ value: "{{ input }}" });
    expect(store.getState().canUndo).toBe(false);
  });

  it("keeps at most HISTORY_LIMIT steps", () => {
    const store = newStore();
    for (let step = 1; step <= HISTORY_LIMIT + 5; step++) {
      store.getState().onNodesChange([{ type: "position", id: "done", position: { x: 300 + step, y: 0 } }]);
    }
    for (let step = 0; step < HISTORY_LIMIT; step++) store.getState().undo();
    expect([store.getState().canUndo, positionOf(store, "done")]).toEqual([false, { x: 305, y: 0 }]);
  });

  it("keeps the selection of nodes that survive an undo and drops the others", () => {
    const store = newStore();
    store.getState().selectNode("done");
    store.getState().updateNode("done", { name: "Result" });
    store.getState().undo();
    expect(store.getState().selectedNodeIds).toEqual(["done"]);

    const added = store.getState().addNode("set");
    expect(store.getState().selectedNodeIds).toEqual([added]);
    store.getState().undo();
    expect(store.getState().selectedNodeIds).toEqual([]);
    expect(store.getState().nodes.some((node) => node.selected)).toBe(false);
  });

  it("records no step for an update that changes nothing", () => {
    const store = newStore();
    store.getState().updateNode("done", { config: { value: "{{ input }}" } });
    expect([store.getState().canUndo, store.getState().dirty]).toEqual([false, false]);
  });

  it("load forgets the history", () => {
    const store = newStore();
    store.getState().addNode("set");
    store.getState().load({ workflowId: "wf-1", version: 5, document });
    expect([store.getState().canUndo, store.getState().dirty, store.getState().nodes.length]).toEqual([false, false, 2]);
  });
});

describe("adding and connecting nodes", () => {
  it("adds a node after another: to its right, connected from its free output, selected alone", () => {
    const store = newStore();
    store.getState().selectNode("start");
    const id = store.getState().addNode("http.request", { after: "done" });
    const state = store.getState();
    expect(id).toBe("http_request");
    expect(nodeOf(store, id)).toMatchObject({ type: "http.request", name: "HTTP request", config: { method: "GET" } });
    expect(positionOf(store, id)).toEqual({ x: 600, y: 0 });
    expect(state.edges.at(-1)).toMatchObject({
      source: "done",
      target: id,
      sourceHandle: "out",
      targetHandle: "in",
      data: { edge: { source: "done", target: id, sourceHandle: "out", targetHandle: "in" } },
    });
    expect(state.selectedNodeIds).toEqual([id]);
    expect(state.nodes.filter((node) => node.selected).map((node) => node.id)).toEqual([id]);
  });

  it("gives each added node a unique id and name, and pushes it down when the spot is taken", () => {
    const store = newStore();
    const first = store.getState().addNode("http.request", { after: "done" });
    const second = store.getState().addNode("http.request", { after: "done" });
    expect([first, second]).toEqual(["http_request", "http_request_2"]);
    expect(nodeOf(store, second)?.name).toBe("HTTP request 2");
    expect(positionOf(store, second)).toEqual({ x: 600, y: 140 });
    // `done` has one output: both new nodes hang off it.
    expect(store.getState().edges.filter((edge) => edge.source === "done").map((edge) => edge.target)).toEqual([first, second]);
  });

  it("uses the first output without an edge: an if's true, then its false", () => {
    const store = newStore();
    const check = store.getState().addNode("if", { after: "start" });
    const yes = store.getState().addNode("set", { after: check });
    const no = store.getState().addNode("set", { after: check });
    const handles = store.getState().edges.filter((edge) => edge.source === check).map((edge) => [edge.sourceHandle, edge.target]);
    expect(handles).toEqual([["true", yes], ["false", no]]);
  });

  it("never connects into a trigger", () => {
    const store = newStore();
    const trigger = store.getState().addNode("trigger.webhook", { after: "done" });
    expect(store.getState().edges.some((edge) => edge.target === trigger)).toBe(false);
  });

  it("connects only what isValidConnection allows", () => {
    const store = newStore();
    const id = store.getState().addNode("set", { position: { x: 0, y: 300 } });
    store.getState().onConnect({ source: "done", target: "start", sourceHandle: "out", targetHandle: "in" });
    store.getState().onConnect({ source: "start", target: "done", sourceHandle: "out", targetHandle: "in" });
    expect(store.getState().edges).toHaveLength(1);
    store.getState().onConnect({ source: "done", target: id, sourceHandle: null, targetHandle: null });
    expect(store.getState().edges.map((edge) => edge.id)).toEqual(["start.out->done.in", `done.out->${id}.in`]);
  });
});

describe("selection, deletion and the clipboard", () => {
  it("deletes selected nodes with their edges, and selected edges", () => {
    const store = newStore();
    const extra = store.getState().addNode("set", { after: "done" });
    store.getState().selectNode(null);
    store.getState().onEdgesChange([{ type: "select", id: "start.out->done.in", selected: true }]);
    store.getState().deleteSelection();
    expect(store.getState().edges.map((edge) => edge.target)).toEqual([extra]);
    store.getState().selectNode(extra);
    store.getState().deleteSelection();
    expect(store.getState().nodes.map((node) => node.id)).toEqual(["start", "done"]);
    expect(store.getState().edges).toEqual([]);
  });

  it("React Flow's own node removal takes the node's edges in the same undo step", () => {
    const store = newStore();
    store.getState().onNodesChange([{ type: "remove", id: "done" }]);
    store.getState().onEdgesChange([{ type: "remove", id: "start.out->done.in" }]);
    expect(store.getState().edges).toEqual([]);
    store.getState().undo();
    expect([store.getState().nodes.length, store.getState().edges.length, store.getState().dirty]).toEqual([2, 1, false]);
  });

  it("duplicates the selection with fresh ids, rewritten edges and offset positions", () => {
    const store = newStore();
    store.getState().onNodesChange([
      { type: "select", id: "start", selected: true },
      { type: "select", id: "done", selected: true },
    ]);
    store.getState().duplicateSelection();
    const state = store.getState();
    expect(state.selectedNodeIds).toEqual(["start_2", "done_2"]);
    expect(positionOf(store, "done_2")).toEqual({ x: 340, y: 40 });
    expect(state.edges.at(-1)).toMatchObject({ source: "start_2", target: "done_2" });
  });

  it("refuses text that is not Switchyard nodes, changing nothing", () => {
    const store = newStore();
    expect(() => store.getState().paste("hello")).toThrow("Clipboard does not contain Switchyard nodes");
    expect([store.getState().canUndo, store.getState().nodes.length]).toEqual([false, 2]);
  });
});

describe("whole-document edits", () => {
  it("replaceDocument is an undoable unsaved edit, including the workflow's own fields", () => {
    const store = newStore();
    const other = WorkflowDocument.parse({
      ...document,
      name: "Restored",
      nodes: [document.nodes[0]],
      edges: [],
      settings: { timeoutSeconds: 30 },
    });
    store.getState().replaceDocument(other);
    expect(store.getState().toDocument()).toEqual(other);
    expect(store.getState().dirty).toBe(true);
    store.getState().undo();
    expect(store.getState().toDocument()).toEqual(document);
    expect(store.getState().dirty).toBe(false);
  });

  it("replaceDocument with what the canvas shows changes nothing; with the base version, nothing is unsaved", () => {
    const store = newStore();
    expect(store.getState().replaceDocument(store.getState().toDocument())).toBe(false);
    expect([store.getState().dirty, store.getState().canUndo]).toEqual([false, false]);

    store.getState().onNodesChange([{ type: "position", id: "done", position: { x: 900, y: 40 } }]);
    expect(store.getState().dirty).toBe(true);
    expect(store.getState().replaceDocument(document)).toBe(true);
    expect(store.getState().toDocument()).toEqual(document);
    expect([store.getState().dirty, store.getState().canUndo]).toEqual([false, true]);
    store.getState().undo(); // the move again
    expect(store.getState().dirty).toBe(true);
  });

  it("autoLayout moves nodes apart in one undo step", async () => {
    const store = newStore();
    store.getState().onNodesChange([{ type: "position", id: "done", position: { x: 0, y: 0 } }]);
    await store.getState().autoLayout();
    const [start, done] = [positionOf(store, "start"), positionOf(store, "done")];
    expect((done?.x ?? 0) - (start?.x ?? 0)).toBeGreaterThanOrEqual(240);
    store.getState().undo();
    expect(positionOf(store, "done")).toEqual({ x: 0, y: 0 });
  });
});

describe("validation", () => {
  // Loaded: small graphs are then validated right after each edit.
  beforeAll(() => loadCanvasValidator());

  it("places problems on their node and canvas edge, and recomputes after each edit", () => {
    const store = newStore();
    store.getState().updateNode("done", { timeoutMs: -1 });
    const extra = store.getState().addNode("trigger.webhook", { position: { x: 0, y: 300 } });
    const state = store.getState();
    expect(Object.keys(state.problemsByNode)).toEqual(["done"]);
    expect(state.problemsByNode.done?.[0]?.message).toMatch(/^timeoutMs: /);
    expect(state.problems.some((problem) => problem.message.includes("trigger"))).toBe(true);
    expect(extra).toBe("trigger_webhook");

    store.getState().undo();
    store.getState().undo();
    expect(store.getState().problems).toEqual([]);
  });
});
