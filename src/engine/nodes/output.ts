import { z } from "zod";
import { defineNode, STANDARD_INPUTS, STANDARD_OUTPUTS } from "./node-definition";

/** Outputs `value`, which also becomes the execution's result. */
export const outputNode = defineNode({
  type: "output",
  label: "Output",
  description: "Sets the result of the workflow.",
  category: "flow",
  configSchema: z.strictObject({
    value: z.json(),
  }),
  inputHandles: STANDARD_INPUTS,
  outputHandles: STANDARD_OUTPUTS,
  defaultConfig: { value: "{{ input }}" },
});
