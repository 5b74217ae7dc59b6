import { z } from "zod";
import { defineNode, STANDARD_INPUTS, STANDARD_OUTPUTS } from "./node-definition";

/** Runs a JavaScript function body in the sandbox; its `return` value is the output. */
export const codeNode = defineNode({
  type: "code",
  label: "Code",
  description: "Runs JavaScript in a sandbox; what it returns becomes the output.",
  category: "data",
  configSchema: z.strictObject({
    code: z.string().min(1),
  }),
  inputHandles: STANDARD_INPUTS,
  outputHandles: STANDARD_OUTPUTS,
  defaultConfig: { code: "return input;" },
});
