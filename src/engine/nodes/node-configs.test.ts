import { describe, expect, it } from "vitest";
import { node, problemLines, workflowOf } from "../fixtures/test-documents";
import { isTriggerType } from "./registry";

/**
 * The problem lines for one node `n` of `type` with `config`, placed in an
 * otherwise valid workflow:
 *   triggers:          n
 *   break / continue:  start → each(loop) ─body→ n
 *   others:            start → n
 */
function configProblems(type: string, config: unknown): string[] {
  const subject = { id: "n", type, config };
  if (isTriggerType(type)) return problemLines(workflowOf([subject], []));
  if (type === "break" || type === "continue") {
    return problemLines(
      workflowOf([node("start", "trigger.manual"), node("each", "loop"), subject], ["start -> each", "each.body -> n"]),
    );
  }
  return problemLines(workflowOf([node("start", "trigger.manual"), subject], ["start -> n"]));
}

describe("config problems, per node type", () => {
  it.each<[string, unknown, string[]]>([
    ["trigger.manual", { foo: 1 }, ["node n: config.foo: unknown field"]],
    ["trigger.webhook", { secret: "" }, ["node n: config.secret: must not be empty"]],
    ["trigger.webhook", { secret: 5 }, ["node n: config.secret: expected text, got 5"]],
    ["trigger.schedule", {}, ["node n: config.cron: this field is required"]],
    [
      "trigger.schedule",
      { cron: "0 9 * *", timezone: "Nowhere/City" },
      [
        'node n: config.cron: must have 5 fields (minute hour day-of-month month day-of-week), e.g. "0 9 * * 1-5"',
        "node n: config.timezone: must be a time zone name such as Europe/Paris or UTC",
      ],
    ],
    ["set", { values: [] }, ["node n: config.values: expected an object, got a list"]],
    ["set", { values: {}, keepInput: "yes" }, ['node n: config.keepInput: expected true or false, got "yes"']],
    ["code", {}, ["node n: config.code: this field is required"]],
    ["code", { code: "" }, ["node n: config.code: must not be empty"]],
    [
      "http.request",
      { method: "FETCH", url: "ftp://files.example.com" },
      [
        'node n: config.method: expected one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, got "FETCH"',
        "node n: config.url: must be an absolute http:// or https:// URL, or contain a {{ }} expression",
      ],
    ],
    [
      "http.request",
      { method: "GET", url: "{{ input.url }}", headers: { "X-Api-Key": 5 } },
      ['node n: config.headers["X-Api-Key"]: expected text, got 5'],
    ],
    ["http.request", { url: "https://example.com" }, ["node n: config.method: this field is required (one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS)"]],
    ["if", {}, ["node n: config.condition: this field is required"]],
    [
      "if",
      { condition: "input.ok" },
      ['node n: config.condition: expected true or false, or an expression in {{ }}, got "input.ok"'],
    ],
    ["switch", { value: 1, cases: [] }, ["node n: config.cases: must have at least one item"]],
    [
      "switch",
      {
        value: "{{ input.tier }}",
        cases: [
          { handle: "gold", equals: "G" },
          { handle: "default", equals: "D" },
          { handle: "gold", equals: "g" },
          { handle: "has space", equals: 1 },
          { handle: "x" },
        ],
      },
      [
        'node n: config.cases[1].handle: "default" is reserved for the branch taken when no case matches',
        'node n: config.cases[3].handle: must be 1 to 64 characters, using only letters, digits, "_" and "-"',
        "node n: config.cases[4].equals: this field is required",
        'node n: config.cases[2].handle: "gold" is already used by an earlier case; case handles must be unique',
      ],
    ],
    [
      "join",
      { mode: "n_of_m", aggregate: "sum" },
      [
        'node n: config.aggregate: expected one of merge, array, first, last, object, got "sum"',
        'node n: config.n: this field is required when mode is "n_of_m"',
      ],
    ],
    ["join", { mode: "n_of_m", n: "{{ 2 }}", aggregate: "array" }, ['node n: config.n: expected a whole number, got "{{ 2 }}"']],
    ["join", { mode: "n_of_m", n: 0, aggregate: "array" }, ["node n: config.n: must be at least 1, got 0"]],
    ["loop", { mode: "for" }, ['node n: config.items: this field is required when mode is "for"']],
    ["loop", { mode: "while" }, ['node n: config.condition: this field is required when mode is "while"']],
    ["loop", { mode: "repeat" }, ['node n: config.times: this field is required when mode is "repeat"']],
    ["loop", { mode: "repeat", times: -1 }, ["node n: config.times: must be at least 0, got -1"]],
    ["loop", { mode: "forever" }, ['node n: config.mode: expected one of for, while, repeat, got "forever"']],
    [
      "loop",
      { mode: "for", items: "input.items", concurrency: 0, maxIterations: 2.5 },
      [
        'node n: config.items: expected a list or an expression in {{ }}, got "input.items"',
        "node n: config.maxIterations: expected a whole number, got 2.5",
        "node n: config.concurrency: must be at least 1, got 0",
      ],
    ],
    ["break", { label: "x" }, ["node n: config.label: unknown field"]],
    ["continue", { when: true }, ["node n: config.when: unknown field"]],
    [
      "transform",
      { op: "map" },
      [
        'node n: config.items: this field is required when op is "map"',
        'node n: config.expression: this field is required when op is "map"',
      ],
    ],
    ["transform", { op: "merge" }, ['node n: config.sources: this field is required when op is "merge"']],
    ["transform", { op: "split", items: [1, 2, 3], size: 0 }, ["node n: config.size: must be at least 1, got 0"]],
    [
      "transform",
      { op: "filter", items: "{{ input }}", expression: "item.ok" },
      ["node n: config.expression: must contain an expression in {{ }}, e.g. {{ item.price * 2 }}"],
    ],
    ["transform", { op: "sort", items: [] }, ['node n: config.op: expected one of map, filter, reduce, merge, split, got "sort"']],
    ["delay", { seconds: "soon" }, ['node n: config.seconds: expected a number or an expression in {{ }}, got "soon"']],
    ["delay", { seconds: -5 }, ["node n: config.seconds: must be at least 0, got -5"]],
    [
      "wait",
      { until: "next tuesday" },
      [
        'node n: config.until: must be a date and time in ISO 8601 form with a time zone, e.g. 2025-01-31T09:00:00Z, got "next tuesday"',
      ],
    ],
    [
      "variable.set",
      { name: "1st", value: 1, scope: "global" },
      [
        'node n: config.name: must be a name of up to 64 letters, digits, "_" or "$" that does not start with a digit',
        'node n: config.scope: expected one of workflow, loop, node, got "global"',
      ],
    ],
    ["variable.set", { name: "total", scope: "loop" }, ["node n: config.value: this field is required"]],
    ["variable.get", {}, ["node n: config.name: this field is required"]],
    ["try", { catch: true }, ["node n: config.catch: unknown field"]],
    [
      "subworkflow",
      { workflowId: "", waitForCompletion: "no", timeoutSeconds: 0 },
      [
        "node n: config.workflowId: must not be empty",
        'node n: config.waitForCompletion: expected true or false, got "no"',
        "node n: config.timeoutSeconds: must be greater than 0, got 0",
      ],
    ],
    ["approval", { title: "OK" }, ["node n: config.onTimeout: this field is required (one of reject, approve, fail)"]],
    [
      "approval",
      { title: "OK", onTimeout: "reject", assignees: ["boss@example.com", "nope"] },
      ['node n: config.assignees[1]: must be an email address, got "nope"'],
    ],
    [
      "approval",
      { title: "OK", onTimeout: "reject", assignees: "ops@example.com" },
      ["node n: config.assignees: a role name cannot contain @; put email addresses in a list"],
    ],
    [
      "approval",
      { title: "", onTimeout: "reject", assignees: 7, form: "x" },
      [
        "node n: config.title: must not be empty",
        "node n: config.assignees: expected a list or text, got 7",
        'node n: config.form: expected an object, got "x"',
      ],
    ],
    ["fail", {}, ["node n: config.message: this field is required"]],
    ["output", {}, ["node n: config.value: this field is required"]],
  ])("%s with %j", (type, config, expected) => {
    expect(configProblems(type, config)).toEqual(expected);
  });

  it("refuses a config that is not an object", () => {
    expect(configProblems("set", "values")).toEqual(['node n: config: expected an object, got "values"']);
  });

  it("accepts expressions wherever a value may be computed at run time", () => {
    const computed: [string, unknown][] = [
      ["delay", { seconds: "{{ input.wait }}" }],
      ["wait", { until: "{{ input.at }}" }],
      ["loop", { mode: "repeat", times: "{{ input.n }}" }],
      ["loop", { mode: "while", condition: "{{ vars.more }}" }],
      ["transform", { op: "split", items: "{{ input }}", size: "{{ vars.size }}" }],
      ["transform", { op: "merge", sources: ["{{ nodes.a }}", { b: 1 }] }],
      ["http.request", { method: "GET", url: "{{ input.url }}", headers: "{{ input.headers }}" }],
      ["if", { condition: true }],
    ];
    for (const [type, config] of computed) expect(configProblems(type, config), type).toEqual([]);
  });
});
