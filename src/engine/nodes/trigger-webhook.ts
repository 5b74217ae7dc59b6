import { z } from "zod";
import { defineNode, STANDARD_OUTPUTS, TRIGGER_INPUTS } from "./node-definition";

/** Starts an execution on an HTTP call; outputs `{ body, headers, query }`. */
export const webhookTriggerNode = defineNode({
  type: "trigger.webhook",
  label: "Webhook",
  description: "Starts the workflow when its URL receives an HTTP request.",
  category: "triggers",
  configSchema: z.strictObject({
    /** When set, callers must present this shared secret. */
    secret: z.string().min(1).optional(),
  }),
  inputHandles: TRIGGER_INPUTS,
  outputHandles: STANDARD_OUTPUTS,
  defaultConfig: {},
});
