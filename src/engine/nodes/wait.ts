import { z } from "zod";
import { orExpression } from "../expression";
import { defineNode } from "./node-definition";
import { nodeMeta } from "./node-meta";

/** Waits until a point in time (durably), then passes its input on. */
export const waitNode = defineNode({
  ...nodeMeta.wait,
  configSchema: z.strictObject({
    /** ISO 8601 with a zone, e.g. 2025-01-31T09:00:00Z, or an expression giving one. */
    until: orExpression(z.iso.datetime({ offset: true })).describe("The moment to go on, with a time zone, e.g. 2025-01-31T09:00:00Z, or an expression giving one."),
  }),
});
