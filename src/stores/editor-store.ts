import { applyEdgeChanges, applyNodeChanges, type EdgeChange, type NodeChange } from "@xyflow/react";
import { createStore } from "zustand/vanilla";
import type { WorkflowDocument } from "@/engine/workflow-schema";
import { documentToFlow, flowToDocument, type CanvasEdge, type CanvasNode } from "@/components/canvas/document-to-flow";

/**
 * The workflow editor's state: the graph on the canvas and whether it differs
 * from the version it was loaded from. One store per open editor, created by
 * `createEditorStore` inside <EditorStoreProvider> (see editor-store-provider.tsx);
 * read it with narrow selectors.
 *
 * Terminology
 * - base version: the stored version the canvas started from (or was last saved
 *   as). A save sends it as `expectedVersion`, so a concurrent save is refused.
 * - dirty: the canvas has changes that are not in the base version.
 */
export type EditorSnapshot = { workflowId: string; version: number; document: WorkflowDocument };

export type EditorState = {
  workflowId: string;
  baseVersion: number;
  /** Supplies the fields the canvas does not edit (name, settings, …). */
  baseDocument: WorkflowDocument;
  nodes: CanvasNode[];
  edges: CanvasEdge[];
  dirty: boolean;
  /** Set by a save in this session, cleared by the next edit: drives "Saved as version N". */
  savedVersion: number | null;

  onNodesChange: (changes: NodeChange<CanvasNode>[]) => void;
  onEdgesChange: (changes: EdgeChange<CanvasEdge>[]) => void;
  /** The document as the canvas shows it now. */
  toDocument: () => WorkflowDocument;
  /** `document` was stored as `version`: it becomes the new base. */
  markSaved: (version: number, document: WorkflowDocument) => void;
  /** Replace everything with a stored version (discarding edits). */
  load: (snapshot: EditorSnapshot) => void;
};

export type EditorStore = ReturnType<typeof createEditorStore>;

/** Changes that alter the document; selection and measured sizes do not. */
const EDITING_CHANGES = new Set(["position", "add", "remove", "replace"]);

function stateFrom(snapshot: EditorSnapshot) {
  const { nodes, edges } = documentToFlow(snapshot.document);
  return {
    workflowId: snapshot.workflowId,
    baseVersion: snapshot.version,
    baseDocument: snapshot.document,
    nodes,
    edges,
    dirty: false,
    savedVersion: null,
  };
}

export function createEditorStore(initial: EditorSnapshot) {
  return createStore<EditorState>()((set, get) => ({
    ...stateFrom(initial),

    onNodesChange: (changes) => {
      const edits = changes.some((change) => EDITING_CHANGES.has(change.type));
      set((state) => ({
        nodes: applyNodeChanges(changes, state.nodes),
        ...(edits ? { dirty: true, savedVersion: null } : {}),
      }));
    },

    onEdgesChange: (changes) => {
      const edits = changes.some((change) => EDITING_CHANGES.has(change.type));
      set((state) => ({
        edges: applyEdgeChanges(changes, state.edges),
        ...(edits ? { dirty: true, savedVersion: null } : {}),
      }));
    },

    toDocument: () => {
      const { baseDocument, nodes, edges } = get();
      return flowToDocument(baseDocument, nodes, edges);
    },

    markSaved: (version, document) => {
      // Edits made while the save was in flight are not in `document`: stay dirty then.
      const unchanged = JSON.stringify(get().toDocument()) === JSON.stringify(document);
      set({ baseVersion: version, baseDocument: document, dirty: !unchanged, savedVersion: version });
    },

    load: (snapshot) => set(stateFrom(snapshot)),
  }));
}
