"use client";

import { useStoreApi } from "@xyflow/react";
import { useId, useState, type DragEvent } from "react";
import { nodeTypeIcons } from "@/components/canvas/nodes/node-type-icons";
import { categoryStyle } from "@/components/canvas/nodes/category-style";
import { useBringIntoView } from "@/components/canvas/bring-into-view";
import { findFreeSpot, NODE_DRAG_TYPE, nodeBox, viewportCenter } from "@/components/canvas/placement";
import type { NodeType } from "@/engine/nodes/registry";
import { useEditorStoreApi } from "@/stores/editor-store-provider";
import { paletteGroups, type PaletteItem } from "./palette-items";

/**
 * The node palette on the editor's left: every node type by category, with a
 * search box. Drag an item onto the canvas to place it there, or click it: with
 * exactly one node selected the new node is added after it (and connected
 * from it), otherwise at a free spot in the middle of the view.
 * Collapsible to a narrow strip. Not for read-only editors: don't render it.
 *
 * MUST be rendered under the same <ReactFlowProvider> as the canvas (clicks
 * need the canvas's viewport).
 */
export function NodePalette() {
  const [collapsed, setCollapsed] = useState(false);
  const [query, setQuery] = useState("");
  const searchId = useId();
  const addNode = useAddNodeFromPalette();
  const groups = paletteGroups(query);

  if (collapsed) {
    return (
      <div className="flex w-10 shrink-0 flex-col items-center border-r border-zinc-200 bg-white py-2">
        <button
          type="button"
          aria-label="Show node palette"
          aria-expanded="false"
          title="Show node palette"
          onClick={() => setCollapsed(false)}
          className="grid size-7 place-items-center rounded-md text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900"
        >
          <ChevronIcon direction="right" />
        </button>
      </div>
    );
  }

  return (
    <aside aria-label="Node palette" className="flex w-60 shrink-0 flex-col border-r border-zinc-200 bg-white">
      <div className="flex items-center justify-between px-3 pt-3">
        <h2 className="text-sm font-semibold text-zinc-900">Add a step</h2>
        <button
          type="button"
          aria-label="Hide node palette"
          aria-expanded="true"
          title="Hide node palette"
          onClick={() => setCollapsed(true)}
          className="grid size-7 place-items-center rounded-md text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900"
        >
          <ChevronIcon direction="left" />
        </button>
      </div>
      <div className="px-3 pt-2 pb-2">
        <label htmlFor={searchId} className="sr-only">
          Search nodes
        </label>
        <input
          id={searchId}
          type="search"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          placeholder="Search nodes"
          autoComplete="off"
          className="h-8 w-full min-w-0 rounded-md border border-zinc-300 bg-white px-2.5 text-sm shadow-xs placeholder:text-zinc-400 focus:border-indigo-500 focus:ring-3 focus:ring-indigo-500/20 focus:outline-none"
        />
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto px-2 pb-3">
        {groups.length === 0 ? <p className="px-1 py-2 text-sm text-zinc-500">No node matches “{query.trim()}”.</p> : null}
        {groups.map((group) => (
          <section key={group.category} aria-label={group.title} className="mt-2">
            <h3 className="px-1 pb-1 text-[11px] font-semibold tracking-wide text-zinc-500 uppercase">{group.title}</h3>
            <ul className="space-y-0.5">
              {group.items.map((item) => (
                <li key={item.type}>
                  <PaletteButton item={item} onAdd={addNode} />
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
      <p className="border-t border-zinc-100 px-3 py-2 text-xs text-zinc-500">Drag onto the canvas, or click to add.</p>
    </aside>
  );
}

function PaletteButton({ item, onAdd }: { item: PaletteItem; onAdd: (type: NodeType) => void }) {
  const Icon = nodeTypeIcons[item.type];
  const onDragStart = (event: DragEvent<HTMLButtonElement>) => {
    event.dataTransfer.setData(NODE_DRAG_TYPE, item.type);
    event.dataTransfer.effectAllowed = "copy";
  };
  return (
    <button
      type="button"
      draggable
      onDragStart={onDragStart}
      onClick={() => onAdd(item.type)}
      title={item.description}
      className="flex w-full cursor-grab items-center gap-2 rounded-md px-1.5 py-1 text-left text-sm text-zinc-800 hover:bg-zinc-100 focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:outline-none active:cursor-grabbing"
    >
      <span aria-hidden="true" className={`grid size-6 shrink-0 place-items-center rounded ring-1 ring-inset ${categoryStyle[item.category].badge}`}>
        <Icon />
      </span>
      <span className="truncate">{item.label}</span>
    </button>
  );
}

/**
 * Adds a node of `type` as a palette click does: after the one selected node
 * (the view pans to show it when that is off screen), else at the free spot
 * nearest the middle of the view.
 */
function useAddNodeFromPalette(): (type: NodeType) => void {
  const editor = useEditorStoreApi();
  const flowStore = useStoreApi();
  const bringIntoView = useBringIntoView();
  return (type) => {
    const { selectedNodeIds, nodes, addNode } = editor.getState();
    if (selectedNodeIds.length === 1 && selectedNodeIds[0] !== undefined) {
      bringIntoView(addNode(type, { after: selectedNodeIds[0] }));
      return;
    }
    const position = findFreeSpot(viewportCenter(flowStore.getState()), nodes.map(nodeBox));
    addNode(type, { position });
  };
}

function ChevronIcon({ direction }: { direction: "left" | "right" }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" className="size-4" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">
      <path d={direction === "left" ? "M10 4 6 8l4 4" : "M6 4l4 4-4 4"} />
    </svg>
  );
}
