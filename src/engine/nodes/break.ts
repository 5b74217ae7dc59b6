import { z } from "zod";
import { defineNode, NO_OUTPUTS, STANDARD_INPUTS } from "./node-definition";

/** Ends the innermost loop; its `done` gets the results so far. Only valid inside a loop body. */
export const breakNode = defineNode({
  type: "break",
  label: "Break",
  description: "Stops the loop it is in; the loop continues on done with the results so far.",
  category: "flow",
  configSchema: z.strictObject({}),
  inputHandles: STANDARD_INPUTS,
  outputHandles: NO_OUTPUTS,
  defaultConfig: {},
});
