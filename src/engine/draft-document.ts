import { z } from "zod";
import { checkLimits } from "./check-limits";
import { describeIssues, formatFieldPath } from "./issue-messages";
import { NODE_TYPES } from "./nodes/registry";
import { formatProblem, type Problem } from "./problem";
import type { WorkflowDocument } from "./workflow-schema";

/**
 * A draft: the editor's canvas saved before it is valid. Validation is what a
 * draft is allowed to fail, so this checks only what the editor needs to show
 * it again — a document with a name, nodes that have an id and a known type,
 * and edges that have two ends — plus the size limits. Everything else
 * (configs, handles, graph rules) is kept as the person left it and reported by
 * `validateWorkflow` when the draft is opened.
 *
 * The result is typed as a WorkflowDocument because that is what the canvas
 * holds, but it is NOT a valid one: never run or publish it without
 * `validateWorkflow`.
 */
const DraftNode = z.looseObject({
  id: z.string().min(1, "a node needs an id").max(64),
  type: z.enum(NODE_TYPES),
  name: z.string().max(200).optional(),
  config: z.unknown().optional(),
  position: z.strictObject({ x: z.number(), y: z.number() }).optional(),
});

const DraftEdge = z.looseObject({
  source: z.string().min(1, "an edge needs a source"),
  target: z.string().min(1, "an edge needs a target"),
  sourceHandle: z.string().optional(),
  targetHandle: z.string().optional(),
});

const DraftShape = z.looseObject({
  version: z.literal(1),
  name: z.string().trim().min(1, "name must not be empty").max(200),
  nodes: z.array(DraftNode),
  edges: z.array(DraftEdge),
});

export type DraftCheck = { ok: true; document: WorkflowDocument } | { ok: false; problems: string[] };

/** Accept a draft the editor can reopen, or name every reason it cannot be stored. */
export function checkDraftDocument(input: unknown): DraftCheck {
  // Limits first: a document over them is not worth parsing.
  const limits: Problem[] = input !== null && typeof input === "object" ? checkLimits(input) : [];
  if (limits.length) return { ok: false, problems: limits.map(formatProblem) };
  const parsed = DraftShape.safeParse(input, { reportInput: true });
  if (!parsed.success) {
    return {
      ok: false,
      problems: describeIssues(parsed.error.issues, DraftShape).map(({ path, text }) => (path.length ? `${formatFieldPath(path)}: ${text}` : text)),
    };
  }
  const nodes = parsed.data.nodes.map((node) => ({ ...node, config: node.config ?? {} }));
  return { ok: true, document: { ...parsed.data, nodes } as unknown as WorkflowDocument };
}
