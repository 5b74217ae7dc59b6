import { z } from "zod";
import {
  NODE_TYPES,
  nodeDefinitions,
  type NodeConfig,
  type NodeConfigInput,
  type NodeType,
} from "./nodes/registry";

/**
 * The workflow document, format version 1 (see shared/WORKFLOW_FORMAT.md): the
 * one schema the canvas, API, worker and CLI share. Parsing fills defaults
 * (`config` {}, `sourceHandle` "out", `targetHandle` "in", and each type's config
 * defaults), so every layer after the parse sees a normalised document.
 *
 * This schema checks shape only. Graph rules (one trigger, no cycles, regions,
 * handles that exist) live in `validateWorkflow`, which every layer should call
 * instead of parsing this schema directly: it also reports every problem with a
 * message a person can act on.
 */

export const NODE_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export const NodeId = z.string().regex(NODE_ID_PATTERN, {
  error: 'must be 1 to 64 characters, using only letters, digits, "_" and "-"',
});

export const NodeRetry = z.strictObject({
  maxAttempts: z.int().min(1).max(100),
  /** Default "fixed". */
  backoff: z.enum(["fixed", "exponential"]).default("fixed"),
  /** Default 1000: the wait before the second attempt (doubling each time when exponential). */
  delayMs: z.int().min(0).default(1000),
});
export type NodeRetry = z.infer<typeof NodeRetry>;

/** Fields every node may have, whatever its type. */
export const NODE_COMMON_FIELDS = {
  id: NodeId,
  name: z.string().max(200).optional(),
  /** Canvas position; UI only, the engine ignores it. */
  position: z.strictObject({ x: z.number(), y: z.number() }).optional(),
  timeoutMs: z.int().positive().optional(),
  retry: NodeRetry.optional(),
  /** Reuse a result for identical type + config + input for this long. */
  cache: z.strictObject({ ttlSeconds: z.int().positive() }).optional(),
  /** fail (the default behaviour): the error fails the branch; continue: the output becomes `{ error }`. */
  onError: z.enum(["fail", "continue"]).optional(),
  /** Debug runs pause before this node. */
  breakpoint: z.boolean().optional(),
};

type NodeCommon = z.output<z.ZodObject<typeof NODE_COMMON_FIELDS>>;
type NodeCommonInput = z.input<z.ZodObject<typeof NODE_COMMON_FIELDS>>;

function nodeSchemaFor(type: NodeType) {
  return z.strictObject({
    ...NODE_COMMON_FIELDS,
    type: z.literal(type),
    config: (nodeDefinitions[type].configSchema as z.ZodType).prefault({}),
  });
}

/** The strict schema for a node of each type (the validator parses nodes one by one with these). */
export const NODE_SCHEMAS: { readonly [Type in NodeType]: z.ZodType<WorkflowNodeOf<Type>, WorkflowNodeInputOf<Type>> } =
  Object.fromEntries(NODE_TYPES.map((type) => [type, nodeSchemaFor(type)])) as never;

/** A node of one type, parsed: `config` is that type's parsed config. */
export type WorkflowNodeOf<Type extends NodeType> = NodeCommon & { type: Type; config: NodeConfig<Type> };
type WorkflowNodeInputOf<Type extends NodeType> = NodeCommonInput & {
  type: Type;
  config?: NodeConfigInput<Type>;
};

/** Any node: a union discriminated by `type`, so `node.type === "loop"` narrows `node.config`. */
export type WorkflowNode = { [Type in NodeType]: WorkflowNodeOf<Type> }[NodeType];
type WorkflowNodeInput = { [Type in NodeType]: WorkflowNodeInputOf<Type> }[NodeType];

export const WorkflowNode: z.ZodType<WorkflowNode, WorkflowNodeInput> = z.discriminatedUnion(
  "type",
  NODE_TYPES.map(nodeSchemaFor) as [ReturnType<typeof nodeSchemaFor>, ...ReturnType<typeof nodeSchemaFor>[]],
) as never;

export const WorkflowEdge = z.strictObject({
  /** Optional stable id (the canvas sets one); unique when present. */
  id: z.string().min(1).optional(),
  source: z.string().min(1),
  target: z.string().min(1),
  sourceHandle: z.string().min(1).default("out"),
  targetHandle: z.string().min(1).default("in"),
});
export type WorkflowEdge = z.infer<typeof WorkflowEdge>;

export const WorkflowSettings = z.strictObject({
  /** The whole execution times out after this many seconds. */
  timeoutSeconds: z.int().positive().optional(),
  /** Queue priority, -100 (last) to 100 (first). */
  priority: z.int().min(-100).max(100).optional(),
  /**
   * Limits for every code node and expression of this workflow (extension of
   * format v1; documents without it keep the sandbox defaults: 1000 ms for
   * code, 100 ms for an expression, 32 MiB). A node's `timeoutMs` still wins
   * for its code.
   */
  sandbox: z
    .strictObject({
      timeoutMs: z.int().positive().max(60_000).optional(),
      memoryMb: z.int().min(1).max(1024).optional(),
    })
    .optional(),
});
export type WorkflowSettings = z.infer<typeof WorkflowSettings>;

export const WorkflowDocument = z.strictObject({
  version: z.literal(1),
  name: z.string().min(1).max(200),
  description: z.string().optional(),
  nodes: z.array(WorkflowNode),
  edges: z.array(WorkflowEdge),
  settings: WorkflowSettings.optional(),
});
export type WorkflowDocument = z.infer<typeof WorkflowDocument>;
/** A document as written (defaults may be omitted), e.g. in a file to import. */
export type WorkflowDocumentInput = z.input<typeof WorkflowDocument>;
