import { z } from "zod";
import { orExpression, TemplateWithExpression } from "../expression";
import { requireFieldsByMode, RUN_ON_ANY_OBJECT } from "./mode-requirements";
import { defineNode } from "./node-definition";
import { nodeMeta } from "./node-meta";

const TransformConfig = z
  .strictObject({
    op: z
      .enum(["map", "filter", "reduce", "merge", "split"])
      .describe("map: change each item; filter: keep matching items; reduce: combine into one value; merge: join objects; split: cut into chunks."),
    items: orExpression(z.array(z.json())).optional().describe("The list to work on, usually an expression such as {{ input.rows }}."),
    /** Evaluated per item (map, filter) or per step (reduce). */
    expression: TemplateWithExpression.optional().describe("Run for each item (item, index), or each reduce step (acc, item)."),
    /** reduce: the starting accumulator. */
    initial: z.json().optional().describe("reduce: the value to start from."),
    /** merge: the values (usually expressions) merged into one object. */
    sources: orExpression(z.array(z.json()).min(1)).optional().describe("merge: the objects to merge, later ones winning."),
    /** split: the chunk length. */
    size: orExpression(z.int().min(1)).optional().describe("split: how many items per chunk."),
  })
  .superRefine(
    requireFieldsByMode("op", {
      map: ["items", "expression"],
      filter: ["items", "expression"],
      reduce: ["items", "expression"],
      merge: ["sources"],
      split: ["items", "size"],
    }),
    RUN_ON_ANY_OBJECT,
  );

/** Maps, filters, reduces, merges or splits data without writing code. */
export const transformNode = defineNode({
  ...nodeMeta.transform,
  configSchema: TransformConfig,
});
