import { z } from "zod";
import { orExpression, TemplateWithExpression } from "../expression";
import { requireFieldsByMode, RUN_ON_ANY_OBJECT } from "./mode-requirements";
import { defineNode } from "./node-definition";
import { nodeMeta } from "./node-meta";

const TransformConfig = z
  .strictObject({
    op: z.enum(["map", "filter", "reduce", "merge", "split"]),
    items: orExpression(z.array(z.json())).optional(),
    /** Evaluated per item (map, filter) or per step (reduce). */
    expression: TemplateWithExpression.optional(),
    /** reduce: the starting accumulator. */
    initial: z.json().optional(),
    /** merge: the values (usually expressions) merged into one object. */
    sources: orExpression(z.array(z.json()).min(1)).optional(),
    /** split: the chunk length. */
    size: orExpression(z.int().min(1)).optional(),
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
