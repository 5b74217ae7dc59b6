/**
 * The editor's keyboard shortcuts: what each key does, and the list the
 * "Keyboard shortcuts" overlay shows. Pure (no DOM types), so matching is
 * unit-tested; `useEditorShortcuts` wires it to the page.
 *
 * Terminology
 * - mod: Ctrl, or ⌘ on a Mac (either is accepted everywhere).
 * - editing action: one that changes the workflow; read-only canvases ignore it.
 */
export type EditorAction =
  | "undo"
  | "redo"
  | "copy"
  | "paste"
  | "duplicate"
  | "delete"
  | "selectAll"
  | "autoLayout"
  | "fitView"
  | "help";

/** What matching needs from a KeyboardEvent. */
export type KeyPress = { key: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean };

export const EDITING_ACTIONS: ReadonlySet<EditorAction> = new Set(["undo", "redo", "paste", "duplicate", "delete", "autoLayout"]);

/** The action a key press asks for, or null when it is not a shortcut. */
export function shortcutFor(press: KeyPress): EditorAction | null {
  if (press.altKey) return null;
  const mod = press.ctrlKey || press.metaKey;
  const key = press.key.length === 1 ? press.key.toLowerCase() : press.key;
  if (mod) {
    if (key === "z") return press.shiftKey ? "redo" : "undo";
    if (press.shiftKey) return null;
    switch (key) {
      case "y":
        return "redo";
      case "c":
        return "copy";
      case "v":
        return "paste";
      case "d":
        return "duplicate";
      case "a":
        return "selectAll";
      default:
        return null;
    }
  }
  if (press.key === "?") return "help";
  if (key === "Delete" || key === "Backspace") return press.shiftKey ? null : "delete";
  if (key === "l" && press.shiftKey) return "autoLayout";
  if (key === "f" && !press.shiftKey) return "fitView";
  return null;
}

/** What focus is on, as far as shortcuts care: duck-typed so it is testable without a DOM. */
export type FocusTarget = {
  tagName?: string;
  isContentEditable?: boolean;
  closest?: (selector: string) => unknown;
} | null;

/**
 * True when a key press belongs to something else: typing in a field (input,
 * textarea, select, contenteditable — code editors included) or anything inside
 * a dialog (which has its own keys). Shortcuts MUST NOT fire then.
 */
export function belongsToSomethingElse(target: FocusTarget): boolean {
  if (!target) return false;
  const tag = target.tagName?.toUpperCase();
  if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") return true;
  if (target.isContentEditable) return true;
  return Boolean(target.closest?.('dialog, [role="dialog"], [role="alertdialog"], [contenteditable="true"]'));
}

/** One line of the overlay: the keys (alternatives) and what they do. */
export type ShortcutHelp = { action: EditorAction; keys: readonly (readonly string[])[]; description: string };

/** Everything the overlay lists, in the order shown. `Mod` is shown as Ctrl or ⌘. */
export const SHORTCUT_HELP: readonly ShortcutHelp[] = [
  { action: "undo", keys: [["Mod", "Z"]], description: "Undo" },
  { action: "redo", keys: [["Mod", "Shift", "Z"], ["Ctrl", "Y"]], description: "Redo" },
  { action: "copy", keys: [["Mod", "C"]], description: "Copy the selected nodes" },
  { action: "paste", keys: [["Mod", "V"]], description: "Paste nodes in the middle of the view" },
  { action: "duplicate", keys: [["Mod", "D"]], description: "Duplicate the selected nodes" },
  { action: "delete", keys: [["Delete"], ["Backspace"]], description: "Delete the selected nodes and connections" },
  { action: "selectAll", keys: [["Mod", "A"]], description: "Select every node" },
  { action: "autoLayout", keys: [["Shift", "L"]], description: "Tidy up the layout" },
  { action: "fitView", keys: [["F"]], description: "Fit the whole workflow in view" },
  { action: "help", keys: [["?"]], description: "Show these shortcuts" },
];

/**
 * True when `text` looks like what `copySelection` puts on the clipboard
 * (`{ "nodes": [...], "edges": [...] }`), so pasting someone's unrelated
 * clipboard text does nothing.
 */
export function isNodeClipboard(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && Array.isArray((value as { nodes?: unknown }).nodes);
  } catch {
    return false;
  }
}
