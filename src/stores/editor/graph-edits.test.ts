import { describe, expect, it } from "vitest";
import { NODE_TYPES, nodeMeta } from "@/engine/nodes/node-meta";
import { NODE_SCHEMAS } from "@/engine/workflow-schema";
import { newDocumentNode } from "./graph-edits";

describe("newDocumentNode", () => {
  // The editor adds nodes before zod has loaded, so it builds them without the schema.
  it.each(NODE_TYPES)("%s: is what parsing the node with its default config gives, key for key", (type) => {
    const position = { x: 40, y: 80 };
    const node = newDocumentNode(type, "n1", "Node 1", position);
    const parsed: unknown = NODE_SCHEMAS[type].parse({ id: "n1", type, name: "Node 1", config: nodeMeta[type].defaultConfig, position });
    expect(node).toStrictEqual(parsed);
    expect(JSON.stringify(node)).toBe(JSON.stringify(parsed));
    expect(node.config).not.toBe(nodeMeta[type].defaultConfig); // a copy: editing it leaves the default alone
  });
});
