import { describe, expect, it } from "vitest";
import { everyNodeTypeWorkflow } from "./fixtures/every-node-type";
import { node, problemLines, workflowOf } from "./fixtures/test-documents";
import { NODE_TYPES } from "./nodes/registry";
import { formatProblem, validateWorkflow } from "./validate-workflow";

function validWorkflow(document: unknown) {
  const result = validateWorkflow(document);
  if (!result.ok) throw new Error(result.problems.map(formatProblem).join("\n"));
  return result.workflow;
}

describe("a valid workflow", () => {
  // See fixtures/every-node-type.ts for the graph.
  it("uses every non-trigger node type and validates", () => {
    const used = new Set<string>(everyNodeTypeWorkflow.nodes.map((n) => n.type));
    expect(NODE_TYPES.filter((type) => !used.has(type))).toEqual(["trigger.webhook", "trigger.schedule"]);
    expect(problemLines(everyNodeTypeWorkflow)).toEqual([]);
  });

  // the same graph, started by each kind of trigger
  it.each([
    ["trigger.manual", {}],
    ["trigger.webhook", { secret: "s3cret" }],
    ["trigger.schedule", { cron: "*/5 * * * *", timezone: "Europe/Paris" }],
  ])("validates when started by %s", (type, config) => {
    const nodes = everyNodeTypeWorkflow.nodes.map((n) => (n.id === "start" ? { id: "start", type, config } : n));
    expect(problemLines({ ...everyNodeTypeWorkflow, nodes })).toEqual([]);
  });

  it("comes back normalised: every default filled", () => {
    const workflow = validWorkflow(everyNodeTypeWorkflow);
    const byId = new Map(workflow.nodes.map((n) => [n.id, n]));
    expect(workflow.edges[0]).toEqual({ source: "start", target: "prepare", sourceHandle: "out", targetHandle: "in" });
    expect(workflow.edges.every((e) => e.sourceHandle !== undefined && e.targetHandle === "in")).toBe(true);
    expect(byId.get("start")).toEqual({ id: "start", type: "trigger.manual", config: {}, position: { x: 0, y: 0 } });
    expect(byId.get("guard")?.config).toEqual({});
    expect(byId.get("prepare")?.config).toEqual({ values: { limit: 10, who: "{{ trigger.user }}" }, keepInput: true });
    expect(byId.get("each")?.config).toEqual({
      mode: "for",
      items: "{{ nodes.fetch.body.lines }}",
      maxIterations: 10_000,
      concurrency: 1,
    });
    expect(byId.get("child")?.config).toMatchObject({ waitForCompletion: true });
    expect(byId.get("fetch")).toMatchObject({ retry: { maxAttempts: 3, backoff: "fixed", delayMs: 1000 } });
    expect(workflow.settings).toEqual({ timeoutSeconds: 3600, priority: 5 });
  });

  it("round-trips: the normalised document, through JSON, validates to itself", () => {
    const workflow = validWorkflow(everyNodeTypeWorkflow);
    expect(validWorkflow(JSON.parse(JSON.stringify(workflow)))).toEqual(workflow);
  });

  // start
  it("may be a lone trigger", () => {
    expect(validWorkflow(workflowOf([node("start", "trigger.manual")], []))).toEqual({
      version: 1,
      name: "Test workflow",
      nodes: [{ id: "start", type: "trigger.manual", config: {} }],
      edges: [],
    });
  });
});

