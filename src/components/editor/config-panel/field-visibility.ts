import type { NodeType } from "@/engine/nodes/registry";
import type { FieldDescriptor } from "./schema-fields";

/**
 * Which config fields matter in the current mode of nodes whose fields depend
 * on one (a loop's `mode`, a transform's `op`, a join's `mode`), mirroring the
 * `requireFieldsByMode` rules in src/engine/nodes/*. Hiding the rest keeps the
 * form short for a business user. A field that has a value is always shown, so
 * nothing in the config is ever hidden from view (or from its problems).
 */
const FIELDS_BY_MODE: {
  readonly [Type in NodeType]?: { readonly modeField: string; readonly fields: Readonly<Record<string, readonly string[]>> };
} = {
  loop: {
    modeField: "mode",
    fields: { for: ["items", "concurrency"], while: ["condition"], repeat: ["times"] },
  },
  transform: {
    modeField: "op",
    fields: {
      map: ["items", "expression"],
      filter: ["items", "expression"],
      reduce: ["items", "expression", "initial"],
      merge: ["sources"],
      split: ["items", "size"],
    },
  },
  join: { modeField: "mode", fields: { n_of_m: ["n"] } },
};

export function visibleConfigFields(type: NodeType, config: unknown, fields: readonly FieldDescriptor[]): FieldDescriptor[] {
  const rule = FIELDS_BY_MODE[type];
  const values = typeof config === "object" && config !== null ? (config as Record<string, unknown>) : {};
  if (rule === undefined) return [...fields];
  const modeDependent = new Set(Object.values(rule.fields).flat());
  const mode = values[rule.modeField];
  const relevant = new Set(typeof mode === "string" ? (rule.fields[mode] ?? []) : [...modeDependent]);
  return fields.filter((field) => !modeDependent.has(field.key) || relevant.has(field.key) || values[field.key] !== undefined);
}
