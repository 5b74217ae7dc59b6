import { z } from "zod";
import { defineNode } from "./node-definition";
import { nodeMeta } from "./node-meta";

/** Outputs the input merged with `values` (or only `values` when `keepInput` is false). */
export const setNode = defineNode({
  ...nodeMeta.set,
  configSchema: z.strictObject({
    values: z.record(z.string().min(1), z.json()),
    /** Default true: merge `values` into the input rather than replacing it. */
    keepInput: z.boolean().default(true),
  }),
});
