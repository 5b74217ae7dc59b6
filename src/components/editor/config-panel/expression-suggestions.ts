import { buildGraph, enclosingLoops, enclosingRegions, listRegions, predecessors, type WorkflowGraph } from "@/engine/graph";
import { isTriggerType } from "@/engine/nodes/node-meta";
import type { WorkflowDocument } from "@/engine/workflow-schema";

/**
 * Autocomplete for `{{ … }}` expressions in config fields: what a person can
 * refer to from this node, and the keys of what those things held in the last
 * run.
 *
 * Terminology
 * - open expression: the caret is after a `{{` with no `}}` between them.
 * - token: the dotted path being typed just before the caret (`nodes.fetch.bo`);
 *   suggestions replace it, from `from` to the caret.
 * - upstream: every node with a path to this one (`nodes.<id>` holds their outputs).
 * - scope roots (see the interpreter's expression-scope.ts): input, trigger,
 *   nodes, vars, execution always; loop inside a loop body; error in a catch region.
 */

export interface Suggestion {
  /** What the list shows, e.g. `nodes.fetch.body.`. */
  readonly label: string;
  /** What replaces the token. */
  readonly insert: string;
  /** A short note: "upstream node", "from the last run", … */
  readonly detail?: string;
  /** `close` inserts ` }}` after the caret and leaves the caret inside. */
  readonly kind?: "path" | "close";
}

export interface SuggestionResult {
  /** Start of the token the suggestions replace (the end is the caret). */
  readonly from: number;
  readonly to: number;
  readonly items: readonly Suggestion[];
}

