import type { z } from "zod";

/**
 * What every layer needs to know about one node type: its config schema, its
 * handles and how the palette presents it. The registry (`registry.ts`) lists
 * one definition per type: its metadata from `node-meta.ts` (no zod, for the
 * editor's first paint) with its config schema from the type's own file.
 *
 * Terminology
 * - input handle: where edges enter a node. Every non-trigger node has exactly
 *   one, `in`; triggers have none (nothing may flow into a trigger).
 * - output handle: where edges leave a node (`out`, `true`/`false`, `body`/`done`…).
 *   `break`, `continue` and `fail` have none: nothing can follow them.
 * - region handle: an output handle whose reachable nodes form a region that the
 *   node owns (a loop's `body`, a try's `try`/`catch`/`finally`). See `graph.ts`.
 */

export const NODE_CATEGORIES = ["triggers", "logic", "data", "flow", "actions", "people"] as const;
export type NodeCategory = (typeof NODE_CATEGORIES)[number];

/** Method syntax keeps the parameter bivariant, so a switch's function fits `NodeMeta<T>`. */
type HandlesFromConfig<Config> = { fromConfig(config: Config): readonly string[] }["fromConfig"];

/**
 * Everything about a node type except its config schema: what the canvas, the
 * palette and the graph helpers need. Declared in `node-meta.ts`, which MUST
 * stay free of zod at run time: the editor draws its first cards from it and
 * loads the schemas later.
 */
export interface NodeMeta<Type extends string = string, Config = unknown> {
  readonly type: Type;
  /** Short name for the palette and the canvas, e.g. "HTTP request". */
  readonly label: string;
  /** One sentence for the palette tooltip. */
  readonly description: string;
  readonly category: NodeCategory;
  readonly inputHandles: readonly string[];
  /**
   * A fixed list, or a function of the parsed config when the handles depend on it
   * (`switch`: one per case plus `default`). Read through `getOutputHandles`.
   */
  readonly outputHandles: readonly string[] | HandlesFromConfig<Config>;
  /** Output handles that open a region this node owns; omitted means none. */
  readonly regionHandles?: readonly string[];
  /**
   * The valid config a new node on the canvas starts with, every default
   * written out, so the canvas adds it without parsing (a test checks that
   * parsing it changes nothing).
   */
  readonly defaultConfig: Readonly<Record<string, unknown>>;
}

/** A node type's metadata with its config schema: what the engine, server and worker use. */
export interface NodeDefinition<Type extends string = string, Config extends z.ZodType = z.ZodType>
  extends NodeMeta<Type, z.output<Config>> {
  /** Validates `node.config` (the validator prefixes issue paths with `config.`). */
  readonly configSchema: Config;
}

/** Identity function that keeps the literal `type` and the exact config schema type. */
export function defineNode<const Type extends string, Config extends z.ZodType>(
  definition: NodeDefinition<Type, Config>,
): NodeDefinition<Type, Config> {
  return definition;
}

export const TRIGGER_INPUTS: readonly string[] = [];
export const STANDARD_INPUTS: readonly string[] = ["in"];
export const STANDARD_OUTPUTS: readonly string[] = ["out"];
export const NO_OUTPUTS: readonly string[] = [];
