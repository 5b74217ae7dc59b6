import { z } from "zod";
import { orExpression } from "../expression";
import { defineNode } from "./node-definition";
import { nodeMeta } from "./node-meta";

/** Sends its input down `true` or `false`; the branch not taken is skipped. */
export const ifNode = defineNode({
  ...nodeMeta.if,
  configSchema: z.strictObject({
    condition: orExpression(z.boolean()).describe("Goes down true when this holds, else false. Usually an expression, e.g. {{ input.total > 100 }}."),
  }),
});
