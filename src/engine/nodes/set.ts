import { z } from "zod";
import { defineNode, STANDARD_INPUTS, STANDARD_OUTPUTS } from "./node-definition";

/** Outputs the input merged with `values` (or only `values` when `keepInput` is false). */
export const setNode = defineNode({
  type: "set",
  label: "Set fields",
  description: "Adds or replaces fields; values may use {{ }} expressions.",
  category: "data",
  configSchema: z.strictObject({
    values: z.record(z.string().min(1), z.json()),
    /** Default true: merge `values` into the input rather than replacing it. */
    keepInput: z.boolean().default(true),
  }),
  inputHandles: STANDARD_INPUTS,
  outputHandles: STANDARD_OUTPUTS,
  defaultConfig: { values: {} },
});
