import { describe, expect, it } from "vitest";
import { visibleConfigFields } from "./field-visibility";
import { describeConfigFields } from "./schema-fields";

function visible(type: "loop" | "transform" | "join" | "set", config: Record<string, unknown>): string[] {
  return visibleConfigFields(type, config, describeConfigFields(type)).map((field) => field.key);
}

describe("visibleConfigFields", () => {
  it("shows the fields of the current mode only", () => {
    expect(visible("loop", { mode: "for" })).toEqual(["mode", "items", "maxIterations", "concurrency"]);
    expect(visible("loop", { mode: "while" })).toEqual(["mode", "condition", "maxIterations"]);
    expect(visible("transform", { op: "merge" })).toEqual(["op", "sources"]);
    expect(visible("join", { mode: "all" })).toEqual(["mode", "aggregate"]);
    expect(visible("join", { mode: "n_of_m" })).toEqual(["mode", "n", "aggregate"]);
  });

  it("never hides a field that has a value, and shows everything for an unknown mode", () => {
    expect(visible("loop", { mode: "while", items: "{{ input }}" })).toEqual(["mode", "items", "condition", "maxIterations"]);
    expect(visible("transform", { op: 3 })).toEqual(["op", "items", "expression", "initial", "sources", "size"]);
  });

  it("leaves types without modes alone", () => {
    expect(visible("set", {})).toEqual(["values", "keepInput"]);
  });
});
