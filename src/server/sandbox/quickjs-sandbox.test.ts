import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Json } from "@/engine/execution-types";
import type { SandboxResult } from "@/engine/ports";
import { createQuickJsSandbox, type QuickJsSandbox } from "./quickjs-sandbox";

const MiB = 1024 * 1024;
const STARTED = "2024-03-04T05:06:07.890Z";
const scope: Record<string, Json> = {
  input: { name: "Ada", items: [1, 2, 3], nested: { deep: [{ text: "ü 😀 \u2028 \"q\" \\" }] } },
  trigger: { body: { id: 7 } },
  nodes: { fetch: { status: 200, body: { ok: true } } },
  vars: { count: 2 },
  loop: { item: "b", index: 1, parent: null },
  error: { message: "boom", nodeId: "n1", type: "NodeError" },
  execution: { id: "exec-1", startedAt: STARTED, mode: "test" },
};

let sandbox: QuickJsSandbox;
beforeAll(async () => {
  sandbox = await createQuickJsSandbox();
});
afterAll(() => sandbox.dispose());

const expr = (source: string, s: Record<string, Json> = scope) => sandbox.evaluateExpression(source, s);
const code = (body: string, s: Record<string, Json> = scope) => sandbox.runCode(body, s);
const nodeError = (message: string): SandboxResult => ({ ok: false, error: { type: "NodeError", message } });
const value = (v: Json): SandboxResult => ({ ok: true, value: v });

describe("values", () => {
  it.each<Json>([0, -1.5, 1e21, "", "text", true, false, null, [], [1, "a", null], {}, { a: { b: [1, { c: "d" }] } }])(
    "round-trips %j",
    (v) => {
      expect(expr(JSON.stringify(v))).toEqual(value(v));
      expect(code(`return ${JSON.stringify(v)};`)).toEqual(value(v));
    },
  );

  it("evaluates an object literal without extra parentheses", () => {
    expect(expr("{ a: 1, b: [true, null] }")).toEqual(value({ a: 1, b: [true, null] }));
  });

  it("applies JSON semantics to values JSON cannot hold", () => {
    expect(expr("undefined")).toEqual(value(null));
    expect(expr("() => 1")).toEqual(value(null));
    expect(expr("Symbol('s')")).toEqual(value(null));
    expect(expr("[NaN, Infinity, -Infinity, undefined, () => 1]")).toEqual(value([null, null, null, null, null]));
    expect(expr("{ a: undefined, f() {}, s: Symbol('s'), b: 1 }")).toEqual(value({ b: 1 }));
    expect(expr("new Date(0)")).toEqual(value("1970-01-01T00:00:00.000Z"));
    expect(expr("new Map([[1, 2]])")).toEqual(value({}));
  });

  it("reports a result that is not JSON-serialisable", () => {
    expect(code("const o = {}; o.self = o; return o;")).toEqual(
      nodeError("result is not JSON-serialisable: TypeError: circular reference"),
    );
    expect(expr("10n")).toEqual(nodeError("result is not JSON-serialisable: TypeError: Do not know how to serialize a BigInt"));
  });

  it("refuses Promises: async code is out of scope", () => {
    expect(expr("Promise.resolve(1)")).toEqual(
      nodeError("expression must return a value synchronously (it returned a Promise; async code is not supported)"),
    );
    expect(code("return (async () => 1)();")).toEqual(
      nodeError("code must return a value synchronously (it returned a Promise; async code is not supported)"),
    );
  });

  it("caps the result at 8 MiB of JSON", () => {
    expect(code(`return "x".repeat(${8 * MiB});`)).toEqual({
      ok: false,
      error: { type: "SandboxLimit", message: `result is larger than 8 MiB of JSON (${8 * MiB + 2} characters)` },
    });
    const big = code(`return "y".repeat(${MiB});`);
    expect(big.ok && typeof big.value === "string" && big.value.length).toBe(MiB);
  });
});

describe("scope", () => {
  it("exposes every scope key as a global, by value", () => {
    expect(code("return { input, trigger, nodes, vars, loop, error, execution };")).toEqual(value(scope));
    expect(expr("nodes.fetch.status + vars.count")).toEqual(value(202));
    expect(expr("`${loop.item}#${loop.index} of ${execution.id}`")).toEqual(value("b#1 of exec-1"));
    expect(expr("input.nested.deep[0].text")).toEqual(value("ü 😀 \u2028 \"q\" \\"));
  });

  it("does not count the scope's own size against the memory limit", () => {
    const big = { input: Array.from({ length: 20_000 }, (_, i) => ({ i, text: "z".repeat(200) })) };
    expect(sandbox.runCode("return input.length;", big, { memoryBytes: 2 * MiB })).toEqual(value(20_000));
  });
});

