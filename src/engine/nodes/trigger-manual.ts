import { z } from "zod";
import { defineNode } from "./node-definition";
import { nodeMeta } from "./node-meta";

/** Starts an execution on demand (canvas "Run", API, CLI); outputs the execution's input. */
export const manualTriggerNode = defineNode({
  ...nodeMeta["trigger.manual"],
  configSchema: z.strictObject({}),
});
