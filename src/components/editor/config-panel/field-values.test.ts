import { describe, expect, it } from "vitest";
import { nodeProblem } from "@/engine/problem";
import {
  expressionOf,
  looseJsonFromText,
  looseJsonTextOf,
  messageAt,
  moveItem,
  numberFromText,
  parseJsonText,
  problemsAt,
  recordOf,
  rowsOf,
  withKey,
} from "./field-values";

describe("problemsAt / messageAt", () => {
  const url = nodeProblem("fetch", "must be an absolute URL", ["config", "url"]);
  const handle = nodeProblem("route", "is already used", ["config", "cases", 1, "handle"]);
  const urls = nodeProblem("fetch", "other", ["config", "urls"]);

  it("finds a field's own and nested problems, not a sibling's with the same prefix", () => {
    expect(problemsAt([url, handle, urls], "config.url")).toEqual([url]);
    expect(problemsAt([url, handle, urls], "config.cases")).toEqual([handle]);
  });

  it("drops the field already shown, keeps the nested part", () => {
    expect(messageAt(url, "config.url")).toBe("must be an absolute URL");
    expect(messageAt(handle, "config.cases")).toBe("[1].handle: is already used");
  });
});

describe("numbers", () => {
  it("keeps text that is not a number yet, and empties to undefined", () => {
    expect(numberFromText("42")).toBe(42);
    expect(numberFromText(" 1.5 ")).toBe(1.5);
    expect(numberFromText("")).toBeUndefined();
    expect(numberFromText("12a")).toBe("12a");
  });
});

describe("JSON", () => {
  it("parses strictly and names the problem", () => {
    expect(parseJsonText('{"a": 1}')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseJsonText("")).toEqual({ ok: true, value: undefined });
    const bad = parseJsonText("{a:");
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toMatch(/^not valid JSON/);
  });

  it("loose JSON round-trips strings that look like other values", () => {
    expect(looseJsonFromText("hello")).toBe("hello");
    expect(looseJsonFromText("42")).toBe(42);
    expect(looseJsonFromText("{{ input.x }}")).toBe("{{ input.x }}");
    for (const value of ["42", "hello", 42, true, null, { a: 1 }, "{{ input }}", '"quoted"']) {
      expect(looseJsonFromText(looseJsonTextOf(value))).toEqual(value);
    }
  });

  it("turns a fixed value into an expression", () => {
    expect(expressionOf(true)).toBe("{{ true }}");
    expect(expressionOf(undefined)).toBe("{{  }}");
    expect(expressionOf("{{ input.ok }}")).toBe("{{ input.ok }}");
  });
});

describe("rows and objects", () => {
  it("converts records to rows and back, leaving out rows without a key", () => {
    const rows = rowsOf({ a: 1, b: "x" }, looseJsonTextOf);
    expect(rows).toEqual([{ key: "a", value: "1" }, { key: "b", value: "x" }]);
    expect(recordOf([...rows, { key: "", value: "2" }], looseJsonFromText)).toEqual({ a: 1, b: "x" });
  });

  it("sets and removes keys without touching the original", () => {
    const original = { a: 1 };
    expect(withKey(original, "b", 2)).toEqual({ a: 1, b: 2 });
    expect(withKey(original, "a", undefined)).toEqual({});
    expect(original).toEqual({ a: 1 });
  });

  it("moves list items", () => {
    expect(moveItem(["a", "b", "c"], 0, 1)).toEqual(["b", "a", "c"]);
    expect(moveItem(["a", "b", "c"], 2, 1)).toEqual(["a", "c", "b"]);
    expect(moveItem(["a", "b"], 1, 2)).toEqual(["a", "b"]);
  });
});
