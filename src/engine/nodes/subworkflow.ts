import { z } from "zod";
import { defineNode } from "./node-definition";
import { nodeMeta } from "./node-meta";

/** Runs another stored workflow; outputs the child's result. */
export const subworkflowNode = defineNode({
  ...nodeMeta.subworkflow,
  configSchema: z.strictObject({
    /** The stored workflow's id (may be an expression). */
    workflowId: z.string().min(1).describe("The id of the stored workflow to run (its latest version)."),
    /** The child's trigger input; defaults to this node's input. */
    input: z.json().optional().describe("What the child workflow's trigger receives. Empty: this node's input."),
    /** Default true: wait for the child's result; false continues at once. */
    waitForCompletion: z.boolean().default(true).describe("Wait for the child's result; off: start it and go on at once."),
    timeoutSeconds: z.int().positive().optional().describe("Fail if the child has not finished after this many seconds."),
  }),
});
