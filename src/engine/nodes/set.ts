import { z } from "zod";
import { defineNode } from "./node-definition";
import { nodeMeta } from "./node-meta";

/** Outputs the input merged with `values` (or only `values` when `keepInput` is false). */
export const setNode = defineNode({
  ...nodeMeta.set,
  configSchema: z.strictObject({
    values: z.record(z.string().min(1), z.json()).describe("Fields to set: a name and a value each. Values may use {{ }} expressions."),
    /** Default true: merge `values` into the input rather than replacing it. */
    keepInput: z.boolean().default(true).describe("Keep the incoming fields and add these; off: output only these fields."),
  }),
});
