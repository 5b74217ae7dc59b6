import { z } from "zod";
import { orExpression } from "../expression";
import { defineNode, STANDARD_INPUTS } from "./node-definition";

/** Sends its input down `true` or `false`; the branch not taken is skipped. */
export const ifNode = defineNode({
  type: "if",
  label: "If",
  description: "Continues on the true or false branch depending on a condition.",
  category: "logic",
  configSchema: z.strictObject({
    condition: orExpression(z.boolean()),
  }),
  inputHandles: STANDARD_INPUTS,
  outputHandles: ["true", "false"],
  defaultConfig: { condition: "{{ input.ok === true }}" },
});
