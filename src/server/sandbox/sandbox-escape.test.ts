import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Json } from "@/engine/execution-types";
import { SandboxUnavailableError, type SandboxResult } from "@/engine/ports";
import { createQuickJsSandbox, type QuickJsSandbox } from "./quickjs-sandbox";

// Every attempt must fail SAFELY, and each test pins the exact outcome.
// Tests run in order; the last one checks the same instance still works.

const STARTED = "2024-03-04T05:06:07.890Z";
const STARTED_MS = Date.parse(STARTED);
const scope = (): Record<string, Json> => ({
  input: { a: 1, list: [1, 2], nested: { b: "x" } },
  execution: { id: "exec-1", startedAt: STARTED, mode: "normal" },
});

let sandbox: QuickJsSandbox;
beforeAll(async () => {
  sandbox = await createQuickJsSandbox();
});
afterAll(() => sandbox.dispose());

const expr = (source: string) => sandbox.evaluateExpression(source, scope());
const code = (body: string, timeoutMs?: number) => sandbox.runCode(body, scope(), timeoutMs ? { timeoutMs } : undefined);
const nodeError = (message: string): SandboxResult => ({ ok: false, error: { type: "NodeError", message } });
const value = (v: Json): SandboxResult => ({ ok: true, value: v });
const notDefined = (name: string) => nodeError(`ReferenceError: '${name}' is not defined`);

describe("reaching the host through constructors", () => {
  it("this.constructor.constructor('return process')()", () => {
    expect(expr("this.constructor.constructor('return process')()")).toEqual(notDefined("process"));
  });

  it("({}).constructor.constructor('return globalThis.process')()", () => {
    expect(expr("({}).constructor.constructor('return globalThis.process')()")).toEqual(value(null));
    expect(expr("({}).constructor.constructor('return globalThis.process.mainModule')()")).toEqual(
      nodeError("TypeError: cannot read property 'mainModule' of undefined"),
    );
  });

  it("Function('return this')().process", () => {
    expect(expr("Function('return this')().process")).toEqual(value(null));
    expect(expr("Object.getOwnPropertyNames(Function('return this')()).filter((k) => /^(process|require|module|exports|Buffer|global)$/.test(k))")).toEqual(
      value([]),
    );
  });

  it("a template literal that calls the Function constructor", () => {
    expect(expr("`${constructor.constructor('return process')()}`")).toEqual(notDefined("process"));
  });

  it("tagged templates and String.raw reach only the guest's Function", () => {
    expect(expr("Function`return process```")).toEqual(notDefined("process"));
    expect(expr("String.raw`${constructor.constructor('return this')().process}`")).toEqual(value("undefined"));
    expect(expr("`${[typeof process, typeof require, typeof module]}`")).toEqual(value("undefined,undefined,undefined"));
  });

  it("arguments.callee.caller and Function.prototype.caller give nothing of the host", () => {
    expect(expr("(function () { return arguments.callee.caller; })()")).toEqual(value(null));
    expect(code("function f() { return typeof f.caller; }\nreturn f();")).toEqual(value("undefined"));
  });

  it("eval of host names", () => {
    expect(expr("eval('process')")).toEqual(notDefined("process"));
    expect(expr("[typeof process, typeof require, typeof module, typeof Buffer, typeof global]")).toEqual(
      value(["undefined", "undefined", "undefined", "undefined", "undefined"]),
    );
  });
});

describe("I/O, modules and timers", () => {
  it("import('fs') yields a Promise, which is refused", () => {
    expect(expr("import('fs')")).toEqual(
      nodeError("expression must return a value synchronously (it returned a Promise; async code is not supported)"),
    );
    expect(code("import fs from 'fs';\nreturn fs;")).toEqual(nodeError("SyntaxError: expecting '(' (line 1)"));
  });

  it("require('fs')", () => {
    expect(code("return require('fs').readFileSync('/etc/passwd', 'utf8');")).toEqual(
      nodeError("ReferenceError: 'require' is not defined (line 1)"),
    );
  });

  it("globalThis.fetch", () => {
    expect(expr("globalThis.fetch")).toEqual(value(null));
    expect(expr("fetch('http://169.254.169.254/')")).toEqual(notDefined("fetch"));
    expect(expr("[typeof XMLHttpRequest, typeof WebSocket, typeof std, typeof os]")).toEqual(
      value(["undefined", "undefined", "undefined", "undefined"]),
    );
  });

  it("setTimeout / setInterval / queueMicrotask", () => {
    expect(expr("setTimeout(() => {}, 0)")).toEqual(notDefined("setTimeout"));
    expect(expr("setInterval(() => {}, 0)")).toEqual(notDefined("setInterval"));
    expect(expr("[typeof setImmediate, typeof queueMicrotask]")).toEqual(value(["undefined", "undefined"]));
  });
});

