import { z } from "zod";
import { defineNode } from "./node-definition";
import { nodeMeta } from "./node-meta";

/** Starts an execution on an HTTP call; outputs `{ body, headers, query }`. */
export const webhookTriggerNode = defineNode({
  ...nodeMeta["trigger.webhook"],
  configSchema: z.strictObject({
    /** When set, callers must present this shared secret. */
    secret: z.string().min(1).optional().describe("If set, callers of the webhook must present this shared secret."),
  }),
});
