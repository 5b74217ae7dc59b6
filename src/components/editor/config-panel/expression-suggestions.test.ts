import { describe, expect, it } from "vitest";
import { WorkflowDocument } from "@/engine/workflow-schema";
import { applySuggestion, suggestExpressions, type SuggestionContext } from "./expression-suggestions";

/*
 *   start → fetch → setVar → each ─body→ step
 *                                  └done→ guard ─try→ risky
 *                                               └catch→ handler
 */
const document = WorkflowDocument.parse({
  version: 1,
  name: "Suggestions",
  nodes: [
    { id: "start", type: "trigger.manual" },
    { id: "fetch", type: "http.request", config: { method: "GET", url: "https://example.com" } },
    { id: "setVar", type: "variable.set", config: { name: "total", value: 0, scope: "workflow" } },
    { id: "each", type: "loop", config: { mode: "for", items: "{{ input.items }}" } },
    { id: "step", type: "set", config: { values: {} } },
    { id: "guard", type: "try" },
    { id: "risky", type: "code", config: { code: "return 1;" } },
    { id: "handler", type: "set", config: { values: {} } },
  ],
  edges: [
    { source: "start", target: "fetch" },
    { source: "fetch", target: "setVar" },
    { source: "setVar", target: "each" },
    { source: "each", sourceHandle: "body", target: "step" },
    { source: "each", sourceHandle: "done", target: "guard" },
    { source: "guard", sourceHandle: "try", target: "risky" },
    { source: "guard", sourceHandle: "catch", target: "handler" },
  ],
});

const lastRunOutputs = {
  start: { customer: "ada", amount: 3 },
  fetch: { status: 200, headers: {}, body: { items: [1, 2], "page size": 2 } },
  setVar: { status: 200, headers: {}, body: { items: [1, 2] } },
};

function labels(nodeId: string, text: string, caret = text.length): string[] | null {
  const context: SuggestionContext = { document, nodeId, lastRunOutputs };
  return suggestExpressions(context, text, caret)?.items.map((item) => item.label) ?? null;
}

describe("suggestExpressions", () => {
  it("offers nothing outside {{ }}", () => {
    expect(labels("fetch", "plain text")).toBeNull();
    expect(labels("fetch", "{{ input }} and more")).toBeNull();
  });

  it("offers the roots, upstream nodes and closing braces right after {{", () => {
    expect(labels("setVar", "{{")).toEqual([
      "}}",
      "input.",
      "trigger.",
      "nodes.start.",
      "nodes.fetch.",
      "vars.",
      "execution.id",
      "execution.startedAt",
      "execution.mode",
    ]);
  });

  it("filters by what is typed and does not offer to close a closed expression", () => {
    expect(labels("setVar", "{{ no }}", 5)).toEqual(["nodes.start.", "nodes.fetch."]);
  });

  it("offers keys of an upstream node's last output, quoting keys that are not names", () => {
    expect(labels("setVar", "{{ nodes.fetch.body.")).toEqual(["nodes.fetch.body.items", 'nodes.fetch.body["page size"]']);
    expect(labels("setVar", "{{ nodes.fetch.")).toEqual(["nodes.fetch.status", "nodes.fetch.headers.", "nodes.fetch.body."]);
  });

  it("offers input keys from the direct predecessors' last outputs and trigger keys from the trigger's", () => {
    expect(labels("each", "{{ input.")).toEqual(["input.status", "input.headers.", "input.body."]);
    expect(labels("fetch", "{{ trigger.c")).toEqual(["trigger.customer"]);
  });

  it("offers variables set anywhere in the workflow", () => {
    expect(labels("fetch", "{{ vars.")).toEqual(["vars.total"]);
  });

  it("offers loop only inside a loop body and error only inside a catch region", () => {
    expect(labels("step", "{{ loop")).toEqual(["loop.item", "loop.index", "loop.parent"]);
    expect(labels("guard", "{{ loop")).toEqual([]);
    expect(labels("handler", "{{ error.")).toEqual(["error.message", "error.nodeId", "error.type"]);
    expect(labels("risky", "{{ error.")).toEqual([]);
  });
});

describe("applySuggestion", () => {
  const context: SuggestionContext = { document, nodeId: "setVar", lastRunOutputs };

  it("replaces the token being typed", () => {
    const text = "Hello {{ nodes.fe }}!";
    const result = suggestExpressions(context, text, 17);
    const item = result?.items.find((candidate) => candidate.label === "nodes.fetch.");
    expect(result && item && applySuggestion(text, result, item)).toEqual({ text: "Hello {{ nodes.fetch. }}!", caret: 21 });
  });

  it("closes an open expression and leaves the caret inside", () => {
    const result = suggestExpressions(context, "{{", 2);
    const close = result?.items[0];
    expect(close?.kind).toBe("close");
    expect(result && close && applySuggestion("{{", result, close)).toEqual({ text: "{{  }}", caret: 3 });
  });
});
