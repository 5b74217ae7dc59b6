import { describe, expect, it } from "vitest";
import { checkDraftDocument } from "./draft-document";

describe("checkDraftDocument", () => {
  it("keeps what validation would refuse: bad configs, dangling edges, no trigger", () => {
    const draft = {
      version: 1,
      name: "Half done",
      nodes: [{ id: "check", type: "if", config: { condition: 42 } }, { id: "x", type: "set" }],
      edges: [{ source: "check", target: "nowhere", sourceHandle: "maybe" }],
    };
    const checked = checkDraftDocument(draft);
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.document.nodes[0]?.config).toEqual({ condition: 42 });
    expect(checked.document.nodes[1]?.config).toEqual({}); // a missing config is an empty one, as in the format
    expect(checked.document.edges).toEqual(draft.edges);
  });

  it("refuses what the editor could not reopen, naming each place", () => {
    const checked = checkDraftDocument({ version: 2, name: "x", nodes: [{ id: "a", type: "teleport" }], edges: [{}] });
    expect(checked).toEqual({
      ok: false,
      problems: [
        "version: must be 1, got 2",
        expect.stringMatching(/^nodes\[0\]\.type: expected one of trigger\.manual, .*got "teleport"$/),
        "edges[0].source: this field is required",
        "edges[0].target: this field is required",
      ],
    });
    expect(checkDraftDocument("hello")).toEqual({ ok: false, problems: ['expected an object, got "hello"'] });
  });

  it("applies the size limits before parsing", () => {
    const nodes = Array.from({ length: 2001 }, (_, i) => ({ id: `n${i}`, type: "set" }));
    const checked = checkDraftDocument({ version: 1, name: "Huge", nodes, edges: [] });
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.problems[0]).toMatch(/at most 2,000 nodes, this one has 2,001/);
  });
});
