import { z } from "zod";
import { defineNode } from "./node-definition";
import { nodeMeta } from "./node-meta";

/** Runs another stored workflow; outputs the child's result. */
export const subworkflowNode = defineNode({
  ...nodeMeta.subworkflow,
  configSchema: z.strictObject({
    /** The stored workflow's id (may be an expression). */
    workflowId: z.string().min(1),
    /** The child's trigger input; defaults to this node's input. */
    input: z.json().optional(),
    /** Default true: wait for the child's result; false continues at once. */
    waitForCompletion: z.boolean().default(true),
    timeoutSeconds: z.int().positive().optional(),
  }),
});
