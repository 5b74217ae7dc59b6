import { describe, expect, it } from "vitest";
import { sourcePath, staticImportChain } from "../../../test/static-imports";
import { NODE_TYPES, nodeMeta } from "./node-meta";
import { nodeDefinitions } from "./registry";

describe("node metadata and schemas", () => {
  it.each(NODE_TYPES)("%s: its definition is its metadata, unchanged, with a config schema", (type) => {
    const definition = nodeDefinitions[type];
    for (const [key, value] of Object.entries(nodeMeta[type])) expect(definition[key as keyof typeof definition]).toBe(value);
    expect(Object.keys(definition).sort()).toEqual([...Object.keys(nodeMeta[type]), "configSchema"].sort());
    expect(typeof definition.configSchema.safeParse).toBe("function");
  });

  it.each(NODE_TYPES)("%s: its default config has every default written out, in the schema's key order", (type) => {
    const { configSchema, defaultConfig } = nodeDefinitions[type];
    const parsed: unknown = configSchema.parse(defaultConfig);
    expect(parsed).toStrictEqual(defaultConfig);
    expect(JSON.stringify(parsed)).toBe(JSON.stringify(defaultConfig));
  });

  it("loads no zod: the editor draws its first cards from it", () => {
    expect(staticImportChain(sourcePath("engine/nodes/node-meta.ts"), "zod")).toBeUndefined();
    // The check itself finds zod where it is.
    expect(staticImportChain(sourcePath("engine/nodes/registry.ts"), "zod")).toEqual(["engine/nodes/registry.ts", "engine/nodes/approval.ts"]);
  });
});