describe("runCode", () => {
  it("wraps the body as a function: return gives the result, no return gives null", () => {
    expect(code("const xs = input.items.map((n) => n * 2);\nreturn xs.reduce((a, b) => a + b, 0);")).toEqual(value(12));
    expect(code("const unused = 1;")).toEqual(value(null));
    expect(code("return 5 // a trailing comment")).toEqual(value(5));
    expect(code('"use strict";\nundeclared = 1;')).toEqual(nodeError("ReferenceError: 'undeclared' is not defined (line 2)"));
  });

  it("offers a console and Math.random", () => {
    expect(code("console.log('hi'); console.error('x'); const r = Math.random(); return r >= 0 && r < 1;")).toEqual({
      ...value(true),
      logs: [
        { level: "log", message: "hi" },
        { level: "error", message: "x" },
      ],
    });
  });
});

describe("console in code (logs)", () => {
  it("captures every level, formatting arguments like Node does for JSON-ish values", () => {
    const result = code(`console.log("a", 1, true, null, undefined, { b: [1, "x"] });
console.info("info"); console.warn("warn"); console.error(new RangeError("r")); console.debug(2n, Symbol("s"), () => 1);
console.trace("not kept"); console.log(); return input.name;`);
    expect(result).toEqual({
      ok: true,
      value: "Ada",
      logs: [
        { level: "log", message: 'a 1 true null undefined {"b":[1,"x"]}' },
        { level: "info", message: "info" },
        { level: "warn", message: "warn" },
        { level: "error", message: "RangeError: r" },
        { level: "debug", message: "2n Symbol() [Function]" },
        { level: "log", message: "" },
      ],
    });
  });

  it("has no logs when nothing was printed", () => {
    expect(code("const x = 1; return x + 1;")).toStrictEqual(value(2));
  });

  it("keeps the lines printed before the code threw, timed out or returned something unusable", () => {
    expect(code("console.log('before'); throw new Error('boom');")).toEqual({
      ...nodeError("Error: boom (line 1)"),
      logs: [{ level: "log", message: "before" }],
    });
    const slow = sandbox.runCode("console.warn('looping'); while (true) {}", scope, { timeoutMs: 50 });
    expect(slow).toMatchObject({ ok: false, error: { type: "Timeout" }, logs: [{ level: "warn", message: "looping" }] });
    const cyclic = code("const a = {}; a.a = a; console.log('built'); return a;");
    expect(cyclic).toMatchObject({ ok: false, logs: [{ level: "log", message: "built" }] });
  });

  it("cuts lines at 2,000 characters and keeps 100 lines, then says how many were dropped", () => {
    const long = code("console.log('x'.repeat(5000)); return 1;");
    expect(long.logs).toHaveLength(1);
    expect(long.logs![0]!.message).toHaveLength(2000);
    expect(long.logs![0]!.message.endsWith("x\u2026")).toBe(true);
    const many = code("for (let i = 0; i < 250; i++) console.log('line ' + i); return 1;");
    expect(many.ok).toBe(true);
    expect(many.logs).toHaveLength(101);
    expect(many.logs![99]).toEqual({ level: "log", message: "line 99" });
    expect(many.logs![100]).toEqual({ level: "warn", message: "\u2026 150 more lines not kept" });
  });

  it("is not fooled by code that tampers with the intrinsics or console itself", () => {
    const result = code(`console.log("kept");
JSON.stringify = () => "{}"; Array.prototype.toJSON = () => "no"; String.prototype.slice = () => ({});
Object.defineProperty(Array.prototype, "0", { set() { throw new Error("trap"); }, configurable: true });
console.log({ a: 1 }); console = null; return 1;`);
    expect(result.ok).toBe(true);
    expect(result.logs?.[0]).toEqual({ level: "log", message: "kept" });
  });

  it("is never captured from expressions", () => {
    expect(expr("console.log('hi') ?? 3")).toStrictEqual(value(3));
  });

  it("does not leak from one run into the next", () => {
    code("console.log('first'); return 1;");
    expect(code("return 2;")).toStrictEqual(value(2));
  });
});

describe("isolation between evaluations", () => {
  it("does not carry globals from one evaluation to the next", () => {
    expect(code("globalThis.leak = 'secret'; var declared = 1; return leak;")).toEqual(value("secret"));
    expect(expr("typeof leak + ' ' + typeof declared")).toEqual(value("undefined undefined"));
    const counter = "globalThis.counter = (globalThis.counter ?? 0) + 1; return counter;";
    expect([code(counter), code(counter)]).toEqual([value(1), value(1)]);
  });

  it("does not carry modified built-ins over", () => {
    expect(code("Array.prototype.sum = function () { return 1; }; JSON.stringify = () => '\"hacked\"'; Date = null; return 1;")).toEqual(
      value(1),
    );
    expect(expr("[typeof [].sum, JSON.stringify({ a: 1 }), typeof Date]")).toEqual(value(["undefined", '{"a":1}', "function"]));
  });

  it("does not show one evaluation's scope to the next", () => {
    expect(sandbox.evaluateExpression("vars.secret", { vars: { secret: "s3" } })).toEqual(value("s3"));
    expect(sandbox.evaluateExpression("typeof vars", {})).toEqual(value("undefined"));
  });
});

