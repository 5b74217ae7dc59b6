import { z } from "zod";
import { defineNode } from "./node-definition";
import { nodeMeta } from "./node-meta";

/** Raises an error with `message` (caught by an enclosing try's catch region). */
export const failNode = defineNode({
  ...nodeMeta.fail,
  configSchema: z.strictObject({
    message: z.string().min(1).describe("The error the execution fails with (a try node's catch path can handle it)."),
  }),
});
