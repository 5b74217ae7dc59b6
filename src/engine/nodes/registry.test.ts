import { describe, expect, it } from "vitest";
import { NODE_CATEGORIES } from "./node-definition";
import {
  getInputHandles,
  getOutputHandles,
  getRegionHandles,
  hasFixedOutputHandles,
  isNodeType,
  isTriggerType,
  NODE_TYPES,
  nodeDefinitions,
} from "./registry";

describe("node registry", () => {
  // The format's table has 21 rows; `break` and `continue` share one, so there are 22 types.
  it("has the 22 documented types, each registered under its own name", () => {
    expect(NODE_TYPES).toHaveLength(22);
    expect(Object.keys(nodeDefinitions)).toEqual([...NODE_TYPES]);
    for (const type of NODE_TYPES) expect(nodeDefinitions[type].type).toBe(type);
  });

  it.each(NODE_TYPES)("%s: its default config is valid, and it has a label, description and category", (type) => {
    const definition = nodeDefinitions[type];
    expect(definition.configSchema.safeParse(definition.defaultConfig).success).toBe(true);
    expect(definition.label).not.toBe("");
    expect(definition.description).toMatch(/\.$/);
    expect(NODE_CATEGORIES).toContain(definition.category);
  });

  it("only triggers are in the triggers category and they have no input handles", () => {
    const triggers = NODE_TYPES.filter((type) => nodeDefinitions[type].category === "triggers");
    expect(triggers).toEqual(["trigger.manual", "trigger.webhook", "trigger.schedule"]);
    for (const type of NODE_TYPES) expect(getInputHandles(type)).toEqual(isTriggerType(type) ? [] : ["in"]);
  });

  it("recognises node and trigger types", () => {
    expect(isNodeType("http.request")).toBe(true);
    expect(isNodeType("foo")).toBe(false);
    expect(isNodeType(undefined)).toBe(false);
    expect(isTriggerType("trigger.webhook")).toBe(true);
    expect(isTriggerType("set")).toBe(false);
    expect(isTriggerType("trigger.email")).toBe(false);
  });
});

describe("output handles", () => {
  it("are fixed per type except for switch", () => {
    const fixed = Object.fromEntries(
      NODE_TYPES.filter(hasFixedOutputHandles).map((type) => [
        type,
        getOutputHandles({ type, config: nodeDefinitions[type].configSchema.parse(nodeDefinitions[type].defaultConfig) }),
      ]),
    );
    expect(fixed).toEqual({
      "trigger.manual": ["out"],
      "trigger.webhook": ["out"],
      "trigger.schedule": ["out"],
      set: ["out"],
      code: ["out"],
      "http.request": ["out"],
      if: ["true", "false"],
      join: ["out"],
      loop: ["body", "done"],
      break: [],
      continue: [],
      transform: ["out"],
      delay: ["out"],
      wait: ["out"],
      "variable.set": ["out"],
      "variable.get": ["out"],
      try: ["try", "catch", "finally", "out"],
      subworkflow: ["out"],
      approval: ["approved", "rejected"],
      fail: [],
      output: ["out"],
    });
  });

  it("of a switch are its case handles in order, then default", () => {
    const config = nodeDefinitions.switch.configSchema.parse({
      value: "{{ input.tier }}",
      cases: [
        { handle: "gold", equals: "G" },
        { handle: "silver", equals: "S" },
      ],
    });
    expect(getOutputHandles({ type: "switch", config })).toEqual(["gold", "silver", "default"]);
  });
});

describe("region handles", () => {
  it("are the loop body and the try, catch and finally of a try", () => {
    expect(getRegionHandles("loop")).toEqual(["body"]);
    expect(getRegionHandles("try")).toEqual(["try", "catch", "finally"]);
    expect(getRegionHandles("if")).toEqual([]);
    expect(getRegionHandles("unknown")).toEqual([]);
  });
});
