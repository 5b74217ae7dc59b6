import { describe, expect, it } from "vitest";
import { WORKFLOW_LIMITS } from "@/engine/check-limits";
import { validateWorkflow } from "@/engine/validate-workflow";
import type { WorkflowDocument } from "@/engine/workflow-schema";
import { parseWorkflowFile } from "./parse-workflow-file";
import { serializeWorkflow, workflowFileName, workflowSlug } from "./workflow-file";

/*
 *   start (trigger.manual) ──► greet (set)
 */
const hello = {
  version: 1,
  name: "Hello",
  nodes: [
    { id: "start", type: "trigger.manual", config: {}, position: { x: 0, y: 0 } },
    { id: "greet", type: "set", config: { values: { greeting: "Hi {{ input.name }}" } }, position: { x: 300, y: 0 } },
  ],
  edges: [{ source: "start", target: "greet" }],
};

describe("workflowSlug / workflowFileName", () => {
  it("makes a lower-case, dash-separated file name", () => {
    expect(workflowFileName("Order approval (EU)")).toBe("order-approval-eu.switchyard.json");
    expect(workflowSlug("  Hello,   World!  ")).toBe("hello-world");
    expect(workflowSlug("Crème brûlée")).toBe("creme-brulee");
  });

  it("falls back to 'workflow' when nothing usable is left", () => {
    expect(workflowFileName("???")).toBe("workflow.switchyard.json");
    expect(workflowSlug("日本語")).toBe("workflow");
  });

  it("keeps names short without a trailing dash", () => {
    const slug = workflowSlug(`${"a".repeat(79)} b`);
    expect(slug).toBe("a".repeat(79));
    expect(workflowSlug("x".repeat(300))).toHaveLength(80);
  });
});

describe("serializeWorkflow", () => {
  it("writes indented JSON with a final newline that reads back the same", () => {
    const text = serializeWorkflow(hello as unknown as WorkflowDocument);
    expect(text).toMatch(/^\{\n {2}"version": 1,\n {2}"name": "Hello",/);
    expect(text.endsWith("}\n")).toBe(true);
    expect(JSON.parse(text)).toEqual(hello);
  });
});

describe("parseWorkflowFile", () => {
  it("round-trips an exported valid workflow, normalised", () => {
    const parsed = parseWorkflowFile(serializeWorkflow(hello as unknown as WorkflowDocument));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const expected = validateWorkflow(hello);
    expect(expected.ok && parsed.document).toEqual(expected.ok && expected.workflow);
    expect(parsed.document.edges[0]).toMatchObject({ sourceHandle: "out", targetHandle: "in" });
  });

  it("accepts a workflow with graph problems as written, for the canvas to mark", () => {
    // No trigger, a config mistake and an edge to a node that does not exist.
    const broken = {
      version: 1,
      name: "Broken",
      nodes: [{ id: "call", type: "http.request", config: { method: "FETCH", url: "https://example.com" } }, { id: "done", type: "output" }],
      edges: [{ source: "call", target: "ghost" }],
    };
    expect(validateWorkflow(broken).ok).toBe(false);
    const parsed = parseWorkflowFile(JSON.stringify(broken));
    expect(parsed).toEqual({
      ok: true,
      document: {
        ...broken,
        nodes: [broken.nodes[0], { id: "done", type: "output", config: {} }],
      },
    });
  });

  it("refuses text that is not JSON, saying so", () => {
    const parsed = parseWorkflowFile("{ version: 1 ");
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(/^This file is not JSON \(.+\)\. Choose a \.switchyard\.json file/);
  });

  it("refuses JSON that is not one object", () => {
    for (const text of ["[]", "42", '"hello"', "null"]) {
      const parsed = parseWorkflowFile(text);
      expect(parsed).toEqual({
        ok: false,
        message: "This file is not a Switchyard workflow: it should hold one JSON object with version, name, nodes and edges.",
      });
    }
  });

  it("refuses an object that is not a workflow, naming the field", () => {
    const parsed = parseWorkflowFile(JSON.stringify({ name: "Package", dependencies: {} }));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.message).toMatch(/^This file is not a Switchyard workflow: /);
      expect(parsed.message).toContain("version");
      expect(parsed.message).toContain("nodes");
    }
  });

  it("lists the first three reasons only", () => {
    const parsed = parseWorkflowFile(JSON.stringify({ version: 2, name: "", nodes: [{ type: "http" }], edges: [{}] }));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.message.split("; ")).toHaveLength(4);
      expect(parsed.message).toMatch(/; and 3 more\.$/);
    }
  });

  it("refuses a node of an unknown type, naming it", () => {
    const parsed = parseWorkflowFile(JSON.stringify({ ...hello, nodes: [...hello.nodes, { id: "x", type: "http" }] }));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(/nodes\[2\]\.type: expected one of .*, got "http"/);
  });

  it("refuses a document above the size limits", () => {
    const nodes = Array.from({ length: WORKFLOW_LIMITS.maxNodes + 1 }, (_, index) => ({ id: `n${index}`, type: "set" }));
    const parsed = parseWorkflowFile(JSON.stringify({ ...hello, nodes }));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain("at most 2,000 nodes");
  });
});
