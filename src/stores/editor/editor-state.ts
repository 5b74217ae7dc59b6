import type { Connection, EdgeChange, NodeChange } from "@xyflow/react";
import type { CanvasEdge, CanvasNode } from "@/components/canvas/document-to-flow";
import type { NodeType } from "@/engine/nodes/registry";
import type { WorkflowDocument } from "@/engine/workflow-schema";
import type { AddNodeOptions, NodePatch } from "./graph-edits";
import type { DocumentFields } from "./history";
import type { ValidationState } from "./validation";

/**
 * The workflow editor's state: the graph on the canvas and whether it differs
 * from the version it was loaded from. One store per open editor, created by
 * `createEditorStore` inside <EditorStoreProvider> (see editor-store-provider.tsx);
 * read it with narrow selectors. The logic lives in the modules beside this file;
 * ../editor-store.ts wires them.
 *
 * Terminology
 * - base version: the stored version the canvas started from (or was last saved
 *   as). A save sends it as `expectedVersion`, so a concurrent save is refused.
 * - dirty: the canvas has changes that are not in the base version.
 * - edit: a change of the document (nodes, edges, config, positions, the
 *   workflow's own fields); each is one undo step. Selecting and React Flow's
 *   measuring are not edits. A drag is one edit, however many moves it has.
 */
export type EditorSnapshot = { workflowId: string; version: number; document: WorkflowDocument };

export type EditorState = ValidationState & {
  workflowId: string;
  baseVersion: number;
  /** The stored document of the base version. */
  baseDocument: WorkflowDocument;
  /** The workflow's own fields (name, settings, …) as they will be saved: the base's, or a replaced document's. */
  documentFields: DocumentFields;
  nodes: CanvasNode[];
  edges: CanvasEdge[];
  dirty: boolean;
  /** Set by a save in this session, cleared by the next edit: drives "Saved as version N". */
  savedVersion: number | null;
  /** Mirrors the nodes' `selected` flags, in canvas order. */
  selectedNodeIds: string[];
  canUndo: boolean;
  canRedo: boolean;
  /**
   * React Flow has measured the first cards it drew (they are on screen from the
   * next frame on); true from the start for an empty graph. Work the first
   * paint should not wait for starts after it: validation (here; a large
   * graph's once the browser is idle), the mini map, code for closed panels.
   */
  cardsDrawn: boolean;

  onNodesChange: (changes: NodeChange<CanvasNode>[]) => void;
  onEdgesChange: (changes: EdgeChange<CanvasEdge>[]) => void;
  /** Adds the drawn edge when `isValidConnection` allows it. */
  onConnect: (connection: Connection) => void;
  /** No self-edges, nothing into a trigger, no repeats, existing handles only, no cycles. */
  isValidConnection: (connection: Connection | CanvasEdge) => boolean;
  /** Returns the new node's id; the new node becomes the only selection. See `addNodeEdit`. */
  addNode: (type: NodeType, options?: AddNodeOptions) => string;
  /** Merges into the document node; consecutive updates of the same node and fields within 1 s are one undo step. */
  updateNode: (id: string, patch: NodePatch) => void;
  /** Selects exactly this node (`null`: nothing), as clicking it would; not an undo step. */
  selectNode: (id: string | null) => void;
  /** Deletes the selected nodes (with their edges) and the selected edges. */
  deleteSelection: () => void;
  /** Clipboard text for the selected nodes and the edges among them. */
  copySelection: () => string;
  /**
   * Adds the nodes in `text` (copySelection's text, or an exported workflow) with fresh ids
   * and names, 40 px down-right of where they were copied (or with their top-left at `at`),
   * and selects them.
   * @throws Error("Clipboard does not contain Switchyard nodes") when `text` holds no nodes.
   */
  paste: (text: string, at?: { x: number; y: number }) => void;
  /** Pastes a copy of the selection (nothing when nothing is selected). */
  duplicateSelection: () => void;
  undo: () => void;
  redo: () => void;
  /**
   * Runs a validation that is still waiting (large graphs are validated once
   * edits pause, and the validator loads after the first paint, see
   * validation.ts), so `problems` is current once it resolves. Await it before
   * reading `problems` to decide on a save or a run. Rejects when the
   * validator cannot be downloaded.
   */
  flushValidation: () => Promise<void>;
  /**
   * The editor is mounted in the browser: call once, from an effect (the server
   * renders the page with a store too, and must not validate). `problems` stay
   * empty until the first cards are drawn; an empty graph, which draws none, is
   * validated now.
   */
  startValidation: () => void;
  /** Lays the graph out left to right (ELK layered); one undo step. */
  autoLayout: () => Promise<void>;
  /**
   * Puts `document` on the canvas as an undoable edit (version restore, import): unsaved unless it is
   * the base version exactly. False, and nothing done, when the canvas shows that document already.
   */
  replaceDocument: (document: WorkflowDocument) => boolean;
  /** The document as the canvas shows it now. */
  toDocument: () => WorkflowDocument;
  /** `document` was stored as `version`: it becomes the new base. */
  markSaved: (version: number, document: WorkflowDocument) => void;
  /** Replace everything with a stored version (discarding edits and the undo history). */
  load: (snapshot: EditorSnapshot) => void;
};

