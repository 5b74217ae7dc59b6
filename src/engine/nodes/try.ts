import { z } from "zod";
import { defineNode, STANDARD_INPUTS } from "./node-definition";

export const TRY_REGION_HANDLES = ["try", "catch", "finally"] as const;

/**
 * Runs its `try` region; on an error runs `catch` (with `error` in scope), then
 * always `finally`, then continues on `out` with the try (or catch) result.
 */
export const tryNode = defineNode({
  type: "try",
  label: "Try / catch",
  description: "Runs steps and handles their errors on the catch branch; finally always runs.",
  category: "flow",
  configSchema: z.strictObject({}),
  inputHandles: STANDARD_INPUTS,
  outputHandles: [...TRY_REGION_HANDLES, "out"],
  regionHandles: TRY_REGION_HANDLES,
  defaultConfig: {},
});
