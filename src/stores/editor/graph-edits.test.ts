import { describe, expect, it } from "vitest";
import { NODE_TYPES, nodeMeta } from "@/engine/nodes/node-meta";
import { NODE_SCHEMAS } from "@/engine/workflow-schema";
import { documentToFlow } from "@/components/canvas/document-to-flow";
import type { WorkflowDocument } from "@/engine/workflow-schema";
import { newDocumentNode, updateNodeEdit } from "./graph-edits";
import type { CanvasGraph } from "./history";

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

describe("updateNodeEdit: renaming a switch case's handle", () => {
  const document = {
    name: "Route",
    nodes: [
      { id: "start", type: "trigger.manual", position: { x: 0, y: 0 } },
      {
        id: "route",
        type: "switch",
        position: { x: 300, y: 0 },
        config: { value: "{{ input.kind }}", cases: [{ handle: "new", equals: "new" }, { handle: "old", equals: "old" }] },
      },
      { id: "fresh", type: "set", position: { x: 600, y: -100 }, config: { values: { fresh: true } } },
      { id: "stale", type: "set", position: { x: 600, y: 100 }, config: { values: { stale: true } } },
    ],
    edges: [
      { source: "start", target: "route" },
      { source: "route", sourceHandle: "new", target: "fresh" },
      { source: "route", sourceHandle: "old", target: "stale" },
    ],
  } as unknown as WorkflowDocument;
  const withCases = (cases: Array<{ handle: string; equals: string }>) => ({ config: { value: "{{ input.kind }}", cases } });
  const handlesFrom = (graph: CanvasGraph) =>
    graph.edges.filter((e) => e.source === "route").map((e) => [e.sourceHandle, e.data!.edge.sourceHandle, e.target]);

  it("moves the renamed handle's edges with it, in the canvas and in the document", () => {
    const graph = documentToFlow(document);
    const next = updateNodeEdit(graph, "route", withCases([{ handle: "fresh", equals: "new" }, { handle: "old", equals: "old" }]))!;
    expect(handlesFrom(next)).toEqual([
      ["fresh", "fresh", "fresh"],
      ["old", "old", "stale"],
    ]);
  });

  it("leaves the edges alone when cases are added or removed (validation names an edge left dangling)", () => {
    const graph = documentToFlow(document);
    const fewer = updateNodeEdit(graph, "route", withCases([{ handle: "old", equals: "old" }]))!;
    expect(handlesFrom(fewer)).toEqual([
      ["new", "new", "fresh"],
      ["old", "old", "stale"],
    ]);
  });
});
