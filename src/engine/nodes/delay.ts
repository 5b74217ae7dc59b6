import { z } from "zod";
import { orExpression } from "../expression";
import { defineNode } from "./node-definition";
import { nodeMeta } from "./node-meta";

/** Waits a number of seconds (durably), then passes its input on. */
export const delayNode = defineNode({
  ...nodeMeta.delay,
  configSchema: z.strictObject({
    seconds: orExpression(z.number().min(0)).describe("How long to wait before going on, in seconds."),
  }),
});
