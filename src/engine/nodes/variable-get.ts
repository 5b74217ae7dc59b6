import { z } from "zod";
import { defineNode, STANDARD_INPUTS, STANDARD_OUTPUTS } from "./node-definition";
import { VariableName } from "./variable-set";

/** Outputs the visible variable's value, or `default` when it is not set. */
export const variableGetNode = defineNode({
  type: "variable.get",
  label: "Get variable",
  description: "Outputs the value of a variable.",
  category: "data",
  configSchema: z.strictObject({
    name: VariableName,
    default: z.json().optional(),
  }),
  inputHandles: STANDARD_INPUTS,
  outputHandles: STANDARD_OUTPUTS,
  defaultConfig: { name: "counter" },
});
