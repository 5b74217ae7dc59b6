import { z } from "zod";
import { orExpression } from "../expression";
import { defineNode, STANDARD_INPUTS, STANDARD_OUTPUTS } from "./node-definition";

/** Waits a number of seconds (durably), then passes its input on. */
export const delayNode = defineNode({
  type: "delay",
  label: "Delay",
  description: "Waits a number of seconds before continuing.",
  category: "flow",
  configSchema: z.strictObject({
    seconds: orExpression(z.number().min(0)),
  }),
  inputHandles: STANDARD_INPUTS,
  outputHandles: STANDARD_OUTPUTS,
  defaultConfig: { seconds: 60 },
});
