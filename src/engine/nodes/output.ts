import { z } from "zod";
import { defineNode } from "./node-definition";
import { nodeMeta } from "./node-meta";

/** Outputs `value`, which also becomes the execution's result. */
export const outputNode = defineNode({
  ...nodeMeta.output,
  configSchema: z.strictObject({
    value: z.json().describe("The execution's result, e.g. {{ input }} or an object of expressions."),
  }),
});
