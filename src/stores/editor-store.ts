import { applyEdgeChanges, applyNodeChanges } from "@xyflow/react";
import { createStore } from "zustand/vanilla";
import type { WorkflowDocument } from "@/engine/workflow-schema";
import { documentToFlow, withoutHandleEstimate } from "@/components/canvas/document-to-flow";
import { layoutPositions } from "./editor/auto-layout";
import { classifyNodeChanges, dropMeasuredEstimates, isEdgeEdit, movesAnyNode, wholeUnits } from "./editor/canvas-changes";
import { copyText, parseClip, pasteEdit } from "./editor/clipboard";
import { isValidConnection } from "./editor/connections";
import type { EditorSnapshot, EditorState } from "./editor/editor-state";
import { addNodeEdit, connectEdit, deleteEdit, updateNodeEdit } from "./editor/graph-edits";
import * as history from "./editor/history";
import { sameOrNext, selectedIdsOf, selectOnly } from "./editor/selection";
import { createValidationScheduler, SYNC_VALIDATION_MAX_NODES } from "./editor/validation";

const NOT_YET_VALIDATED = { problems: [], problemsByNode: {}, problemEdges: {} };

/**
 * The workflow editor's store: one per open editor, created by
 * `createEditorStore` inside <EditorStoreProvider> (see editor-store-provider.tsx);
 * read it with narrow selectors. What the state means: ./editor/editor-state.ts.
 * This file wires the pure pieces in ./editor/* to the store.
 */
export type { EditorSnapshot, EditorState } from "./editor/editor-state";

export type EditorStore = ReturnType<typeof createEditorStore>;

export type EditorStoreOptions = {
  /** Clock for coalescing typing into one undo step; default Date.now. */
  now?: () => number;
};

type EditOptions = { coalesceKey?: string; fields?: history.DocumentFields; revalidate?: boolean };

/**
 * A new document's graph in place of the `shown` one: nodes React Flow has
 * measured under the same id lose their estimated handles, so it measures them
 * again (a handle may have changed without the card changing size).
 */
function shownAgain(next: history.CanvasGraph, shown: history.CanvasGraph | undefined): history.CanvasGraph {
  const measured = new Set(shown?.nodes.filter((node) => node.measured !== undefined).map((node) => node.id));
  if (measured.size === 0) return next;
  return { nodes: next.nodes.map((node) => (measured.has(node.id) ? withoutHandleEstimate(node) : node)), edges: next.edges };
}

