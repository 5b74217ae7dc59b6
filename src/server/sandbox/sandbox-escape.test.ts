import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Json } from "@/engine/execution-types";
import type { SandboxResult } from "@/engine/ports";
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

  it("deep recursion hits the stack limit", () => {
    const overflow: SandboxResult = { ok: false, error: { type: "SandboxLimit", message: "maximum call stack size exceeded" } };
    expect(code("function f() { return f(); }\nreturn f();")).toEqual(overflow);
    expect(code("const o = { get x() { return this.x; } };\nreturn o.x;")).toEqual(overflow);
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

describe("afterwards", () => {
  it("the same sandbox instance still evaluates 1+1", () => {
    expect(expr("1+1")).toEqual(value(2));
    expect(code("return input.a + 1;")).toEqual(value(2));
  });
});
