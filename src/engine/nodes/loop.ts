import { z } from "zod";
import { orExpression } from "../expression";
import { requireFieldsByMode, RUN_ON_ANY_OBJECT } from "./mode-requirements";
import { defineNode } from "./node-definition";
import { nodeMeta } from "./node-meta";

export { LOOP_BODY_HANDLE } from "./node-meta";

const LoopConfig = z
  .strictObject({
    /** for: once per item; while: while `condition` holds; repeat: `times` times. */
    mode: z.enum(["for", "while", "repeat"]),
    items: orExpression(z.array(z.json())).optional(),
    condition: orExpression(z.boolean()).optional(),
    times: orExpression(z.int().min(0)).optional(),
    /** Default 10000: a safety stop for any mode. */
    maxIterations: z.int().min(1).default(10_000),
    /** Default 1: how many `for` iterations run at once. */
    concurrency: z.int().min(1).default(1),
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
