import { describe, expect, it } from "vitest";
import { NODE_TYPES, type NodeType } from "@/engine/nodes/registry";
import { describeConfigFields, describeSettingsFields, type FieldDescriptor } from "./schema-fields";

function summary(type: NodeType): string[] {
  return describeConfigFields(type).map((field) => `${field.label}:${field.kind}${field.expression ? "+expr" : ""}`);
}

function allFields(fields: readonly FieldDescriptor[]): FieldDescriptor[] {
  return fields.flatMap((field) => [field, ...allFields(field.fields ?? [])]);
}

describe("describeConfigFields", () => {
  it("gives every config field of every node type a line of help, in plain words, from its schema", () => {
    const missing = NODE_TYPES.flatMap((type) => describeConfigFields(type).filter((field) => !field.help).map((field) => `${type}.${field.key}`));
    expect(missing).toEqual([]);
    const help = describeConfigFields("delay")[0]?.help;
    expect(help).toBe("How long to wait before going on, in seconds.");
  });

  it("describes every config key of every node type", () => {
    const expected: Record<NodeType, string[]> = {
      "trigger.manual": [],
      "trigger.webhook": ["Secret:text+expr"],
      "trigger.schedule": ["Cron:text+expr", "Timezone:text+expr"],
      set: ["Values:keyValue", "Keep input:boolean"],
      code: ["Code:code"],
      "http.request": ["Method:select", "URL:text+expr", "Headers:keyValue+expr", "Body:json+expr", "Ignore status:boolean"],
      if: ["Condition:boolean+expr"],
      switch: ["Value:json+expr", "Cases:list"],
      join: ["Mode:select", "Branches to wait for:number", "Aggregate:select"],
      loop: ["Mode:select", "Items:json+expr", "Condition:boolean+expr", "Times:number+expr", "Max iterations:number", "Concurrency:number"],
      break: [],
      continue: [],
      transform: ["Operation:select", "Items:json+expr", "Expression:text+expr", "Initial:json+expr", "Sources:json+expr", "Size:number+expr"],
      delay: ["Seconds:number+expr"],
      wait: ["Until:text+expr"],
      "variable.set": ["Variable name:text+expr", "Value:json+expr", "Scope:select"],
      "variable.get": ["Variable name:text+expr", "Default:json+expr"],
      try: [],
      subworkflow: ["Workflow ID:text+expr", "Input:json+expr", "Wait for completion:boolean", "Timeout (seconds):number"],
      approval: ["Title:text+expr", "Description:text+expr", "Assignees:json+expr", "Form:keyValue", "Timeout (seconds):number", "On timeout:select"],
      fail: ["Message:text+expr"],
      output: ["Value:json+expr"],
    };
    for (const type of NODE_TYPES) expect(summary(type), type).toEqual(expected[type]);
  });

  it("points each field at the path problems use", () => {
    expect(describeConfigFields("http.request").map((field) => field.path)).toEqual([
      "config.method",
      "config.url",
      "config.headers",
      "config.body",
      "config.ignoreStatus",
    ]);
  });

  it("reads options, number bounds, defaults and optionality from the schema", () => {
    const [method, url] = describeConfigFields("http.request");
    expect(method?.options).toEqual(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]);
    expect(url?.optional).toBe(false);
    const maxIterations = describeConfigFields("loop").find((field) => field.key === "maxIterations");
    expect(maxIterations).toMatchObject({ integer: true, min: 1, optional: true, defaultValue: 10_000 });
    expect(maxIterations?.max).toBeUndefined();
    expect(describeConfigFields("set")[0]?.valueKind).toBe("json");
    expect(describeConfigFields("http.request")[2]?.valueKind).toBe("text");
  });

  it("describes the rows of a list of objects", () => {
    const cases = describeConfigFields("switch")[1];
    expect(cases?.fields?.map((field) => `${field.label}:${field.kind}:${field.path}`)).toEqual([
      "Handle:text:config.cases[].handle",
      "Equals:json:config.cases[].equals",
    ]);
  });

  it("labels are unique within a node's form", () => {
    for (const type of NODE_TYPES) {
      const labels = describeConfigFields(type).map((field) => field.label);
      expect(new Set(labels).size, type).toBe(labels.length);
      expect(labels, type).not.toContain("Name");
    }
  });
});

describe("describeSettingsFields", () => {
  it("covers the common node fields except id, name and position", () => {
    const fields = describeSettingsFields();
    expect(fields.map((field) => `${field.label}:${field.kind}`)).toEqual([
      "Timeout (ms):number",
      "Retry:object",
      "Cache:object",
      "On error:select",
      "Breakpoint:boolean",
    ]);
    expect(allFields(fields).map((field) => field.path)).toContain("retry.maxAttempts");
    expect(fields[1]?.fields?.map((field) => field.label)).toEqual(["Max attempts", "Backoff", "Delay (ms)"]);
  });
});
