import { describe, expect, it } from "vitest";
import { cantRunHeading, loadRunInput, parseRunInput, runInputStorageKey, saveRunInput, type RunInputStorage } from "./run-input";

/** A localStorage stand-in backed by a plain object. */
function memoryStorage(initial: Record<string, string> = {}): RunInputStorage & { items: Record<string, string> } {
  const items = { ...initial };
  return {
    items,
    getItem: (key) => (key in items ? items[key]! : null),
    setItem: (key, value) => {
      items[key] = value;
    },
  };
}

const throwingStorage: RunInputStorage = {
  getItem: () => {
    throw new Error("SecurityError: storage is disabled");
  },
  setItem: () => {
    throw new Error("QuotaExceededError");
  },
};

describe("parseRunInput", () => {
  it("accepts any JSON value", () => {
    expect(parseRunInput('{ "name": "Ada", "items": [1, 2] }')).toEqual({ ok: true, value: { name: "Ada", items: [1, 2] } });
    expect(parseRunInput("[1, 2]")).toEqual({ ok: true, value: [1, 2] });
    expect(parseRunInput("42")).toEqual({ ok: true, value: 42 });
    expect(parseRunInput('"text"')).toEqual({ ok: true, value: "text" });
    expect(parseRunInput("null")).toEqual({ ok: true, value: null });
  });

  it("runs blank text with an empty object", () => {
    expect(parseRunInput("")).toEqual({ ok: true, value: {} });
    expect(parseRunInput("  \n ")).toEqual({ ok: true, value: {} });
  });

  it("explains text that is not JSON", () => {
    const parsed = parseRunInput('{ "name": Ada }');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(/^Not valid JSON: /);
    expect(parseRunInput("{ 'single': 1 }").ok).toBe(false);
    expect(parseRunInput('{ "a": 1, }').ok).toBe(false);
  });
});

describe("remembering the input per workflow", () => {
  it("stores under switchyard:run-input:<workflowId>", () => {
    expect(runInputStorageKey("wf_1")).toBe("switchyard:run-input:wf_1");
    const storage = memoryStorage();
    saveRunInput(storage, "wf_1", '{ "n": 1 }');
    expect(storage.items).toEqual({ "switchyard:run-input:wf_1": '{ "n": 1 }' });
  });

  it("gives back what was saved for that workflow, and {} for others", () => {
    const storage = memoryStorage();
    saveRunInput(storage, "wf_1", '{ "n": 1 }');
    saveRunInput(storage, "wf_2", "[]");
    expect(loadRunInput(storage, "wf_1")).toBe('{ "n": 1 }');
    expect(loadRunInput(storage, "wf_2")).toBe("[]");
    expect(loadRunInput(storage, "wf_3")).toBe("{}");
  });

  it("remembers unfinished (invalid) text too, so an edit is not lost", () => {
    const storage = memoryStorage();
    saveRunInput(storage, "wf_1", '{ "n": ');
    expect(loadRunInput(storage, "wf_1")).toBe('{ "n": ');
  });

  it("treats missing or failing storage as nothing remembered", () => {
    expect(loadRunInput(undefined, "wf_1")).toBe("{}");
    expect(loadRunInput(throwingStorage, "wf_1")).toBe("{}");
    expect(() => saveRunInput(throwingStorage, "wf_1", "{}")).not.toThrow();
    expect(() => saveRunInput(undefined, "wf_1", "{}")).not.toThrow();
  });
});

describe("cantRunHeading", () => {
  it("counts the problems in words", () => {
    expect(cantRunHeading(1)).toBe("Can't run: 1 problem");
    expect(cantRunHeading(3)).toBe("Can't run: 3 problems");
  });
});
