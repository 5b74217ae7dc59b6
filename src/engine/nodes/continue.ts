import { z } from "zod";
import { defineNode, NO_OUTPUTS, STANDARD_INPUTS } from "./node-definition";

/** Ends the current iteration of the innermost loop. Only valid inside a loop body. */
export const continueNode = defineNode({
  type: "continue",
  label: "Continue",
  description: "Skips the rest of the current loop iteration.",
  category: "flow",
  configSchema: z.strictObject({}),
  inputHandles: STANDARD_INPUTS,
  outputHandles: NO_OUTPUTS,
  defaultConfig: {},
});
