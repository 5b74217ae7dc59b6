import { describe, expect, it } from "vitest";
import type { WorkflowDocument } from "@/engine/workflow-schema";
import { parsedVersionCache } from "./parsed-versions";

const withNodes = (count: number) => ({
  document: { version: 1, name: "w", nodes: Array.from({ length: count }, (_, i) => ({ id: `n${i}` })), edges: [], settings: {} } as unknown as WorkflowDocument,
  createdAt: new Date(0),
});

describe("parsedVersionCache", () => {
  it("returns what was stored for a workflow and version, and nothing for another version", () => {
    const cache = parsedVersionCache({ maxNodes: 100 });
    const entry = withNodes(3);
    cache.set("wf", 1, entry);
    expect(cache.get("wf", 1)).toBe(entry);
    expect(cache.get("wf", 2)).toBeUndefined();
    expect(cache.get("other", 1)).toBeUndefined();
  });

  it("drops the least recently used documents once it holds more nodes than allowed", () => {
    const cache = parsedVersionCache({ maxNodes: 10 });
    cache.set("a", 1, withNodes(4));
    cache.set("b", 1, withNodes(4));
    cache.get("a", 1); // a is now the most recently used
    cache.set("c", 1, withNodes(4));
    expect(cache.get("b", 1)).toBeUndefined();
    expect(cache.get("a", 1)).toBeDefined();
    expect(cache.get("c", 1)).toBeDefined();
    expect(cache.heldNodes()).toBe(8);
  });

  it("does not keep a document larger than the whole budget, nor count one twice", () => {
    const cache = parsedVersionCache({ maxNodes: 10 });
    cache.set("a", 1, withNodes(4));
    cache.set("big", 1, withNodes(11));
    cache.set("a", 1, withNodes(4));
    expect(cache.get("big", 1)).toBeUndefined();
    expect(cache.size()).toBe(1);
    expect(cache.heldNodes()).toBe(4);
  });
});
