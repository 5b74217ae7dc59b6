import { z } from "zod";
import { requireFieldsByMode, RUN_ON_ANY_OBJECT } from "./mode-requirements";
import { defineNode } from "./node-definition";
import { nodeMeta } from "./node-meta";

const JoinConfig = z
  .strictObject({
    /** all: wait for every live branch; any: the first arrival; n_of_m: the first `n` arrivals. */
    mode: z.enum(["all", "any", "n_of_m"]).describe("When to go on: once every incoming branch arrived (all), at the first (any), or after n of them."),
    /** Literal (it shapes the graph): how many arrivals fire an n_of_m join. */
    n: z.int().min(1).optional().describe("How many branches must arrive (n of m)."),
    aggregate: z
      .enum(["merge", "array", "first", "last", "object"])
      .describe("How the arrivals become the output: merged into one object, a list, the first or last one, or an object by node id."),
  })
  .superRefine(requireFieldsByMode("mode", { n_of_m: ["n"] }), RUN_ON_ANY_OBJECT);

/** Waits for several incoming branches and combines what arrived. */
export const joinNode = defineNode({
  ...nodeMeta.join,
  configSchema: JoinConfig,
});
