import { z } from "zod";
import { defineNode } from "./node-definition";
import { nodeMeta } from "./node-meta";

/** Runs a JavaScript function body in the sandbox; its `return` value is the output. */
export const codeNode = defineNode({
  ...nodeMeta.code,
  configSchema: z.strictObject({
    code: z.string().min(1).describe("JavaScript run in a sandbox. `input`, `trigger`, `nodes` and `vars` are available; what you `return` is the output."),
  }),
});
