import { nodeDisplayName, type CanvasNode } from "@/components/canvas/document-to-flow";

/**
 * Ids and names for nodes the editor creates (add, paste, duplicate). Both are
 * readable and unique on the canvas: ids are what expressions refer to
 * (`nodes.http_request_2`), names are what a person sees ("HTTP request 2").
 */

/** Longest stem, so that a `_NNNNN` suffix still fits NODE_ID_PATTERN's 64 characters. */
const MAX_ID_STEM = 58;

/** `http.request` → `http_request`: only letters, digits, `_` and `-` remain. */
export function idStem(text: string): string {
  const stem = text
    .replace(/[^A-Za-z0-9_-]/g, "_")
    .replace(/_\d+$/, "")
    .slice(0, MAX_ID_STEM);
  return stem === "" ? "node" : stem;
}

/** `stem` itself when free, else `stem_2`, `stem_3`, … (the first free one). */
export function uniqueNodeId(stem: string, taken: ReadonlySet<string>): string {
  if (!taken.has(stem)) return stem;
  for (let n = 2; ; n++) {
    const id = `${stem}_${n}`;
    if (!taken.has(id)) return id;
  }
}

/** `label` itself when no node is shown with it, else `label 2`, `label 3`, … */
export function uniqueNodeName(label: string, taken: ReadonlySet<string>): string {
  if (!taken.has(label)) return label;
  const stem = label.replace(/ \d+$/, "");
  for (let n = 2; ; n++) {
    const name = `${stem} ${n}`;
    if (!taken.has(name)) return name;
  }
}

/** Ids and display names already on the canvas. */
export function takenIdentities(nodes: readonly CanvasNode[]): { ids: Set<string>; names: Set<string> } {
  return {
    ids: new Set(nodes.map((node) => node.id)),
    names: new Set(nodes.map((node) => nodeDisplayName(node.data.node))),
  };
}
