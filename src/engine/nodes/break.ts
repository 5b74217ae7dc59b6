import { z } from "zod";
import { defineNode } from "./node-definition";
import { nodeMeta } from "./node-meta";

/** Ends the innermost loop; its `done` gets the results so far. Only valid inside a loop body. */
export const breakNode = defineNode({
  ...nodeMeta.break,
  configSchema: z.strictObject({}),
});
