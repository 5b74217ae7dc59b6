import type { z } from "zod";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * A check for config objects whose required fields depend on a mode field,
 * e.g. `requireFieldsByMode("mode", { for: ["items"], while: ["condition"] })`.
 *
 * It runs even when other config fields already failed (zod would otherwise skip
 * refinements after the first issue), so a user sees every missing field at once.
 * A field that is present but invalid is reported by its own schema, not here.
 */
export function requireFieldsByMode<Config extends object>(
  modeField: keyof Config & string,
  requiredByMode: Readonly<Record<string, readonly (keyof Config & string)[]>>,
) {
  return (config: Config, ctx: z.RefinementCtx<Config>) => {
    const values = config as Readonly<Record<string, unknown>>;
    const mode = values[modeField];
    if (typeof mode !== "string" || !Object.hasOwn(requiredByMode, mode)) return;
    for (const field of requiredByMode[mode] ?? []) {
      if (values[field] === undefined) {
        ctx.addIssue({
          code: "custom",
          path: [field],
          message: `this field is required when ${modeField} is "${mode}"`,
          input: undefined,
        });
      }
    }
  };
}

/** `superRefine` options that run the check whenever the config is an object. */
export const RUN_ON_ANY_OBJECT = { when: (payload: { value: unknown }) => isRecord(payload.value) };