export interface SuggestionContext {
  readonly document: Pick<WorkflowDocument, "nodes" | "edges">;
  readonly nodeId: string;
  /** Outputs of the last run by node id (keys of objects are offered). */
  readonly lastRunOutputs?: Readonly<Record<string, unknown>>;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const TOKEN_AT_END = /(?:[A-Za-z_$][\w$]*\.)*[A-Za-z_$]?[\w$]*$/;
const MAX_ITEMS = 50;

/** Index of the `{{` the caret is in, or -1 when the caret is not inside an expression. */
function openExpressionStart(text: string, caret: number): number {
  const before = text.slice(0, caret);
  const open = before.lastIndexOf("{{");
  if (open === -1) return -1;
  return before.indexOf("}}", open + 2) === -1 ? open : -1;
}

/** True when no `}}` closes the expression after the caret (before the next `{{`). */
function isUnclosed(text: string, caret: number): boolean {
  const after = text.slice(caret);
  const close = after.indexOf("}}");
  const nextOpen = after.indexOf("{{");
  return close === -1 || (nextOpen !== -1 && nextOpen < close);
}

function upstreamOf(graph: WorkflowGraph, nodeId: string): string[] {
  const seen = new Set<string>();
  const queue = predecessors(graph, nodeId);
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    if (seen.has(next) || next === nodeId) continue;
    seen.add(next);
    queue.push(...predecessors(graph, next));
  }
  return [...graph.nodeTypes.keys()].filter((id) => seen.has(id));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The sample value an expression sees at a path, as far as the last run tells. */
interface Scope {
  readonly children: (path: readonly string[]) => { names: string[]; sample?: (name: string) => unknown; detail?: string };
}

function buildScope(context: SuggestionContext): Scope {
  const { document, nodeId, lastRunOutputs = {} } = context;
  const graph = buildGraph(document.nodes, document.edges);
  const regions = listRegions(graph);
  const upstream = upstreamOf(graph, nodeId);
  const inLoop = enclosingLoops(graph, nodeId, regions).length > 0;
  const inCatch = enclosingRegions(graph, nodeId, regions).some(
    (region) => region.handle === "catch" && graph.nodeTypes.get(region.owner) === "try",
  );
  const inputSample: Record<string, unknown> = {};
  for (const id of predecessors(graph, nodeId)) {
    const output = lastRunOutputs[id];
    if (isPlainObject(output)) Object.assign(inputSample, output);
  }
  const trigger = document.nodes.find((node) => isTriggerType(node.type));
  const triggerSample = trigger === undefined ? undefined : lastRunOutputs[trigger.id];
  const variables = [
    ...new Set(
      document.nodes.flatMap((node) => {
        const name = node.type === "variable.set" ? (node.config as { name?: unknown }).name : undefined;
        return typeof name === "string" && IDENTIFIER.test(name) ? [name] : [];
      }),
    ),
  ];
  const roots: Record<string, { names: string[]; sample?: unknown; detail: string }> = {
    input: { names: Object.keys(inputSample), sample: inputSample, detail: "this node's input" },
    trigger: { names: isPlainObject(triggerSample) ? Object.keys(triggerSample) : [], sample: triggerSample, detail: "the run's input" },
    nodes: { names: upstream, detail: "upstream node" },
    vars: { names: variables, detail: "variable" },
    execution: { names: ["id", "startedAt", "mode"], detail: "this run" },
    ...(inLoop ? { loop: { names: ["item", "index", "parent"], detail: "current iteration" } } : {}),
    ...(inCatch ? { error: { names: ["message", "nodeId", "type"], detail: "the caught error" } } : {}),
  };

  const keysOf = (value: unknown) => (isPlainObject(value) ? Object.keys(value) : []);
  const walk = (value: unknown, path: readonly string[]) =>
    path.reduce<unknown>((current, key) => (isPlainObject(current) ? current[key] : undefined), value);

  return {
    children(path) {
      const [root, ...rest] = path;
      if (root === undefined) return { names: Object.keys(roots) };
      const entry = roots[root];
      if (entry === undefined) return { names: [] };
      if (root === "nodes") {
        const [id, ...inner] = rest;
        if (id === undefined) return { names: entry.names, sample: (name) => lastRunOutputs[name] ?? {}, detail: entry.detail };
        const value = walk(lastRunOutputs[id], inner);
        return { names: keysOf(value), sample: (name) => (isPlainObject(value) ? value[name] : undefined), detail: "from the last run" };
      }
      if (rest.length === 0) {
        const sample = entry.sample;
        return { names: entry.names, sample: (name) => (isPlainObject(sample) ? sample[name] : undefined), detail: entry.detail };
      }
      const value = walk(entry.sample, rest);
      return { names: keysOf(value), sample: (name) => (isPlainObject(value) ? value[name] : undefined), detail: "from the last run" };
    },
  };
}

/** Top-level suggestions, spelled out as in the docs: `input.`, `nodes.fetch.`, `loop.item`, `execution.id`. */
function rootSuggestions(scope: Scope): Suggestion[] {
  const roots = scope.children([]).names;
  return roots.flatMap((root): Suggestion[] => {
    if (root === "input" || root === "trigger" || root === "vars" || root === "error") {
      return [{ label: `${root}.`, insert: `${root}.`, kind: "path" }];
    }
    const { names, detail } = scope.children([root]);
    return names.map((name) => {
      const text = root === "nodes" ? `nodes.${name}.` : `${root}.${name}`;
      return { label: text, insert: text, kind: "path", ...(detail === undefined ? {} : { detail }) };
    });
  });
}

/** Suggestions for the caret position, or null when the caret is not inside `{{ … }}`. */
export function suggestExpressions(context: SuggestionContext, text: string, caret: number): SuggestionResult | null {
  const open = openExpressionStart(text, caret);
  if (open === -1) return null;
  const source = text.slice(open + 2, caret);
  const token = TOKEN_AT_END.exec(source)?.[0] ?? "";
  const from = caret - token.length;
  const scope = buildScope(context);
  const segments = token.split(".");
  const partial = segments.pop() ?? "";
  const items: Suggestion[] = [];
  if (token === "" && isUnclosed(text, caret)) {
    items.push({ label: "}}", insert: "", detail: "close the expression", kind: "close" });
  }
  if (segments.length === 0) {
    items.push(...rootSuggestions(scope).filter((item) => item.label.startsWith(partial)));
  } else {
    const { names, sample, detail } = scope.children(segments);
    const prefix = segments.join(".");
    for (const name of names) {
      if (!name.startsWith(partial)) continue;
      const access = IDENTIFIER.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`;
      const nested = sample !== undefined && isPlainObject(sample(name)) ? "." : "";
      const insert = `${prefix}${access}${nested}`;
      items.push({ label: insert, insert, kind: "path", ...(detail === undefined ? {} : { detail }) });
    }
  }
  return { from, to: caret, items: items.slice(0, MAX_ITEMS) };
}

/** The text and caret after accepting `item` (a `close` item adds ` }}` and keeps the caret before it). */
export function applySuggestion(text: string, result: SuggestionResult, item: Suggestion): { text: string; caret: number } {
  if (item.kind === "close") {
    const padded = text.slice(0, result.from).endsWith(" ") ? "" : " ";
    const next = `${text.slice(0, result.from)}${padded} }}${text.slice(result.to)}`;
    return { text: next, caret: result.from + padded.length };
  }
  const next = `${text.slice(0, result.from)}${item.insert}${text.slice(result.to)}`;
  return { text: next, caret: result.from + item.insert.length };
}
