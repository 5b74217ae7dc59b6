import { z } from "zod";
import { defineNode } from "./node-definition";
import { nodeMeta } from "./node-meta";

export { TRY_REGION_HANDLES } from "./node-meta";

/**
 * Runs its `try` region; on an error runs `catch` (with `error` in scope), then
 * always `finally`, then continues on `out` with the try (or catch) result.
 */
export const tryNode = defineNode({
  ...nodeMeta.try,
  configSchema: z.strictObject({}),
});