describe("errors", () => {
  it("reports a thrown error as name: message, with the body's line for code", () => {
    expect(code("const a = 1;\nconst b = null;\nreturn b.x;")).toEqual(nodeError("TypeError: cannot read property 'x' of null (line 3)"));
    expect(code("function check(v) {\n  if (!v) throw new RangeError('empty');\n}\ncheck(0);")).toEqual(
      nodeError("RangeError: empty (line 2)"),
    );
    // The line is the innermost frame in the body: where the error object was created.
    expect(code("class ValidationError extends Error { name = 'ValidationError' }\nthrow new ValidationError('bad input');")).toEqual(
      nodeError("ValidationError: bad input (line 1)"),
    );
    expect(expr("input.missing.deep")).toEqual(nodeError("TypeError: cannot read property 'deep' of undefined"));
  });

  it("reports thrown non-errors", () => {
    expect(code("throw 'boom';")).toEqual(nodeError("Uncaught boom"));
    expect(code("throw { code: 42 };")).toEqual(nodeError('Uncaught {"code":42}'));
    expect(code("throw null;")).toEqual(nodeError("Uncaught null"));
  });

  it("reports syntax errors as SyntaxError", () => {
    expect(code("let a = 1;\na b;")).toEqual(nodeError("SyntaxError: expecting ';' (line 2)"));
    for (const source of ["1 +", "1; 2", "", "return 1"]) {
      const result = expr(source);
      expect(result.ok === false && result.error.type).toBe("NodeError");
      expect(result.ok === false && result.error.message).toMatch(/^SyntaxError: /);
    }
  });

  it("survives hostile thrown values", () => {
    expect(code("throw { get message() { throw new Error('nope'); } };")).toEqual(
      nodeError("Uncaught (a value that could not be described)"),
    );
    expect(sandbox.runCode("throw { get message() { for (;;) {} } };", {}, { timeoutMs: 50 })).toEqual({
      ok: false,
      error: { type: "Timeout", message: "code ran longer than 50 ms" },
    });
  });
});

describe("limits", () => {
  it("stops an expression at its 100 ms default and code at the given timeout", () => {
    expect(expr("(() => { for (;;) {} })()")).toEqual({
      ok: false,
      error: { type: "Timeout", message: "expression ran longer than 100 ms" },
    });
    expect(sandbox.runCode("try { for (;;) {} } catch (e) { return 'caught'; }", {}, { timeoutMs: 50 })).toEqual({
      ok: false,
      error: { type: "Timeout", message: "code ran longer than 50 ms" },
    });
  });

  it("applies the memory limit per evaluation", () => {
    const body = `return "x".repeat(${16 * MiB}).length;`;
    expect(sandbox.runCode(body, {}, { timeoutMs: 10_000 })).toEqual(value(16 * MiB));
    expect(sandbox.runCode(body, {}, { timeoutMs: 10_000, memoryBytes: 8 * MiB })).toEqual({
      ok: false,
      error: { type: "SandboxLimit", message: "code used more than 8 MiB of memory" },
    });
    expect(code("return 1 + 1;")).toEqual(value(2));
  });

  it("lets code catch its own failed allocation", () => {
    expect(code("try { 'x'.repeat(2 ** 28); } catch (e) { return String(e); }")).toEqual(value("InternalError: out of memory"));
  });

  it("allows reasonable recursion and stops runaway recursion", () => {
    expect(code("function depth(n) { return n === 0 ? 0 : 1 + depth(n - 1); }\nreturn depth(500);")).toEqual(value(500));
    expect(code("function f() { return f(); }\nreturn f();")).toEqual({
      ok: false,
      error: { type: "SandboxLimit", message: "maximum call stack size exceeded" },
    });
  });

  it("takes defaults from the options and refuses work once disposed", async () => {
    const quick = await createQuickJsSandbox({ defaultTimeoutMs: 30, defaultMemoryBytes: 4 * MiB });
    expect(quick.runCode("for (;;) {}", {})).toEqual({ ok: false, error: { type: "Timeout", message: "code ran longer than 30 ms" } });
    expect(quick.runCode(`return "x".repeat(${8 * MiB}).length;`, {}, { timeoutMs: 10_000 })).toEqual({
      ok: false,
      error: { type: "SandboxLimit", message: "code used more than 4 MiB of memory" },
    });
    quick.dispose();
    expect(quick.evaluateExpression("1", {})).toEqual(nodeError("the sandbox has been disposed"));
  });
});
