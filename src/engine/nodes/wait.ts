import { z } from "zod";
import { orExpression } from "../expression";
import { defineNode, STANDARD_INPUTS, STANDARD_OUTPUTS } from "./node-definition";

/** Waits until a point in time (durably), then passes its input on. */
export const waitNode = defineNode({
  type: "wait",
  label: "Wait until",
  description: "Waits until a date and time before continuing.",
  category: "flow",
  configSchema: z.strictObject({
    /** ISO 8601 with a zone, e.g. 2025-01-31T09:00:00Z, or an expression giving one. */
    until: orExpression(z.iso.datetime({ offset: true })),
  }),
  inputHandles: STANDARD_INPUTS,
  outputHandles: STANDARD_OUTPUTS,
  defaultConfig: { until: "{{ input.resumeAt }}" },
});
