import { NODE_CATEGORIES, type NodeCategory } from "@/engine/nodes/node-definition";
import { NODE_TYPES, nodeMeta, type NodeType } from "@/engine/nodes/node-meta";

/**
 * What the node palette lists: every node type, grouped by category in
 * NODE_CATEGORIES order (triggers, logic, data, flow control, actions, people),
 * types within a group in NODE_TYPES order. Pure, so grouping and search are
 * unit-tested.
 */
export type PaletteItem = { type: NodeType; label: string; description: string; category: NodeCategory };
export type PaletteGroup = { category: NodeCategory; title: string; items: PaletteItem[] };

/** Group headings as business users read them. */
export const CATEGORY_TITLES = {
  triggers: "Triggers",
  logic: "Logic",
  data: "Data",
  flow: "Flow control",
  actions: "Actions",
  people: "People",
} satisfies Record<NodeCategory, string>;

const ALL_ITEMS: readonly PaletteItem[] = NODE_TYPES.map((type) => {
  const { label, description, category } = nodeMeta[type];
  return { type, label, description, category };
});

/**
 * The groups to show for a search: an item matches when every word of `query`
 * appears (case-insensitively) in its label, description or type. Empty groups
 * are left out; an empty query shows everything.
 */
export function paletteGroups(query: string): PaletteGroup[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const matches = (item: PaletteItem) => {
    const text = `${item.label} ${item.description} ${item.type}`.toLowerCase();
    return words.every((word) => text.includes(word));
  };
  return NODE_CATEGORIES.flatMap((category) => {
    const items = ALL_ITEMS.filter((item) => item.category === category && matches(item));
    return items.length ? [{ category, title: CATEGORY_TITLES[category], items }] : [];
  });
}
