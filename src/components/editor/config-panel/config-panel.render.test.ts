import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { NODE_TYPES, nodeDefinitions } from "@/engine/nodes/registry";
import { nodeProblem } from "@/engine/problem";
import { WorkflowDocument, WorkflowNode } from "@/engine/workflow-schema";
import { ConfigPanel } from "./config-panel";

/** Renders the panel for a node of `type` with its default config (server markup: no DOM needed). */
function render(
  type: (typeof NODE_TYPES)[number],
  extra: Record<string, unknown> = {},
  problems = [] as ReturnType<typeof nodeProblem>[],
  readOnly = false,
) {
  const node = WorkflowNode.parse({ id: "n1", type, config: nodeDefinitions[type].defaultConfig, ...extra });
  const document = WorkflowDocument.parse({ version: 1, name: "Render", nodes: [node], edges: [] });
  return renderToStaticMarkup(
    createElement(ConfigPanel, { node, document, problems, readOnly, onChange: () => {}, onClose: () => {} }),
  );
}

/** The accessible name source of every form control: a `<label for>` or an aria-label. */
function unlabelledControls(html: string): string[] {
  const labelled = new Set([...html.matchAll(/<label[^>]*for="([^"]+)"/g)].map((match) => match[1]));
  return [...html.matchAll(/<(input|select|textarea)([^>]*)>/g)]
    .map((match) => match[2] ?? "")
    .filter((attributes) => !attributes.includes("aria-label="))
    .map((attributes) => /id="([^"]+)"/.exec(attributes)?.[1] ?? "(no id)")
    .filter((id) => !labelled.has(id));
}

function labels(html: string): string[] {
  return [...html.matchAll(/<label[^>]*>([^<]+)<\/label>/g)].map((match) => match[1] ?? "");
}

describe("ConfigPanel", () => {
  it.each(NODE_TYPES)("renders %s with every control labelled", (type) => {
    const html = render(type);
    expect(html).toContain('aria-label="Node configuration"');
    expect(labels(html)[0]).toBe("Name");
    expect(unlabelledControls(html)).toEqual([]);
  });

  it("labels the fields a person fills in", () => {
    const http = render("http.request");
    expect(labels(http)).toEqual(["Name", "Method", "URL", "Body", "Ignore status"]);
    // A key/value field is a group named by its heading; its rows are named "Headers key 1", …
    expect(http).toMatch(/<span id="[^"]+-label"[^>]*>Headers<\/span>/);
    expect(labels(render("if"))).toEqual(["Name", "Condition"]);
    expect(labels(render("output"))).toEqual(["Name", "Value"]);
    expect(labels(render("code"))).toEqual(["Name", "Code"]);
    expect(render("switch")).toContain('aria-label="Add case"');
  });

  it("shows an expression condition as an expression, with its mode switch", () => {
    const html = render("if");
    expect(html).toContain('aria-label="Condition mode"');
    expect(html).toMatch(/role="combobox"[^>]*value="\{\{ input.ok === true \}\}"|value="\{\{ input.ok === true \}\}"[^>]*role="combobox"/);
  });

  it("shows a problem next to its field, naming it, and opens Settings when a setting is wrong", () => {
    const html = render("http.request", { timeoutMs: 5 }, [
      nodeProblem("n1", "must be an absolute URL", ["config", "url"]),
      nodeProblem("n1", "must be positive", ["timeoutMs"]),
    ]);
    expect(html).toContain("URL: must be an absolute URL");
    expect(html).toContain("Timeout (ms): must be positive");
    expect(html).toContain('aria-expanded="true"');
  });

  it("offers no edits when read-only", () => {
    const html = render("switch", {}, [], true);
    expect(html).not.toContain('aria-label="Add case"');
    expect(html).not.toContain('aria-label="Remove case 1"');
    expect(html).toMatch(/<input[^>]*readOnly=""[^>]*placeholder="n1"|<input[^>]*placeholder="n1"[^>]*readOnly=""/);
  });
});
