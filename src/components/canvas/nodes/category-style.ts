import type { NodeCategory } from "@/engine/nodes/node-definition";

/**
 * How each palette category is told apart on the canvas: the tint of a node's
 * icon badge and its colour on the mini map. Cards themselves stay neutral.
 */
export const categoryStyle = {
  triggers: { badge: "bg-emerald-50 text-emerald-700 ring-emerald-600/15", minimap: "#a7f3d0" },
  logic: { badge: "bg-amber-50 text-amber-700 ring-amber-600/15", minimap: "#fde68a" },
  data: { badge: "bg-sky-50 text-sky-700 ring-sky-600/15", minimap: "#bae6fd" },
  flow: { badge: "bg-violet-50 text-violet-700 ring-violet-600/15", minimap: "#ddd6fe" },
  actions: { badge: "bg-blue-50 text-blue-700 ring-blue-600/15", minimap: "#bfdbfe" },
  people: { badge: "bg-rose-50 text-rose-700 ring-rose-600/15", minimap: "#fecdd3" },
} satisfies Record<NodeCategory, { badge: string; minimap: string }>;
