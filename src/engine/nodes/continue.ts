import { z } from "zod";
import { defineNode } from "./node-definition";
import { nodeMeta } from "./node-meta";

/** Ends the current iteration of the innermost loop. Only valid inside a loop body. */
export const continueNode = defineNode({
  ...nodeMeta.continue,
  configSchema: z.strictObject({}),
});
