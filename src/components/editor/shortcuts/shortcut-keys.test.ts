import { describe, expect, it } from "vitest";
import { belongsToSomethingElse, EDITING_ACTIONS, isNodeClipboard, SHORTCUT_HELP, shortcutFor, type KeyPress } from "./shortcut-keys";

const press = (key: string, mods: Partial<Omit<KeyPress, "key">> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe("shortcutFor", () => {
  it.each([
    [press("z", { ctrlKey: true }), "undo"],
    [press("z", { metaKey: true }), "undo"],
    [press("Z", { ctrlKey: true, shiftKey: true }), "redo"],
    [press("z", { metaKey: true, shiftKey: true }), "redo"],
    [press("y", { ctrlKey: true }), "redo"],
    [press("c", { ctrlKey: true }), "copy"],
    [press("v", { metaKey: true }), "paste"],
    [press("d", { ctrlKey: true }), "duplicate"],
    [press("a", { ctrlKey: true }), "selectAll"],
    [press("Delete"), "delete"],
    [press("Backspace"), "delete"],
    [press("L", { shiftKey: true }), "autoLayout"],
    [press("f"), "fitView"],
    [press("?", { shiftKey: true }), "help"],
  ] as const)("%o → %s", (keyPress, action) => {
    expect(shortcutFor(keyPress)).toBe(action);
  });

  it("ignores plain typing and other combinations", () => {
    expect(shortcutFor(press("l"))).toBeNull();
    expect(shortcutFor(press("F", { shiftKey: true }))).toBeNull();
    expect(shortcutFor(press("c"))).toBeNull();
    expect(shortcutFor(press("z", { ctrlKey: true, altKey: true }))).toBeNull();
    expect(shortcutFor(press("c", { ctrlKey: true, shiftKey: true }))).toBeNull();
    expect(shortcutFor(press("Enter"))).toBeNull();
  });
});

describe("belongsToSomethingElse", () => {
  const element = (tagName: string, extra: { isContentEditable?: boolean; inDialog?: boolean } = {}) => ({
    tagName,
    isContentEditable: extra.isContentEditable ?? false,
    closest: (selector: string) => (extra.inDialog && selector.includes("dialog") ? {} : null),
  });

  it("leaves keys in fields and dialogs alone", () => {
    expect(belongsToSomethingElse(element("INPUT"))).toBe(true);
    expect(belongsToSomethingElse(element("textarea"))).toBe(true);
    expect(belongsToSomethingElse(element("SELECT"))).toBe(true);
    expect(belongsToSomethingElse(element("DIV", { isContentEditable: true }))).toBe(true);
    expect(belongsToSomethingElse(element("BUTTON", { inDialog: true }))).toBe(true);
  });

  it("takes keys on the page, the canvas and its nodes", () => {
    expect(belongsToSomethingElse(null)).toBe(false);
    expect(belongsToSomethingElse(element("BODY"))).toBe(false);
    expect(belongsToSomethingElse(element("DIV"))).toBe(false);
  });
});

describe("SHORTCUT_HELP", () => {
  it("lists every action once", () => {
    const actions = SHORTCUT_HELP.map((line) => line.action);
    expect(new Set(actions).size).toBe(actions.length);
    expect(actions).toHaveLength(10);
    for (const action of EDITING_ACTIONS) expect(actions).toContain(action);
  });
});

describe("isNodeClipboard", () => {
  it("accepts copied nodes and refuses other text", () => {
    expect(isNodeClipboard('{"nodes":[],"edges":[]}')).toBe(true);
    expect(isNodeClipboard("hello")).toBe(false);
    expect(isNodeClipboard('{"name":"x"}')).toBe(false);
    expect(isNodeClipboard("null")).toBe(false);
  });
});