export function createEditorStore(initial: EditorSnapshot, { now = Date.now }: EditorStoreOptions = {}) {
  let past = history.emptyHistory();
  /** The document `dirty` compares with: the base version as the canvas first showed it. */
  let cleanDocument: WorkflowDocument;
  /** A drag is under way: its first move was recorded as the undo step. */
  let dragging = false;

  function loaded(snapshot: EditorSnapshot, shown?: history.CanvasGraph) {
    const { nodes: _nodes, edges: _edges, ...documentFields } = snapshot.document;
    const graph = shownAgain(documentToFlow(snapshot.document), shown);
    cleanDocument = history.graphDocument(documentFields, graph);
    past = history.emptyHistory();
    dragging = false;
    return {
      workflowId: snapshot.workflowId,
      baseVersion: snapshot.version,
      baseDocument: snapshot.document,
      documentFields,
      ...graph,
      dirty: false,
      savedVersion: null,
      selectedNodeIds: [],
      canUndo: false,
      canRedo: false,
      // Validated once its first cards are drawn (a large graph: and the browser is idle), see `validateLater`:
      // the first paint matters more, and the validator loads after it. Stored versions are valid anyway; drafts may not be.
      ...NOT_YET_VALIDATED,
    };
  }

  return createStore<EditorState>()((set, get) => {
    const graph = (): history.CanvasGraph => ({ nodes: get().nodes, edges: get().edges });
    const snapshot = () => history.takeSnapshot(get().documentFields, graph());
    const validation = createValidationScheduler((validateCanvas) => set(validateCanvas(get().toDocument(), get().edges)));
    const undoFlags = () => ({ canUndo: past.past.length > 0, canRedo: past.future.length > 0 });

    /** Records the current state as an undo step, then shows `next`. */
    function edit(next: history.CanvasGraph, { coalesceKey, fields, revalidate = true }: EditOptions = {}) {
      past = history.recordEdit(past, snapshot(), coalesceKey === undefined ? undefined : { key: coalesceKey, at: now() });
      dragging = false;
      set({
        ...next,
        ...(fields === undefined ? {} : { documentFields: fields }),
        selectedNodeIds: sameOrNext(get().selectedNodeIds, selectedIdsOf(next.nodes)),
        dirty: true,
        savedVersion: null,
        ...undoFlags(),
      });
      if (revalidate) validation.request(next.nodes.length);
    }

    function travel(step: typeof history.undoStep) {
      const moved = step(past, snapshot());
      if (moved === null) return;
      past = moved.history;
      dragging = false;
      const { fields, graph: restored } = history.restoreSnapshot(moved.snapshot, graph());
      const dirty = !history.sameJson(moved.snapshot.document, cleanDocument);
      set({
        ...restored,
        documentFields: fields,
        selectedNodeIds: sameOrNext(get().selectedNodeIds, selectedIdsOf(restored.nodes)),
        dirty,
        savedVersion: dirty ? null : get().savedVersion,
        ...undoFlags(),
      });
      validation.request(restored.nodes.length);
    }

    /** After the first draw: a small graph at once (once the validator is loaded), a large one once the browser is idle. */
    const validateLater = () => {
      if (get().nodes.length > SYNC_VALIDATION_MAX_NODES) validation.whenIdle();
      else validation.request(get().nodes.length);
    };
    return {
      ...loaded(initial),
      // Nothing to draw counts as drawn.
      cardsDrawn: initial.document.nodes.length === 0,

      onNodesChange: (reported) => {
        const changes = reported.map(wholeUnits);
        const state = get();
        const { structural, moves } = classifyNodeChanges(changes);
        const startsEdit = structural || (moves && !dragging && movesAnyNode(changes, state.nodes));
        if (startsEdit) past = history.recordEdit(past, snapshot());
        // A drag is under way from its first recorded move until a move without `dragging` ends it.
        if (moves) dragging = (dragging || startsEdit) && changes.some((c) => c.type === "position" && c.dragging === true);
        const nodes = dropMeasuredEstimates(changes, applyNodeChanges(changes, state.nodes));
        const present = structural ? new Set(nodes.map((node) => node.id)) : undefined;
        // React Flow deletes a node's edges in a separate onEdgesChange; they go now, in the same undo step.
        const edges = present ? state.edges.filter((edge) => present.has(edge.source) && present.has(edge.target)) : state.edges;
        const selects = structural || changes.some((change) => change.type === "select");
        const firstDrawn = !state.cardsDrawn && changes.some((change) => change.type === "dimensions");
        set({
          nodes,
          edges,
          ...(selects ? { selectedNodeIds: sameOrNext(state.selectedNodeIds, selectedIdsOf(nodes)) } : {}),
          ...(startsEdit ? { dirty: true, savedVersion: null, ...undoFlags() } : {}),
          ...(firstDrawn ? { cardsDrawn: true } : {}),
        });
        if (structural) validation.request(nodes.length);
        // Not when the store is created: the server renders the page with a store too, and never draws.
        else if (firstDrawn) validateLater();
      },

      startValidation: () => {
        // An empty graph draws no card, so nothing else starts its validation.
        if (get().cardsDrawn) validateLater();
      },

      onEdgesChange: (changes) => {
        const state = get();
        if (!isEdgeEdit(changes, state.edges)) return set({ edges: applyEdgeChanges(changes, state.edges) });
        edit({ nodes: state.nodes, edges: applyEdgeChanges(changes, state.edges) });
      },

      onConnect: (connection) => {
        const next = connectEdit(graph(), connection);
        if (next !== null) edit(next);
      },

      isValidConnection: (connection) => isValidConnection(graph(), connection),

      addNode: (type, options) => {
        const added = addNodeEdit(graph(), type, options);
        edit(added.graph);
        return added.id;
      },

      updateNode: (id, patch) => {
        const next = updateNodeEdit(graph(), id, patch);
        if (next !== null) edit(next, { coalesceKey: `${id}:${Object.keys(patch).sort().join(",")}` });
      },

      selectNode: (id) => {
        const next = selectOnly(graph(), new Set(id === null ? [] : [id]));
        set({ ...next, selectedNodeIds: sameOrNext(get().selectedNodeIds, selectedIdsOf(next.nodes)) });
      },

      deleteSelection: () => {
        const { nodes, edges } = graph();
        const selectedEdges = new Set(edges.filter((edge) => edge.selected).map((edge) => edge.id));
        const next = deleteEdit(graph(), new Set(selectedIdsOf(nodes)), selectedEdges);
        if (next !== null) edit(next);
      },

      copySelection: () => copyText(get().documentFields, graph(), new Set(get().selectedNodeIds)),

      paste: (text, at) => edit(pasteEdit(graph(), parseClip(text), at).graph),

      duplicateSelection: () => {
        if (get().selectedNodeIds.length > 0) get().paste(get().copySelection());
      },

      undo: () => travel(history.undoStep),
      redo: () => travel(history.redoStep),

      autoLayout: async () => {
        const positions = await layoutPositions(graph());
        // Edits made while ELK was working are kept; nodes added meanwhile stay where they are.
        const current = graph();
        const nodes = current.nodes.map((node) => {
          const position = positions.get(node.id);
          const moved = position !== undefined && (position.x !== node.position.x || position.y !== node.position.y);
          return moved ? { ...node, position } : node;
        });
        if (nodes.some((node, index) => node !== current.nodes[index])) edit({ nodes, edges: current.edges }, { revalidate: false });
      },

      replaceDocument: (document) => {
        const { nodes: _nodes, edges: _edges, ...fields } = document;
        const next = shownAgain(documentToFlow(document), graph());
        const nextDocument = history.graphDocument(fields, next);
        // The canvas already shows it (the file just exported, imported back): no edit, no undo step.
        if (history.sameJson(nextDocument, get().toDocument())) return false;
        const savedVersion = get().savedVersion;
        edit(next, { fields });
        // Back to the base version exactly (its file imported, or it restored): nothing unsaved.
        if (history.sameJson(nextDocument, cleanDocument)) set({ dirty: false, savedVersion });
        return true;
      },

      toDocument: () => history.graphDocument(get().documentFields, graph()),

      markSaved: (version, document) => {
        // Edits made while the save was in flight are not in `document`: stay dirty then.
        const unchanged = history.sameJson(get().toDocument(), document);
        cleanDocument = document;
        set({ baseVersion: version, baseDocument: document, dirty: !unchanged, savedVersion: version });
      },

      flushValidation: () => validation.flush(),

      load: (snapshot) => {
        validation.cancel();
        set(loaded(snapshot, graph()));
        validateLater();
      },
    };
  });
}
