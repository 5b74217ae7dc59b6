import { describe, expect, it } from "vitest";
import type { Json } from "../execution-types";
import { fakeSandbox } from "./test-harness";
import { readPlainPath } from "./plain-path";

const scope: Record<string, Json> = {
  input: { customer: { id: "c-1", tags: ["a", "b"] }, n: 3, name: "Ada", nothing: null },
  trigger: { items: [10, 20, 30] },
  nodes: { fetch: { body: [{ ok: true }] } },
  loop: { item: 7, index: 0, parent: null },
};

describe("readPlainPath", () => {
  it.each([
    ["input.customer.id", "c-1"],
    ["trigger.items", [10, 20, 30]],
    ["trigger.items[1]", 20],
    ["trigger.items.length", 3],
    ["input.name.length", 3],
    [" nodes.fetch.body[0].ok ", true],
    ["loop.item", 7],
    ["input.missing", null],
    ["trigger.items[9]", null],
    ["input.nothing", null],
    ["input . customer . tags [ 1 ]", "b"],
  ])("reads %s without the sandbox, exactly as the sandbox would", (source, expected) => {
    expect(readPlainPath(source, scope)).toEqual({ ok: true, value: expected });
    expect(fakeSandbox.evaluateExpression(source, scope)).toEqual({ ok: true, value: expected });
  });

  it.each([
    "input.n + 1", // not a path
    "input.missing.deeper", // reads through undefined: the sandbox's TypeError
    "input.nothing.x", // reads through null
    "input.constructor", // inherited
    "input.customer.toString",
    "trigger.items.map", // array method
    "input.n.toFixed", // number method
    "Math.PI", // not in scope
    "input['name']", // string keys go to the sandbox
    "input.name[0]", // string index
  ])("leaves %s to the sandbox", (source) => {
    expect(readPlainPath(source, scope)).toBeUndefined();
  });
});
