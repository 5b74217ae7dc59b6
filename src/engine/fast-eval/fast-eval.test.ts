import { describe, expect, it } from "vitest";
import type { Json } from "../execution-types";
import type { Sandbox } from "../ports";
import { fakeSandbox } from "../interpreter/test-harness";
import { tryCode, tryExpression, withFastPath } from "./index";

const scope: Record<string, Json> = {
  input: { customer: { id: "c-1", tags: ["a", "b"] }, n: 3, name: "Ada", nothing: null, "odd key": 1, zero: 0 },
  trigger: { items: [10, 20, 30], flag: true },
  nodes: { fetch: { body: [{ ok: true }] } },
  loop: { item: 7, index: 0, parent: null },
};

describe("fast-eval answers like JavaScript", () => {
  it.each<[string, Json]>([
    // plain paths
    ["input.customer.id", "c-1"],
    ["trigger.items", [10, 20, 30]],
    ["trigger.items[1]", 20],
    ["trigger.items.length", 3],
    ["input.name.length", 3],
    [" nodes.fetch.body[0].ok ", true],
    ["input.missing", null],
    ["trigger.items[9]", null],
    ["input.nothing", null],
    ["input . customer . tags [ 1 ]", "b"],
    ["input['odd key']", 1],
    ['input["name"][0]', "A"],
    ["trigger.items[input.zero]", 10],
    // operators on primitives
    ["input.n + 1", 4],
    ["input.name + '!' + input.n", "Ada!3"],
    ["1 + 2 * 3 - 4 / 2 % 3", 5],
    ["(1 + 2) * 3", 9],
    ["-input.n", -3],
    ["+'42'", 42],
    ["'5' * '2'", 10],
    ["true + 1", 2],
    ["null + 1", 1],
    ["undefined + 1", null], // NaN → null, as JSON makes it
    ["1 / 0", null],
    ["-0", 0],
    ["0.1 + 0.2", 0.30000000000000004],
    ["'b' > 'a'", true],
    ["input.n >= 3 && input.n < 4", true],
    ["input.n === 3", true],
    ["input.n == '3'", true],
    ["input.nothing == undefined", true],
    ["input.customer == null", false],
    ["input.customer != null", true],
    ["input.customer === input.n", false],
    ["!input.nothing", true],
    ["typeof input.name", "string"],
    ["typeof input.missing", "undefined"],
    ["typeof input.customer", "object"],
    // short circuit and conditional
    ["input.missing || 'default'", "default"],
    ["input.zero ?? 5", 0],
    ["input.nothing ?? 5", 5],
    ["input.n > 2 ? 'big' : 'small'", "big"],
    ["input.n > 5 ? 'big' : input.n > 2 ? 'medium' : 'small'", "medium"],
    ["(input.zero || input.nothing) ?? 'x'", "x"],
    // optional chaining
    ["input.missing?.deeper", null],
    ["input.nothing?.x.y.z", null],
    ["input.customer?.id", "c-1"],
    ["input.missing?.[0]", null],
    // literals
    ["{ a: input.n, 'b c': [1, input.name], d: undefined }", { a: 3, "b c": [1, "Ada"] }],
    ["[1, undefined, 1 / 0]", [1, null, null]],
    ["{ input }", { input: scope.input! }],
  ])("%s", (source, expected) => {
    expect(tryExpression(source, scope)).toEqual({ ok: true, value: expected });
    expect(fakeSandbox.evaluateExpression(source, scope)).toEqual({ ok: true, value: expected });
  });

  it.each([
    "input.missing.deeper", // a TypeError the sandbox words
    "input.nothing.x",
    "input.constructor", // inherited
    "input.customer.toString",
    "trigger.items.map", // array method
    "trigger.items.map(x => x)", // calls
    "input.name.toUpperCase()",
    "input.n.toFixed", // number method
    "Math.PI", // not in scope
    "unknownName",
    "this",
    "new Date()",
    "`template ${input.n}`",
    "input.n ** 2",
    "input.n = 2",
    "input.n++",
    "a => a",
    "input.n, input.name",
    "[...trigger.items]",
    "{ ...input }",
    "{ __proto__: null }",
    "{ [input.name]: 1 }",
    "{ get x() { return 1 } }",
    "input.customer + 1", // object to primitive
    "trigger.items == '10,20,30'",
    "input.customer === input.customer", // identity of copies
    "input.customer < 1",
    "-input.customer",
    "input['constructor']",
    "input[input.customer]",
    "trigger.items[-1]",
    "trigger.items[1.5]",
    "'a' || 'b' ?? 'c'", // a SyntaxError in JavaScript
    "012",
    "0x10",
    "1_000",
    "10n",
    "'\\u0041'",
    "/re/.test('x')",
    "input.n // comment",
    "input.n in trigger",
    "'line\nbreak'",
    "input.n;",
    "{ 2: 'b', 1: 'a' }", // number keys
  ])("leaves %s to the sandbox", (source) => {
    expect(tryExpression(source, scope)).toBeUndefined();
  });
});

describe("fast-eval of code bodies", () => {
  it.each<[string, Json]>([
    ["return input.n + 1;", 4],
    ["return { n: input.n + 1 };", { n: 4 }],
    ["  return loop.item * 2  ", 14],
    ["return;", null],
    ["return", null],
    ["return input\n  .n", 3],
  ])("%s", (body, expected) => {
    expect(tryCode(body, scope)).toEqual({ ok: true, value: expected });
    expect(fakeSandbox.runCode(body, scope)).toEqual({ ok: true, value: expected });
  });

  it.each([
    "return\ninput.n", // automatic semicolon insertion: returns undefined
    "const x = 1; return x;",
    "input.n + 1",
    "return input.n;;",
    "return input.n; return 2;",
    "if (input.n) return 1;",
    "return console.log(1)",
    "return console;",
    "return input.console;",
  ])("leaves %j to the sandbox", (body) => {
    expect(tryCode(body, scope)).toBeUndefined();
  });
});

describe("withFastPath", () => {
  it("asks the sandbox only for what it cannot answer, with the caller's limits", () => {
    const calls: string[] = [];
    const sandbox: Sandbox = {
      evaluateExpression: (source, _scope, limits) => (calls.push(`expr ${source} ${limits?.timeoutMs}`), { ok: true, value: "sandbox" }),
      runCode: (body, _scope, limits) => (calls.push(`code ${body} ${limits?.timeoutMs}`), { ok: true, value: "sandbox" }),
    };
    const fast = withFastPath(sandbox);
    expect(fast.evaluateExpression("input.n * 2", scope)).toEqual({ ok: true, value: 6 });
    expect(fast.evaluateExpression("Math.max(1, 2)", scope, { timeoutMs: 5 })).toEqual({ ok: true, value: "sandbox" });
    expect(fast.runCode("return input.n;", scope)).toEqual({ ok: true, value: 3 });
    expect(fast.runCode("return Date.now();", scope, { timeoutMs: 7 })).toEqual({ ok: true, value: "sandbox" });
    expect(calls).toEqual(["expr Math.max(1, 2) 5", "code return Date.now(); 7"]);
  });

  it("gives the same answer from its cache the second time, over a different scope", () => {
    expect(tryExpression("loop.item * 2", { loop: { item: 1 } })).toEqual({ ok: true, value: 2 });
    expect(tryExpression("loop.item * 2", { loop: { item: 5 } })).toEqual({ ok: true, value: 10 });
    expect(tryExpression("loop.item * 2", { loop: { item: [1] } })).toBeUndefined(); // [1] * 2 converts an array
  });
});
