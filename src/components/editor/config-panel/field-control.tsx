"use client";

import { useId, useState, type ComponentType } from "react";
import type { Problem } from "@/engine/problem";
import { CodeInput } from "./code-input";
import { ExpressionInput } from "./expression-input";
import { describedBy, FieldNotes, FieldShell } from "./field-shell";
import { expressionOf, looksLikeExpression, messageAt, problemsAt, sameValue } from "./field-values";
import { JsonInput } from "./json-input";
import { KeyValueInput } from "./key-value-input";
import { ListInput, ObjectInput } from "./group-inputs";
import { ModeToggle } from "./mode-toggle";
import { BooleanInput, NumberInput, SelectInput, TextInput, type InputProps } from "./scalar-inputs";
import type { FieldDescriptor, FieldKind } from "./schema-fields";

export interface FieldControlProps {
  readonly field: FieldDescriptor;
  readonly value: unknown;
  readonly onChange: (value: unknown) => void;
  /** The node's problems; the field shows those at its path. */
  readonly problems: readonly Problem[];
  readonly readOnly: boolean;
}

const INPUTS = {
  text: TextInput,
  number: NumberInput,
  boolean: BooleanInput,
  select: SelectInput,
  json: JsonInput,
  keyValue: KeyValueInput,
  list: ListInput,
  object: ObjectInput,
  code: CodeInput,
} satisfies Record<FieldKind, ComponentType<InputProps>>;

/** Kinds whose label names a group of inputs rather than one input. */
const GROUP_KINDS: ReadonlySet<FieldKind> = new Set(["keyValue", "list", "object"]);

/** A field's problems, less those a sub-field of a list or group shows next to itself. */
function problemsShownAt(field: FieldDescriptor, problems: readonly Problem[]): Problem[] {
  const subPaths = (field.fields ?? []).map((sub) => sub.path);
  return problemsAt(problems, field.path).filter((problem) => {
    const generic = (problem.field ?? "").replace(/\[\d+\]/g, "[]");
    return !subPaths.some((path) => generic === path || generic.startsWith(`${path}.`) || generic.startsWith(`${path}[`));
  });
}

/** The fixed value a field switched back from an expression starts with. */
function fixedValueOf(field: FieldDescriptor): unknown {
  if (field.defaultValue !== undefined) return field.defaultValue;
  if (field.kind === "boolean") return false;
  if (field.kind === "keyValue") return {};
  return undefined;
}

/**
 * One field of the form: its label, help and problems, and the input for its
 * kind. Fields that may also be an expression get a Fixed / Expression switch;
 * in expression mode the input is a text input with `{{ }}` autocomplete.
 */
export function FieldControl({ field, value, onChange, problems, readOnly }: FieldControlProps) {
  const id = useId();
  const fieldProblems = problemsShownAt(field, problems);
  const messages = fieldProblems.map((problem) => messageAt(problem, field.path));
  const canSwitch = field.expression && field.kind !== "text" && field.kind !== "code";
  const [expressionMode, setExpressionMode] = useState(() => canSwitch && looksLikeExpression(value));
  const [seen, setSeen] = useState<unknown>(value);
  if (!sameValue(seen, value)) {
    // Changed from outside (undo, another edit): show it the way it now reads.
    setSeen(value);
    setExpressionMode(canSwitch && looksLikeExpression(value));
  }
  const change = (next: unknown) => {
    setSeen(next);
    onChange(next);
  };
  const switchMode = (toExpression: boolean) => {
    setExpressionMode(toExpression);
    change(toExpression ? expressionOf(value) : fixedValueOf(field));
  };

  const described = describedBy(id, field.help, messages);
  const invalid = fieldProblems.length > 0;
  const Input = INPUTS[field.kind];
  const inputProps: InputProps = { id, field, value, onChange: change, readOnly, invalid, describedBy: described, problems };
  const group = GROUP_KINDS.has(field.kind) && !expressionMode;

  if (field.kind === "boolean" && !expressionMode) {
    return (
      <div className="space-y-1.5">
        <div className="flex items-center justify-between gap-2">
          <div className="flex items-center gap-2">
            <Input {...inputProps} />
            <label htmlFor={id} className="text-sm font-medium text-zinc-800">
              {field.label}
            </label>
          </div>
          {canSwitch ? <ModeToggle label={field.label} expression={false} disabled={readOnly} onChange={switchMode} /> : null}
        </div>
        <FieldNotes id={id} label={field.label} help={field.help} messages={messages} />
      </div>
    );
  }

  return (
    <FieldShell
      id={id}
      label={field.label}
      help={field.help}
      messages={messages}
      labelIsHeading={group}
      action={canSwitch ? <ModeToggle label={field.label} expression={expressionMode} disabled={readOnly} onChange={switchMode} /> : null}
    >
      {expressionMode ? (
        <ExpressionInput
          id={id}
          value={typeof value === "string" ? value : ""}
          onValueChange={change}
          multiline={field.kind === "json" || field.kind === "keyValue"}
          readOnly={readOnly}
          invalid={invalid}
          describedBy={described}
          placeholder="{{ input.value }}"
        />
      ) : (
        <Input {...inputProps} />
      )}
    </FieldShell>
  );
}
