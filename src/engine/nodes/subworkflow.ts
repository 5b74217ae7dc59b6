import { z } from "zod";
import { defineNode, STANDARD_INPUTS, STANDARD_OUTPUTS } from "./node-definition";

/** Runs another stored workflow; outputs the child's result. */
export const subworkflowNode = defineNode({
  type: "subworkflow",
  label: "Run workflow",
  description: "Runs another workflow and outputs its result.",
  category: "actions",
  configSchema: z.strictObject({
    /** The stored workflow's id (may be an expression). */
    workflowId: z.string().min(1),
    /** The child's trigger input; defaults to this node's input. */
    input: z.json().optional(),
    /** Default true: wait for the child's result; false continues at once. */
    waitForCompletion: z.boolean().default(true),
    timeoutSeconds: z.int().positive().optional(),
  }),
  inputHandles: STANDARD_INPUTS,
  outputHandles: STANDARD_OUTPUTS,
  defaultConfig: { workflowId: "{{ input.workflowId }}" },
});
