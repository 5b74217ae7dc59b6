import { describe, expect, it } from "vitest";
import { z } from "zod";
import { containsExpression, isWholeExpression, orExpression, parseTemplate, TemplateWithExpression } from "./expression";

describe("parseTemplate", () => {
  it("splits text and expressions, trimming expression sources", () => {
    expect(parseTemplate("Hello {{ input.name }}, you owe {{input.total}}.")).toEqual([
      { kind: "text", text: "Hello " },
      { kind: "expression", source: "input.name" },
      { kind: "text", text: ", you owe " },
      { kind: "expression", source: "input.total" },
      { kind: "text", text: "." },
    ]);
  });

  it("keeps braces and strings that belong to the expression inside it", () => {
    expect(parseTemplate("{{ {a: {b: 1}} }}")).toEqual([{ kind: "expression", source: "{a: {b: 1}}" }]);
    expect(parseTemplate('{{ "}}" + input }}')).toEqual([{ kind: "expression", source: '"}}" + input' }]);
    expect(parseTemplate("{{ `a}}b` }}")).toEqual([{ kind: "expression", source: "`a}}b`" }]);
    expect(parseTemplate("{{ 'it\\'s }}' }}")).toEqual([{ kind: "expression", source: "'it\\'s }}'" }]);
  });

  it("treats an unclosed or empty {{ as text", () => {
    expect(parseTemplate("a {{ b")).toEqual([{ kind: "text", text: "a {{ b" }]);
    expect(parseTemplate("a {{ }} b")).toEqual([{ kind: "text", text: "a {{ }} b" }]);
    expect(parseTemplate("")).toEqual([]);
  });
});

describe("isWholeExpression", () => {
  it.each([
    ["{{ input.count }}", true],
    ["{{input}}", true],
    ["{{ [1, 2].map(x => ({ x })) }}", true],
    ["{{ a }} {{ b }}", false],
    ["count: {{ a }}", false],
    [" {{ a }}", false],
    ["{{ }}", false],
    ["plain", false],
    [5, false],
  ])("%j → %s", (value, expected) => {
    expect(isWholeExpression(value)).toBe(expected);
  });
});

describe("containsExpression", () => {
  it.each([
    ["count: {{ a }}", true],
    ["{{ a }}", true],
    ["{{ a", false],
    ["no braces", false],
    [null, false],
  ])("%j → %s", (value, expected) => {
    expect(containsExpression(value)).toBe(expected);
  });
});

describe("orExpression", () => {
  const Seconds = orExpression(z.number().min(0));

  it("accepts the literal or a whole expression", () => {
    expect(Seconds.parse(5)).toBe(5);
    expect(Seconds.parse("{{ input.wait }}")).toBe("{{ input.wait }}");
  });

  it("refuses text that is not wholly an expression", () => {
    expect(Seconds.safeParse("{{ input.wait }} s").success).toBe(false);
    expect(Seconds.safeParse("5").success).toBe(false);
    expect(Seconds.safeParse(-1).success).toBe(false);
  });
});

describe("TemplateWithExpression", () => {
  it("requires at least one expression", () => {
    expect(TemplateWithExpression.safeParse("Dear {{ item.name }}").success).toBe(true);
    expect(TemplateWithExpression.safeParse("item.name").success).toBe(false);
  });
});
