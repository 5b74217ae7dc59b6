import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Json } from "@/engine/execution-types";
import { tryCode, tryExpression } from "@/engine/fast-eval";
import { createQuickJsSandbox, type QuickJsSandbox } from "./quickjs-sandbox";

/**
 * The fast path (src/engine/fast-eval) must give exactly the sandbox's answer
 * whenever it gives one, and must never answer where the sandbox fails. This
 * generates thousands of random expressions over tricky JSON values (numbers
 * at the edges of formatting, numeric strings, null, nested objects, missing
 * keys) and compares both on each.
 */
const scope: Record<string, Json> = {
  input: {
    a: 3, b: -2.5, z: 0, s: "12", t: "abc", e: "", sp: " 4 ", arr: [1, "2", null, true], o: { k: "v", n: 7, "0": "zero" },
    nul: null, f: false, tr: true, big: 1e21, tiny: 5e-324, frac: 0.1, neg: -7, huge: 1.7976931348623157e308,
  },
  trigger: { k: 1, list: [[1, 2], { x: "y" }], "with space": "ok" },
  vars: { count: 2, name: "n" },
  loop: { item: 4, index: 0 },
};

const LEAVES = [
  "0", "1", "2.5", "1e21", "0.1", "3", "100", "1e-7", "123456789012345680000", "4294967296",
  "'a'", "''", "'10'", "'abc'", '"x y"', "'0'", "' 1 '",
  "true", "false", "null", "undefined",
  "input.a", "input.b", "input.z", "input.s", "input.t", "input.e", "input.sp", "input.arr", "input.o", "input.nul",
  "input.f", "input.tr", "input.big", "input.tiny", "input.frac", "input.neg", "input.huge", "input.missing",
  "input.arr[0]", "input.arr[1]", "input.arr[2]", "input.arr[9]", "input.arr.length", "input.t.length", "input.t[1]",
  "input.o.k", "input.o['0']", "input.o[0]", "input.o?.n", "input.missing?.x", "input.nul?.x.y", "trigger['with space']",
  "trigger.list[0][1]", "trigger.list[1].x", "vars.count", "vars.name", "loop.item", "input.o.missing",
  "input.missing.x", "input.nul.x", "input.a.b", "Math.PI", "nope", "input.t.toUpperCase()", "input.arr.map",
];
const BINARY = ["+", "-", "*", "/", "%", "<", ">", "<=", ">=", "===", "!==", "==", "!=", "&&", "||", "??"];
const UNARY = ["!", "-", "+", "typeof "];

function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const expression = (depth: number): string => {
    if (depth <= 0 || next() < 0.3) return pick(LEAVES);
    const roll = next();
    if (roll < 0.45) return `(${expression(depth - 1)} ${pick(BINARY)} ${expression(depth - 1)})`;
    if (roll < 0.55) return `${pick(UNARY)}${expression(depth - 1)}`;
    if (roll < 0.65) return `${expression(depth - 1)} ? ${expression(depth - 1)} : ${expression(depth - 1)}`;
    if (roll < 0.75) return `[${expression(depth - 1)}, ${expression(depth - 1)}]`;
    if (roll < 0.85) return `{ k: ${expression(depth - 1)}, "b c": ${expression(depth - 1)} }`;
    if (roll < 0.92) return `input.o[${expression(depth - 1)}]`;
    return `${expression(depth - 1)} ${pick(BINARY)} ${expression(depth - 1)}`; // unparenthesised: precedence
  };
  return { expression };
}

let sandbox: QuickJsSandbox;
beforeAll(async () => {
  sandbox = await createQuickJsSandbox();
});
afterAll(() => sandbox.dispose());

describe("fast-eval agrees with the QuickJS sandbox", () => {
  it("on 4,000 generated expressions and code bodies", { timeout: 60_000 }, () => {
    const { expression } = generator(20261126);
    let answered = 0;
    let sandboxFailed = 0;
    for (let i = 0; i < 4000; i++) {
      const source = expression(3);
      const asCode = i % 4 === 0;
      const fast = asCode ? tryCode(`return ${source};`, scope) : tryExpression(source, scope);
      const real = asCode ? sandbox.runCode(`return ${source};`, scope) : sandbox.evaluateExpression(source, scope);
      if (!real.ok) sandboxFailed++;
      if (fast === undefined) continue;
      answered++;
      expect({ source, result: fast }).toStrictEqual({ source, result: real });
    }
    // The comparison means something only if both paths were exercised a lot.
    expect(answered).toBeGreaterThan(1500);
    expect(sandboxFailed).toBeGreaterThan(100);
  });

  it.each([
    "input.big + ''", "input.tiny + ''", "input.huge * 10", "input.frac * 3 + ''", "1e-7 + ''", "123456789012345680000 + ''",
    "-input.z", "input.z * -1", "[input.z * -1]", "{ a: -0 }", "'' + -0", "input.neg % 3", "input.b % 2",
    "input.sp * 1", "'abc' < 'abd'", "'Z' < 'a'", "null >= 0", "undefined == null", "NaN", "'1' + 1 - 1",
  ])("%s", (source) => {
    const fast = tryExpression(source, scope);
    const real = sandbox.evaluateExpression(source, scope);
    if (fast !== undefined) expect(fast).toStrictEqual(real);
  });
});
