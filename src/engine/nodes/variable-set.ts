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
    name: VariableName.describe("The variable's name; read it later as {{ vars.name }}."),
    value: z.json().describe("The value to store; may use {{ }} expressions."),
    /** workflow: the whole execution; loop: one iteration of the innermost loop; node: the rest of the branch. */
    scope: z.enum(["workflow", "loop", "node"]).describe("How long it lives: the whole execution, one loop iteration, or the rest of this branch."),
  }),
});
