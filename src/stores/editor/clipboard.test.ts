import { describe, expect, it } from "vitest";
import { documentToFlow } from "@/components/canvas/document-to-flow";
import { WorkflowDocument } from "@/engine/workflow-schema";
import { copyText, NOT_SWITCHYARD_NODES, parseClip, pasteEdit } from "./clipboard";

/*
 *   start ──out→in── check (if, "Check") ──true→in── notify (http.request, "Notify")
 */
const document = WorkflowDocument.parse({
  version: 1,
  name: "Clipboard",
  nodes: [
    { id: "start", type: "trigger.manual", position: { x: 0, y: 0 } },
    { id: "check", type: "if", name: "Check", config: { condition: "{{ input.ok }}" }, position: { x: 300, y: 0 } },
    { id: "notify", type: "http.request", name: "Notify", config: { method: "POST", url: "https://x.test" }, position: { x: 600, y: 0 } },
  ],
  edges: [
    { source: "start", target: "check" },
    { id: "yes", source: "check", target: "notify", sourceHandle: "true" },
  ],
});
const { nodes: _nodes, edges: _edges, ...fields } = document;
const graph = documentToFlow(document);

describe("copyText", () => {
  it("holds the chosen nodes and only the edges among them, in the public format", () => {
    const clip = JSON.parse(copyText(fields, graph, new Set(["check", "notify"])));
    expect(clip.nodes.map((node: { id: string }) => node.id)).toEqual(["check", "notify"]);
    expect(clip.edges).toEqual([{ source: "check", target: "notify", sourceHandle: "true", targetHandle: "in" }]);
  });
});

describe("pasteEdit", () => {
  const clip = parseClip(copyText(fields, graph, new Set(["check", "notify"])));

  it("gives fresh ids and names, rewrites the edges, offsets by 40 px and selects the pasted nodes", () => {
    const { graph: pasted, ids } = pasteEdit(graph, clip);
    expect(ids).toEqual(["check_2", "notify_2"]);
    const added = pasted.nodes.slice(3);
    expect(added.map((node) => [node.id, node.data.node.name, node.position])).toEqual([
      ["check_2", "Check 2", { x: 340, y: 40 }],
      ["notify_2", "Notify 2", { x: 640, y: 40 }],
    ]);
    expect(added.map((node) => node.data.node.config)).toEqual([{ condition: "{{ input.ok }}" }, { method: "POST", url: "https://x.test" }]);
    expect(pasted.edges.slice(2).map((edge) => [edge.id, edge.source, edge.sourceHandle, edge.target])).toEqual([
      ["check_2.true->notify_2.in", "check_2", "true", "notify_2"],
    ]);
    expect(pasted.nodes.filter((node) => node.selected).map((node) => node.id)).toEqual(ids);
  });

  it("does not stack a second paste on the first", () => {
    const once = pasteEdit(graph, clip).graph;
    const twice = pasteEdit(once, clip).graph;
    expect(twice.nodes.slice(5).map((node) => [node.id, node.position])).toEqual([
      ["check_3", { x: 380, y: 80 }],
      ["notify_3", { x: 680, y: 80 }],
    ]);
  });

  it("puts the group's top-left corner at the given point", () => {
    const { graph: pasted } = pasteEdit(graph, clip, { x: 1000, y: 500 });
    expect(pasted.nodes.slice(3).map((node) => node.position)).toEqual([
      { x: 1000, y: 500 },
      { x: 1300, y: 500 },
    ]);
  });

  it("accepts a whole exported workflow document", () => {
    const { ids, graph: pasted } = pasteEdit(graph, parseClip(JSON.stringify(document)));
    expect(ids).toEqual(["start_2", "check_2", "notify_2"]);
    expect(pasted.edges).toHaveLength(4);
  });
});

describe("parseClip", () => {
  it.each([
    ["not JSON", "hello"],
    ["JSON without nodes", '{"a":1}'],
    ["no nodes at all", '{"nodes":[],"edges":[]}'],
    ["a node of an unknown type", '{"nodes":[{"id":"x","type":"mystery"}]}'],
    ["a node without id", '{"nodes":[{"type":"set"}]}'],
  ])("refuses %s", (_case, text) => {
    expect(() => parseClip(text)).toThrow(NOT_SWITCHYARD_NODES);
  });

  it("fills an omitted config and drops edges that are not edges", () => {
    const clip = parseClip('{"nodes":[{"id":"a","type":"set"}],"edges":[1,{"source":"a"}]}');
    expect(clip).toEqual({ nodes: [{ id: "a", type: "set", config: {} }], edges: [] });
  });
});
