import { z } from "zod";
import { defineNode } from "./node-definition";
import { nodeMeta } from "./node-meta";
import { VariableName } from "./variable-set";

/** Outputs the visible variable's value, or `default` when it is not set. */
export const variableGetNode = defineNode({
  ...nodeMeta["variable.get"],
  configSchema: z.strictObject({
    name: VariableName.describe("The variable to read."),
    default: z.json().optional().describe("The output when the variable is not set."),
  }),
});
