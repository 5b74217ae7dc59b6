import { z } from "zod";
import { WholeExpression } from "@/engine/expression";
import { nodeDefinitions, type NodeType } from "@/engine/nodes/registry";
import { NODE_COMMON_FIELDS } from "@/engine/workflow-schema";
import { humanizeLabel } from "./humanize-label";

/**
 * Reads a zod 4 schema (through `schema._zod.def`) into field descriptors the
 * config panel renders as a form, so a node type's form follows its schema
 * with no per-type UI code.
 *
 * Terminology
 * - kind: which input a field gets. text (string), number, boolean, select
 *   (enum / literal union), json (objects, arrays, `z.json()`, mixed unions: a
 *   JSON textarea), keyValue (a record: rows of key → value), list (an array of
 *   objects: rows of sub-fields), object (a group of sub-fields, e.g. `retry`),
 *   code (the code node's source).
 * - expression: the field also takes a whole `{{ … }}` expression, i.e. the
 *   schema is `orExpression(…)` or accepts any string (`z.json()`). Text fields
 *   always take templates, so only non-text fields get a fixed/expression switch.
 * - path: where problems for the field point, as `Problem.field` writes it
 *   (`config.url`, `retry.maxAttempts`).
 */

export type FieldKind = "text" | "number" | "boolean" | "select" | "json" | "keyValue" | "list" | "object" | "code";

export interface FieldDescriptor {
  readonly key: string;
  readonly path: string;
  readonly label: string;
  /** From the schema's `.describe()`. */
  readonly help?: string;
  readonly kind: FieldKind;
  /** The value may be left out (optional, or a default applies). */
  readonly optional: boolean;
  readonly defaultValue?: unknown;
  readonly expression: boolean;
  /** select: the allowed values. */
  readonly options?: readonly string[];
  /** number: whole numbers only, and the lower / upper bounds when known. */
  readonly integer?: boolean;
  readonly min?: number;
  readonly max?: number;
  /** keyValue: how each value is edited. */
  readonly valueKind?: "text" | "json";
  /** list (one row per item) and object (one group): the sub-fields. */
  readonly fields?: readonly FieldDescriptor[];
}

type AnySchema = z.core.$ZodType;
interface LooseDef {
  readonly type: string;
  readonly innerType?: AnySchema;
  readonly in?: AnySchema;
  readonly getter?: () => AnySchema;
  readonly options?: readonly AnySchema[];
  readonly entries?: Readonly<Record<string, string | number>>;
  readonly values?: readonly unknown[];
  readonly valueType?: AnySchema;
  readonly element?: AnySchema;
  readonly shape?: Readonly<Record<string, AnySchema>>;
  readonly defaultValue?: unknown;
}

function defOf(schema: AnySchema): LooseDef {
  return schema._zod.def as unknown as LooseDef;
}

interface Unwrapped {
  readonly schema: AnySchema;
  readonly optional: boolean;
  readonly defaultValue?: unknown;
  readonly help?: string;
}

/** Strips optional/default/prefault/nullable/readonly/pipe/lazy wrappers, remembering what they said. */
function unwrap(schema: AnySchema): Unwrapped {
  let current = schema;
  let optional = false;
  let defaultValue: unknown;
  let help = z.globalRegistry.get(current)?.description;
  for (let depth = 0; depth < 20; depth++) {
    const def = defOf(current);
    let next: AnySchema | undefined;
    if (def.type === "optional" || def.type === "nullable" || def.type === "readonly") next = def.innerType;
    else if (def.type === "default" || def.type === "prefault") {
      optional = true;
      if (defaultValue === undefined) defaultValue = def.defaultValue;
      next = def.innerType;
    } else if (def.type === "pipe") next = def.in;
    else if (def.type === "lazy") next = def.getter?.();
    if (def.type === "optional") optional = true;
    if (next === undefined) break;
    current = next;
    help ??= z.globalRegistry.get(current)?.description;
  }
  return { schema: current, optional, defaultValue, ...(help === undefined ? {} : { help }) };
}

type Shape = Pick<FieldDescriptor, "kind" | "options" | "integer" | "min" | "max" | "valueKind" | "fields"> & {
  readonly expression: boolean;
};

/** True for `z.json()`: a union of string, number, boolean, null, array and record. */
function isJsonUnion(options: readonly AnySchema[]): boolean {
  const types = new Set(options.map((option) => defOf(unwrap(option).schema).type));
  return types.has("null") && types.has("array") && types.has("record") && types.has("string");
}

