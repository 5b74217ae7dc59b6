import { z } from "zod";
import { orExpression } from "../expression";
import { requireFieldsByMode, RUN_ON_ANY_OBJECT } from "./mode-requirements";
import { defineNode } from "./node-definition";
import { nodeMeta } from "./node-meta";

export { LOOP_BODY_HANDLE } from "./node-meta";

const LoopConfig = z
  .strictObject({
    /** for: once per item; while: while `condition` holds; repeat: `times` times. */
    mode: z.enum(["for", "while", "repeat"]).describe("Run the body once per item (for), while a condition holds (while), or a number of times (repeat)."),
    items: orExpression(z.array(z.json())).optional().describe("The list to go through, usually an expression such as {{ input.orders }}. Each item is loop.item."),
    condition: orExpression(z.boolean()).optional().describe("Checked before each iteration; the loop ends when it no longer holds."),
    times: orExpression(z.int().min(0)).optional().describe("How many times to run the body."),
    /** Default 10000: a safety stop for any mode. */
    maxIterations: z.int().min(1).default(10_000).describe("A safety stop: the loop fails after this many iterations."),
    /** Default 1: how many `for` iterations run at once. */
    concurrency: z.int().min(1).default(1).describe("How many items run at once (for). 1: one after the other."),
  })
  .superRefine(
    requireFieldsByMode("mode", { for: ["items"], while: ["condition"], repeat: ["times"] }),
    RUN_ON_ANY_OBJECT,
  );

/** Runs its body region once per iteration; `done` receives the array of iteration results. */
export const loopNode = defineNode({
  ...nodeMeta.loop,
  configSchema: LoopConfig,
});
