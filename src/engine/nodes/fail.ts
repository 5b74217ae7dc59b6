import { z } from "zod";
import { defineNode, NO_OUTPUTS, STANDARD_INPUTS } from "./node-definition";

/** Raises an error with `message` (caught by an enclosing try's catch region). */
export const failNode = defineNode({
  type: "fail",
  label: "Fail",
  description: "Stops this branch with an error message.",
  category: "flow",
  configSchema: z.strictObject({
    message: z.string().min(1),
  }),
  inputHandles: STANDARD_INPUTS,
  outputHandles: NO_OUTPUTS,
  defaultConfig: { message: "Something went wrong" },
});