describe("the document's own fields", () => {
  it("refuses something that is not an object", () => {
    expect(problemLines("workflow")).toEqual(['workflow: a workflow must be a JSON object, got "workflow"']);
    expect(problemLines([])).toEqual(["workflow: a workflow must be a JSON object, got a list"]);
    expect(problemLines(null)).toEqual(["workflow: a workflow must be a JSON object, got null"]);
  });

  it("names each missing field", () => {
    expect(problemLines({})).toEqual([
      "workflow: version: this field is required (it must be 1)",
      "workflow: name: this field is required",
      "workflow: nodes: this field is required",
      "workflow: edges: this field is required",
    ]);
  });

  it("checks version, name, description, settings and unknown fields", () => {
    const document = {
      ...workflowOf([node("start", "trigger.manual")], []),
      version: 2,
      name: "",
      description: 7,
      settings: { priority: 500, timeoutSecond: 60, timeoutSeconds: 0 },
      owner: "me",
    };
    expect(problemLines(document)).toEqual([
      "workflow: version: must be 1, got 2",
      "workflow: name: must not be empty",
      "workflow: description: expected text, got 7",
      "workflow: settings.timeoutSeconds: must be greater than 0, got 0",
      "workflow: settings.priority: must be at most 100, got 500",
      'workflow: settings.timeoutSecond: unknown field (did you mean "timeoutSeconds"?)',
      "workflow: owner: unknown field",
    ]);
  });

  it("still checks the nodes when the edges are unreadable, but not the graph", () => {
    const document = { version: 1, name: "x", nodes: [node("start", "trigger.manual"), node("stop", "break")], edges: "none" };
    expect(problemLines(document)).toEqual(['workflow: edges: expected a list, got "none"']);
  });

  it("still checks the edges' own fields when the nodes are unreadable, but not where they lead", () => {
    const document = { version: 1, name: "x", nodes: "start", edges: [{ source: "start", target: "a", colour: "red" }] };
    expect(problemLines(document)).toEqual([
      'workflow: nodes: expected a list, got "start"',
      "edge start→a: colour: unknown field",
    ]);
  });

  it("counts triggers even when the edges are unreadable", () => {
    expect(problemLines({ version: 1, name: "x", nodes: [], edges: {} })).toEqual([
      "workflow: edges: expected a list, got an object",
      "workflow: a workflow needs exactly one trigger node",
    ]);
  });
});

describe("several problems", () => {
  // start → fetch(http.request, bad method) ─yes→ check(if)
  // check ─true→ each(loop, no items) ─body→ a ; a → z (dangling)
  // hook(webhook, typo field) ; b(unknown type) ; stop(break, outside any loop) ← start
  it("are all reported: workflow fields, nodes, edges, then graph rules", () => {
    const document = {
      ...workflowOf(
        [
          node("start", "trigger.manual"),
          node("fetch", "http.request", { method: "FETCH", url: "https://example.com" }),
          node("check", "if"),
          node("each", "loop", { mode: "for" }),
          node("a", "set"),
          node("hook", "trigger.webhook", { secrett: "x" }),
          node("b", "bogus"),
          node("stop", "break"),
        ],
        ["start -> fetch", "fetch.yes -> check", "check.true -> each", "each.body -> a", "a -> z", "start -> stop"],
      ),
      name: "",
    };
    const result = validateWorkflow(document);
    expect(result.ok).toBe(false);
    expect(problemLines(document)).toEqual([
      "workflow: name: must not be empty",
      'node fetch: config.method: expected one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, got "FETCH"',
      'node each: config.items: this field is required when mode is "for"',
      'node hook: config.secrett: unknown field (did you mean "secret"?)',
      'node b: unknown node type "bogus"',
      'edge fetch→check: http.request has no handle "yes" (handles: out)',
      'edge a→z: the target node "z" does not exist',
      "workflow: a workflow needs exactly one trigger node, but it has 2: start, hook",
      "node stop: break must be inside a loop body",
    ]);
  });
});

describe("problems", () => {
  it("carry where they are and the field, with the field also leading the message", () => {
    const document = workflowOf(
      [node("start", "trigger.manual"), node("fetch", "http.request", { method: "GET", url: "" })],
      ["start -> fetch", "fetch.bad -> start"],
    );
    const result = validateWorkflow(document);
    expect(result.ok ? [] : result.problems.slice(0, 3)).toEqual([
      { nodeId: "fetch", field: "config.url", message: "config.url: must not be empty" },
      {
        edge: { index: 1, source: "fetch", target: "start" },
        message: 'http.request has no handle "bad" (handles: out)',
      },
      {
        edge: { index: 1, source: "fetch", target: "start" },
        message: "start is a trigger, and a trigger cannot have incoming edges",
      },
    ]);
  });

  it("format as one line: node, edge or workflow", () => {
    expect(formatProblem({ nodeId: "fetch", field: "config.method", message: "config.method: expected one of GET" })).toBe(
      "node fetch: config.method: expected one of GET",
    );
    expect(formatProblem({ edge: { index: 0, source: "a", target: "b" }, message: "x" })).toBe("edge a→b: x");
    expect(formatProblem({ message: "a workflow needs exactly one trigger node" })).toBe(
      "workflow: a workflow needs exactly one trigger node",
    );
  });
});
