import { z } from "zod";
import { defineNode } from "./node-definition";
import { nodeMeta, SWITCH_DEFAULT_HANDLE } from "./node-meta";

export { SWITCH_DEFAULT_HANDLE };

const CaseHandle = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, {
    error: 'must be 1 to 64 characters, using only letters, digits, "_" and "-"',
  })
  .refine((handle) => handle !== SWITCH_DEFAULT_HANDLE, {
    error: `"${SWITCH_DEFAULT_HANDLE}" is reserved for the branch taken when no case matches`,
  });

const SwitchConfig = z
  .strictObject({
    /** Compared (deep equality) with each case's `equals`, in order; usually an expression. */
    value: z.json().describe("What to compare with each case, usually an expression such as {{ input.country }}."),
    cases: z
      .array(z.strictObject({ handle: CaseHandle, equals: z.json() }))
      .min(1)
      .describe("The paths out: the first case whose value equals it is taken; none: default."),
  })
  .superRefine(
    (config, ctx) => {
      const seen = new Set<string>();
      for (const [index, { handle }] of config.cases.entries()) {
        if (typeof handle !== "string") continue;
        if (seen.has(handle)) {
          ctx.addIssue({
            code: "custom",
            path: ["cases", index, "handle"],
            message: `"${handle}" is already used by an earlier case; case handles must be unique`,
            input: handle,
          });
        }
        seen.add(handle);
      }
    },
    { when: (payload) => Array.isArray((payload.value as { cases?: unknown } | undefined)?.cases) },
  );

/** Sends its input down the handle of the first case whose `equals` matches `value`, else `default`. */
export const switchNode = defineNode({
  ...nodeMeta.switch,
  configSchema: SwitchConfig,
});