function shapeOf(schema: AnySchema, path: string): Shape {
  const def = defOf(schema);
  switch (def.type) {
    case "string":
      return { kind: "text", expression: true };
    case "number": {
      const number = schema as unknown as z.ZodNumber;
      return {
        kind: "number",
        expression: false,
        integer: number.isInt,
        ...(Number.isFinite(number.minValue) ? { min: number.minValue as number } : {}),
        ...(Number.isFinite(number.maxValue) && (number.maxValue as number) < Number.MAX_SAFE_INTEGER
          ? { max: number.maxValue as number }
          : {}),
      };
    }
    case "boolean":
      return { kind: "boolean", expression: false };
    case "enum":
      return { kind: "select", expression: false, options: Object.values(def.entries ?? {}).map(String) };
    case "literal":
      return { kind: "select", expression: false, options: (def.values ?? []).map(String) };
    case "custom":
      return schema === WholeExpression ? { kind: "text", expression: true } : { kind: "json", expression: false };
    case "record": {
      const valueType = def.valueType === undefined ? undefined : defOf(unwrap(def.valueType).schema).type;
      return { kind: "keyValue", expression: false, valueKind: valueType === "string" ? "text" : "json" };
    }
    case "array": {
      const element = def.element === undefined ? undefined : unwrap(def.element).schema;
      if (element !== undefined && defOf(element).type === "object") {
        return { kind: "list", expression: false, fields: describeObjectFields(element, `${path}[]`) };
      }
      return { kind: "json", expression: false };
    }
    case "object":
      return { kind: "object", expression: false, fields: describeObjectFields(schema, path) };
    case "union":
      return shapeOfUnion(def.options ?? [], path);
    default:
      return { kind: "json", expression: false };
  }
}

function shapeOfUnion(options: readonly AnySchema[], path: string): Shape {
  if (isJsonUnion(options)) return { kind: "json", expression: true };
  const literal = options.filter((option) => option !== WholeExpression);
  const expression = literal.length < options.length;
  const [only] = literal;
  if (literal.length === 1 && only !== undefined) {
    const inner = shapeOf(unwrap(only).schema, path);
    // A record or list that may be one expression is easiest to edit as JSON or an expression.
    return { ...inner, expression: expression || inner.expression };
  }
  const shapes = literal.map((option) => shapeOf(unwrap(option).schema, path));
  if (shapes.length > 0 && shapes.every((shape) => shape.kind === "select")) {
    return { kind: "select", expression, options: shapes.flatMap((shape) => shape.options ?? []) };
  }
  return { kind: "json", expression: expression || shapes.some((shape) => shape.kind === "text") };
}

/** One descriptor per key of an object schema, in declaration order. */
function describeObjectFields(schema: AnySchema, parentPath: string): FieldDescriptor[] {
  const shape = defOf(schema).shape ?? {};
  return Object.entries(shape).map(([key, child]) => describeField(key, child, parentPath === "" ? key : `${parentPath}.${key}`));
}

/** The descriptor for one field, whatever its schema. */
export function describeField(key: string, schema: AnySchema, path: string): FieldDescriptor {
  const unwrapped = unwrap(schema);
  const shape = shapeOf(unwrapped.schema, path);
  return {
    key,
    path,
    label: humanizeLabel(key),
    ...(unwrapped.help === undefined ? {} : { help: unwrapped.help }),
    ...shape,
    optional: unwrapped.optional,
    ...(unwrapped.defaultValue === undefined ? {} : { defaultValue: unwrapped.defaultValue }),
  };
}

/**
 * Labels a humanised key would get wrong or make ambiguous: "Name" is the
 * node's own name in the panel header, "N" and "Op" mean nothing to a reader.
 */
const LABEL_OVERRIDES: { readonly [Type in NodeType]?: Readonly<Record<string, string>> } = {
  "variable.set": { name: "Variable name" },
  "variable.get": { name: "Variable name" },
  join: { n: "Branches to wait for" },
  transform: { op: "Operation" },
};

/** Per-type adjustments: clearer labels, and a code editor for the code node's source. */
function adjustForType(type: NodeType, fields: FieldDescriptor[]): FieldDescriptor[] {
  return fields.map((field) => {
    const label = LABEL_OVERRIDES[type]?.[field.key] ?? field.label;
    const kind = type === "code" && field.key === "code" ? "code" : field.kind;
    return { ...field, label, kind, expression: kind === "code" ? false : field.expression };
  });
}

/** The config form of a node type, generated from `nodeDefinitions[type].configSchema`. */
export function describeConfigFields(type: NodeType): FieldDescriptor[] {
  const schema = nodeDefinitions[type].configSchema as AnySchema;
  return adjustForType(type, describeObjectFields(unwrap(schema).schema, "config"));
}

/** Fields every node has but the header does not edit (id, name) and the canvas owns (position). */
const SETTINGS_KEYS = ["timeoutMs", "retry", "cache", "onError", "breakpoint"] as const satisfies readonly (keyof typeof NODE_COMMON_FIELDS)[];

/** The "Settings" section: timeouts, retries, caching, error handling, breakpoint. */
export function describeSettingsFields(): FieldDescriptor[] {
  return SETTINGS_KEYS.map((key) => describeField(key, NODE_COMMON_FIELDS[key], key));
}
