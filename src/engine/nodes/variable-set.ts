import { z } from "zod";
import { defineNode } from "./node-definition";
import { nodeMeta } from "./node-meta";

/** A variable name usable in expressions as `vars.<name>`. */
export const VariableName = z.string().regex(/^[A-Za-z_$][A-Za-z0-9_$]{0,63}$/, {
  error: 'must be a name of up to 64 letters, digits, "_" or "$" that does not start with a digit',
});

/** Sets a variable in a scope (lookup goes node → loop, inner to outer → workflow); passes its input on. */
export const variableSetNode = defineNode({
  ...nodeMeta["variable.set"],
  configSchema: z.strictObject({
    name: VariableName,
    value: z.json(),
    /** workflow: the whole execution; loop: one iteration of the innermost loop; node: the rest of the branch. */
    scope: z.enum(["workflow", "loop", "node"]),
  }),
});
