import { z } from "zod";
import { orExpression } from "../expression";
import { requireFieldsByMode, RUN_ON_ANY_OBJECT } from "./mode-requirements";
import { defineNode, STANDARD_INPUTS } from "./node-definition";

export const LOOP_BODY_HANDLE = "body";

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
  type: "loop",
  label: "Loop",
  description: "Repeats the steps on its body branch for each item, while a condition holds, or n times.",
  category: "flow",
  configSchema: LoopConfig,
  inputHandles: STANDARD_INPUTS,
  outputHandles: [LOOP_BODY_HANDLE, "done"],
  regionHandles: [LOOP_BODY_HANDLE],
  defaultConfig: { mode: "for", items: "{{ input.items }}" },
});
