import { describe, expect, it } from "vitest";
import { z } from "zod";
import { orExpression } from "./expression";
import { describeIssues, describeValue, formatFieldPath, knownKeysAt } from "./issue-messages";

function describe_(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return [];
  return describeIssues(result.error.issues, schema).map(({ path, text }) => `${formatFieldPath(path)}: ${text}`);
}

describe("formatFieldPath", () => {
  it("joins names with dots, indexes with brackets, and quotes unusual keys", () => {
    expect(formatFieldPath(["config", "cases", 1, "handle"])).toBe("config.cases[1].handle");
    expect(formatFieldPath(["config", "values", "first name"])).toBe('config.values["first name"]');
    expect(formatFieldPath([2])).toBe("[2]");
    expect(formatFieldPath([])).toBe("");
  });
});

describe("describeValue", () => {
  it("shows short values and names the kind of long or nested ones", () => {
    expect(describeValue("ten")).toBe('"ten"');
    expect(describeValue("x".repeat(50))).toBe(`"${"x".repeat(40)}…"`);
    expect(describeValue(1.5)).toBe("1.5");
    expect(describeValue(false)).toBe("false");
    expect(describeValue(null)).toBe("null");
    expect(describeValue([1])).toBe("a list");
    expect(describeValue({})).toBe("an object");
    expect(describeValue(undefined)).toBe("nothing");
  });
});

describe("describeIssues", () => {
  const Settings = z.strictObject({
    retries: z.int().min(0).max(5),
    mode: z.enum(["fast", "safe"]),
    tags: z.array(z.string()).min(1).max(2),
    label: z.string().min(3),
    wait: orExpression(z.number().positive()),
    nested: z.strictObject({ deepField: z.boolean() }).optional(),
  });
  const valid = { retries: 1, mode: "fast", tags: ["a"], label: "abc", wait: 1 };

  it("says which fields are missing", () => {
    expect(describe_(Settings, {})).toEqual([
      "retries: this field is required",
      "mode: this field is required (one of fast, safe)",
      "tags: this field is required",
      "label: this field is required",
      "wait: this field is required",
    ]);
  });

  it("describes wrong types, sizes and options in words", () => {
    expect(describe_(Settings, { ...valid, retries: 9, mode: "slow", tags: [], label: "ab" })).toEqual([
      "retries: must be at most 5, got 9",
      'mode: expected one of fast, safe, got "slow"',
      "tags: must have at least one item",
      "label: must be at least 3 characters long",
    ]);
    expect(describe_(Settings, { ...valid, retries: "2", tags: ["a", "b", "c"] })).toEqual([
      'retries: expected a whole number, got "2"',
      "tags: must have at most 2 items",
    ]);
  });

  it("explains a value that is neither the literal nor an expression", () => {
    expect(describe_(Settings, { ...valid, wait: "later" })).toEqual([
      'wait: expected a number or an expression in {{ }}, got "later"',
    ]);
    expect(describe_(Settings, { ...valid, wait: 0 })).toEqual(["wait: must be greater than 0, got 0"]);
  });

  it("names unknown fields one by one with a hint when one is close", () => {
    expect(describe_(Settings, { ...valid, retires: 1, zzz: 2, nested: { deepfield: true } })).toEqual([
      "nested.deepField: this field is required",
      'nested.deepfield: unknown field (did you mean "deepField"?)',
      'retires: unknown field (did you mean "retries"?)',
      "zzz: unknown field",
    ]);
  });

  it("uses the schema's own message for refinements", () => {
    const Even = z.int().refine((n) => n % 2 === 0, { error: "must be even" });
    expect(describe_(z.strictObject({ n: Even }), { n: 3 })).toEqual(["n: must be even"]);
  });
});

describe("knownKeysAt", () => {
  it("finds object keys through optional fields, arrays and unions", () => {
    const Schema = z.strictObject({
      items: z.array(z.strictObject({ handle: z.string(), equals: z.number() })).optional(),
      value: orExpression(z.strictObject({ a: z.number() })),
    });
    expect(knownKeysAt(Schema, [])).toEqual(["items", "value"]);
    expect(knownKeysAt(Schema, ["items", 0])).toEqual(["handle", "equals"]);
    expect(knownKeysAt(Schema, ["value"])).toEqual(["a"]);
    expect(knownKeysAt(Schema, ["missing"])).toEqual([]);
  });
});