describe("state that must not leak", () => {
  it("prototype pollution stays in its own evaluation", () => {
    expect(code("Object.prototype.polluted = 1; Array.prototype.polluted = 2; return ({}).polluted + [].polluted;")).toEqual(
      value(3),
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
    expect(expr("[({}).polluted, [].polluted, 'polluted' in {}]")).toEqual(value([null, null, false]));
  });

  it("mutating input in the guest does not change the host object", () => {
    const hostScope = scope();
    const before = structuredClone(hostScope);
    const result = sandbox.runCode(
      "input.a = 2; input.list.push(3); delete input.nested; input.__proto__.x = 1; return input;",
      hostScope,
    );
    expect(result).toEqual(value({ a: 2, list: [1, 2, 3] }));
    expect(hostScope).toEqual(before);
    expect(sandbox.runCode("return input;", hostScope)).toEqual(value(before.input!));
  });
});

describe("resource exhaustion", () => {
  it("while(true){} times out", () => {
    expect(code("while (true) {}", 200)).toEqual({ ok: false, error: { type: "Timeout", message: "code ran longer than 200 ms" } });
  });

  it("for(;;){ a.push(new Array(1e6)) } hits the memory limit", () => {
    const limit: SandboxResult = { ok: false, error: { type: "SandboxLimit", message: "code used more than 32 MiB of memory" } };
    expect(code("const a = [];\nfor (;;) { a.push(new Array(1e6)); }", 20_000)).toEqual(limit);
    expect(code("const a = [];\nfor (;;) { a.push(new Array(1e6).fill(0)); }", 20_000)).toEqual(limit);
  });

  it("'x'.repeat(2**28) hits the memory limit", () => {
    expect(expr("'x'.repeat(2**28)")).toEqual({
      ok: false,
      error: { type: "SandboxLimit", message: "expression used more than 32 MiB of memory" },
    });
  });

  it("an endless loop in an expression times out at the expression deadline", () => {
    expect(expr("(() => { for (;;) {} })()")).toEqual({ ok: false, error: { type: "Timeout", message: "expression ran longer than 100 ms" } });
  });

  it("catastrophic regular-expression backtracking times out", () => {
    expect(code("return /(a+)+$/.test('a'.repeat(40) + 'b');", 200)).toEqual({ ok: false, error: { type: "Timeout", message: "code ran longer than 200 ms" } });
  });

  it("string doubling hits QuickJS's string length cap (ropes share halves), reported as a sandbox limit", () => {
    expect(code("let s = 'x';\nfor (;;) s += s;", 5_000)).toEqual({
      ok: false,
      error: { type: "SandboxLimit", message: "code built a string longer than the sandbox allows" },
    });
  });

  it("array doubling, a growing Map and a huge typed array hit the memory limit", () => {
    const limit: SandboxResult = { ok: false, error: { type: "SandboxLimit", message: "code used more than 32 MiB of memory" } };
    expect(code("let a = [1];\nfor (;;) a = a.concat(a);", 20_000)).toEqual(limit);
    expect(code("const m = new Map();\nfor (let i = 0; ; i++) m.set(i, { i });", 20_000)).toEqual(limit);
    expect(code("return new Uint8Array(64 * 1024 * 1024).length;")).toEqual(limit);
    expect(code("return 'a'.repeat(2 ** 20).split('').sort().length;", 20_000)).toEqual(limit);
  });

  it("deep recursion hits the stack limit", () => {
    const overflow: SandboxResult = { ok: false, error: { type: "SandboxLimit", message: "maximum call stack size exceeded" } };
    expect(code("function f() { return f(); }\nreturn f();")).toEqual(overflow);
    expect(code("const o = { get x() { return this.x; } };\nreturn o.x;")).toEqual(overflow);
    expect(code("const o = { valueOf() { return +o; } };\nreturn +o;")).toEqual(overflow);
  });

  it("recursion inside native code that overflows V8's own stack is contained", () => {
    const overflow: SandboxResult = { ok: false, error: { type: "SandboxLimit", message: "maximum call stack size exceeded" } };
    expect(code("let a = [];\nfor (let i = 0; i < 100000; i++) a = [a];\nreturn a;", 10_000)).toEqual(overflow);
    expect(expr("1 + 1")).toEqual(value(2));
  });
});

describe("the clock", () => {
  it("new Date() and Date.now() give execution.startedAt, not the host time", () => {
    expect(expr("[new Date().toISOString(), Date.now(), new Date().getTime()]")).toEqual(value([STARTED, STARTED_MS, STARTED_MS]));
    expect(expr(`[Date() === new Date(${STARTED_MS}).toString(), Date().includes("2024")]`)).toEqual(value([true, true]));
  });

  it("the original Date is not reachable", () => {
    expect(
      expr(
        "[new (Object.getPrototypeOf(new Date(0)).constructor)().getTime(), Reflect.construct(Date, []).getTime(), Date.prototype.constructor.now(), new (class extends Date {})().getTime()]",
      ),
    ).toEqual(value([STARTED_MS, STARTED_MS, STARTED_MS, STARTED_MS]));
    expect(expr("[new Date(0).toISOString(), Date.parse('2000-01-01T00:00:00Z'), Date.UTC(2000, 0), new Date() instanceof Date]")).toEqual(
      value(["1970-01-01T00:00:00.000Z", 946684800000, 946684800000, true]),
    );
  });

  it("without execution.startedAt there is no clock at all", () => {
    const noClock = nodeError("TypeError: the sandbox has no clock: Date.now() and new Date() need execution.startedAt");
    expect(sandbox.evaluateExpression("Date.now()", {})).toEqual(noClock);
    expect(sandbox.evaluateExpression("new Date()", { execution: { id: "x" } })).toEqual(noClock);
  });
});

describe("what the guest can see", () => {
  it("globalThis holds the ECMAScript intrinsics, the scope and our console — nothing of the host", () => {
    const names = expr("Object.getOwnPropertyNames(globalThis).sort()");
    expect(names).toEqual(
      value(
        [
          ...["AggregateError", "Array", "ArrayBuffer", "BigInt", "BigInt64Array", "BigUint64Array", "Boolean", "DataView", "Date"],
          ...["Error", "EvalError", "FinalizationRegistry", "Float16Array", "Float32Array", "Float64Array", "Function", "Infinity"],
          ...["Int16Array", "Int32Array", "Int8Array", "InternalError", "Iterator", "JSON", "Map", "Math", "NaN", "Number", "Object"],
          ...["Promise", "Proxy", "RangeError", "ReferenceError", "Reflect", "RegExp", "Set", "SharedArrayBuffer", "String", "Symbol"],
          ...["SyntaxError", "TypeError", "URIError", "Uint16Array", "Uint32Array", "Uint8Array", "Uint8ClampedArray", "WeakMap"],
          ...["WeakRef", "WeakSet", "console", "decodeURI", "decodeURIComponent", "encodeURI", "encodeURIComponent", "escape"],
          ...["eval", "execution", "globalThis", "input", "isFinite", "isNaN", "parseFloat", "parseInt", "undefined", "unescape"],
        ].sort(),
      ),
    );
    expect(expr("[typeof Atomics, typeof WebAssembly, typeof performance, typeof gc, typeof print, typeof scriptArgs]")).toEqual(
      value(["undefined", "undefined", "undefined", "undefined", "undefined", "undefined"]),
    );
  });

  it("Function.prototype.toString shows native code or the guest bootstrap, never host source", () => {
    expect(expr("Function.prototype.toString.call(Math.max)")).toEqual(value("function max() {\n    [native code]\n}"));
    expect(expr("Function.prototype.toString.call(Function.prototype.toString)")).toEqual(value("function toString() {\n    [native code]\n}"));
    // Every global function and every method of a global object that is not native code:
    const sources = expr(`Object.getOwnPropertyNames(globalThis)
      .flatMap((k) => [globalThis[k], ...(globalThis[k] && typeof globalThis[k] === "object" || typeof globalThis[k] === "function"
        ? Object.getOwnPropertyNames(globalThis[k]).map((m) => { try { return globalThis[k][m]; } catch (e) { return null; } }) : [])])
      .filter((f) => typeof f === "function")
      .map((f) => Function.prototype.toString.call(f))
      .filter((text) => !text.includes("[native code]"))`);
    expect(sources.ok).toBe(true);
    const texts = (sources as { value: string[] }).value;
    expect(texts.length).toBeGreaterThan(0); // Date, Date.now and console's no-op come from the bootstrap
    for (const text of texts) expect(text).not.toMatch(/process|require|import|node_modules|\/work\/|\.ts\b/);
  });

  it("stacks name only the guest's own file", () => {
    expect(expr("new Error('x').stack")).toEqual(value("    at <eval> (expression.js:1:11)\n"));
    expect(code("function inner() { return new Error('x').stack; }\nreturn inner();")).toEqual(
      value("    at inner (code.js:1:50)\n    at <anonymous> (code.js:2:1)\n    at <eval> (code.js:3:3)\n"),
    );
  });
});

describe("Error and stack tricks", () => {
  it("Error.prepareStackTrace / captureStackTrace are V8 hooks the guest does not have; setting them changes nothing on the host", () => {
    const hostHook = (Error as { prepareStackTrace?: unknown }).prepareStackTrace;
    expect(code("Error.prepareStackTrace = (e, frames) => frames;\nreturn [typeof Error.captureStackTrace, typeof new Error('x').stack];")).toEqual(
      value(["undefined", "string"]),
    );
    expect((Error as { prepareStackTrace?: unknown }).prepareStackTrace).toBe(hostHook);
    expect(typeof new Error("host").stack).toBe("string");
  });

  it("a thrown object whose getters loop is stopped by the deadline while it is described", () => {
    const timeout: SandboxResult = { ok: false, error: { type: "Timeout", message: "code ran longer than 200 ms" } };
    expect(code("throw { get message() { while (true) {} } };", 200)).toEqual(timeout);
    expect(code("const e = new Error('m');\nObject.defineProperty(e, 'stack', { get() { while (true) {} } });\nthrow e;", 200)).toEqual(timeout);
    expect(code("throw new Proxy({}, { get() { while (true) {} } });", 200)).toEqual(timeout);
  });

  it("a thrown object whose getters throw is described safely", () => {
    expect(code("throw new Proxy({}, { get() { throw new Error('trap'); } });")).toEqual(nodeError("Uncaught (a value that could not be described)"));
    expect(code("throw { get message() { return 'evil'; }, get name() { throw new Error('no'); } };")).toEqual(nodeError("Uncaught evil"));
    expect(code("throw Symbol('s');")).toEqual(nodeError("Uncaught Symbol()"));
  });
});

describe("asynchronous code never runs after the evaluation", () => {
  it("an endless await loop or promise-job chain is never scheduled: the evaluation returns at once", () => {
    const started = performance.now();
    expect(code("async function spin() { for (;;) await null; }\nspin();\nreturn 'returned';", 200)).toEqual(value("returned"));
    expect(code("(function loop() { Promise.resolve().then(loop); })();\nreturn 'returned';", 200)).toEqual(value("returned"));
    expect(code("new FinalizationRegistry(() => { for (;;) {} }).register({}, 1);\nreturn 'returned';", 200)).toEqual(value("returned"));
    expect(performance.now() - started).toBeLessThan(200);
  });

  it("a Promise or a thenable is not awaited by the host", () => {
    expect(code("return (async () => 1)();")).toEqual(nodeError("code must return a value synchronously (it returned a Promise; async code is not supported)"));
    expect(code("return { then(resolve) { resolve(1); } };")).toEqual(value({}));
  });
});

describe("returned values: the host never runs guest code on them", () => {
  const timeout: SandboxResult = { ok: false, error: { type: "Timeout", message: "code ran longer than 200 ms" } };

  it("serialisation happens inside the guest, under the deadline", () => {
    expect(code("return new Proxy({}, { ownKeys() { for (;;) {} }, get() { for (;;) {} } });", 200)).toEqual(timeout);
    expect(code("return { get x() { for (;;) {} } };", 200)).toEqual(timeout);
    expect(code("return { toJSON() { for (;;) {} } };", 200)).toEqual(timeout);
    expect(code("return { toJSON() { return 'x'.repeat(40 * 1024 * 1024); } };")).toEqual({
      ok: false,
      error: { type: "SandboxLimit", message: "code used more than 32 MiB of memory" },
    });
  });

  it("a getter or trap that throws makes the result unserialisable, not a host error", () => {
    expect(code("return { get x() { throw new Error('getter'); } };")).toEqual(nodeError("result is not JSON-serialisable: Error: getter (line 1)"));
    expect(code("return new Proxy({ a: 1 }, { ownKeys() { throw new Error('keys'); } });")).toEqual(
      nodeError("result is not JSON-serialisable: Error: keys (line 1)"),
    );
  });

  it("replacing JSON.stringify or Symbol.hasInstance in the guest does not change how the result is read", () => {
    expect(code("JSON.stringify = () => '\"hacked\"';\nreturn { a: 1 };")).toEqual(value({ a: 1 }));
    expect(code("Object.defineProperty(Promise, Symbol.hasInstance, { value: () => { for (;;) {} } });\nreturn 1;", 200)).toEqual(timeout);
  });

  it("the host receives plain JSON data: own data properties, ordinary prototypes, __proto__ as a plain key", () => {
    const result = code("return JSON.parse('{\"__proto__\": {\"polluted\": true}, \"constructor\": {\"prototype\": {\"polluted\": true}}}');");
    expect(result.ok).toBe(true);
    const returned = (result as { value: object }).value;
    expect(Object.getPrototypeOf(returned)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(returned, "__proto__")).toBe(true);
    expect(Object.getOwnPropertyDescriptor(returned, "__proto__")).toMatchObject({ value: { polluted: true }, writable: true });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("host prototypes after hostile code", () => {
  it("Object, Array, Function, String, Promise prototypes and JSON of the host are unchanged", () => {
    const hostState = () => ({
      object: Object.getOwnPropertyNames(Object.prototype).sort(),
      array: Object.getOwnPropertyNames(Array.prototype).sort(),
      fn: Object.getOwnPropertyNames(Function.prototype).sort(),
      string: Object.getOwnPropertyNames(String.prototype).sort(),
      promise: Object.getOwnPropertyNames(Promise.prototype).sort(),
      json: [JSON.parse, JSON.stringify],
      toString: Object.prototype.toString,
      arrayPush: Array.prototype.push,
    });
    const before = hostState();
    const hostile = [
      "Object.prototype.polluted = 1; Object.prototype.toString = () => 'pwned'; return 1;",
      "Array.prototype.push = null; Array.prototype.polluted = 1; Array.prototype.toJSON = () => 'x'; return [1];",
      "Function.prototype.call = null; Function.prototype.constructor = null; return 1;",
      "String.prototype.polluted = 1; Promise.prototype.then = () => { for (;;) {} }; return 1;",
      "JSON.parse = null; JSON.stringify = null; return 1;",
      "Object.defineProperty(Object.prototype, '__proto__', { get() { for (;;) {} } }); return 1;",
      "Object.setPrototypeOf(Object.prototype, null); return 1;",
      "Object.freeze(Object.prototype); Object.freeze(Array.prototype); return 1;",
    ];
    for (const body of hostile) sandbox.runCode(body, scope(), { timeoutMs: 200 });
    expect(hostState()).toEqual(before);
    expect(Object.prototype.toString.call([])).toBe("[object Array]");
    expect(Object.isFrozen(Object.prototype)).toBe(false);
    expect(code("return [1, 2].map((x) => x * 2).concat(({}).polluted === undefined);")).toEqual(value([2, 4, true]));
  });
});

describe("host faults (V8's own stack overflowing inside wasm)", () => {
  // QuickJS's parser and JSON code recurse in C with little shadow-stack use per level, so V8's native
  // stack can overflow before QuickJS's own check: the instance is then retired for a spare. A separate
  // sandbox, so that the spares used up here do not affect the tests above.
  it("each fault is contained and answered; once the spares are used up, calls throw SandboxUnavailableError until a reload", async () => {
    const own = await createQuickJsSandbox();
    try {
      const overflow: SandboxResult = { ok: false, error: { type: "SandboxLimit", message: "maximum call stack size exceeded" } };
      const outcomes = [1, 2, 3].map(() => own.runCode("return eval('('.repeat(1e5));", {}));
      expect(outcomes).toEqual([overflow, overflow, overflow]); // the active instance and both spares retired
      // Other code is not failed for it: the step is abandoned (and its job retried by the driver).
      expect(() => own.runCode("return 1;", {})).toThrow(SandboxUnavailableError);
      const attempt = (): SandboxResult | undefined => {
        try {
          return own.runCode("return 1;", {});
        } catch (error) {
          if (error instanceof SandboxUnavailableError) return undefined;
          throw error;
        }
      };
      const deadline = Date.now() + 20_000;
      let recovered = attempt();
      while (recovered === undefined && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 20));
        recovered = attempt();
      }
      expect(recovered).toEqual(value(1));
    } finally {
      own.dispose();
    }
  });
});

describe("afterwards", () => {
  it("the same sandbox instance still evaluates 1+1", () => {
    expect(expr("1+1")).toEqual(value(2));
    expect(code("return input.a + 1;")).toEqual(value(2));
  });
});
