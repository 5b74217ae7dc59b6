import { z } from "zod";
import { defineNode, STANDARD_OUTPUTS, TRIGGER_INPUTS } from "./node-definition";

/** Starts an execution on demand (canvas "Run", API, CLI); outputs the execution's input. */
export const manualTriggerNode = defineNode({
  type: "trigger.manual",
  label: "Manual trigger",
  description: "Starts the workflow when someone runs it; its output is the input given to the run.",
  category: "triggers",
  configSchema: z.strictObject({}),
  inputHandles: TRIGGER_INPUTS,
  outputHandles: STANDARD_OUTPUTS,
  defaultConfig: {},
});
