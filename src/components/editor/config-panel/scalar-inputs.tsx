"use client";

import type { Problem } from "@/engine/problem";
import type { FieldDescriptor } from "./schema-fields";
import { ExpressionInput } from "./expression-input";
import { INPUT_CLASS } from "./field-shell";
import { numberFromText, textOfNumber } from "./field-values";
import { useTextDraft } from "./use-text-draft";

/** What every control below receives; `id` is the id the field's label points at. */
export interface InputProps {
  readonly id: string;
  readonly field: FieldDescriptor;
  readonly value: unknown;
  readonly onChange: (value: unknown) => void;
  readonly readOnly: boolean;
  readonly invalid: boolean;
  readonly describedBy: string | undefined;
  /** The node's problems, for fields made of sub-fields to show at each sub-field. */
  readonly problems: readonly Problem[];
}

/** Any string; `{{ }}` autocomplete. Emptied optional fields are left out of the config. */
export function TextInput({ id, field, value, onChange, readOnly, invalid, describedBy }: InputProps) {
  const [text, setText] = useTextDraft(
    value,
    (stored) => (stored === undefined || stored === null ? "" : typeof stored === "string" ? stored : JSON.stringify(stored)),
    (typed) => (typed === "" && field.optional ? undefined : typed),
  );
  return (
    <ExpressionInput
      id={id}
      value={text}
      onValueChange={(typed) => onChange(setText(typed))}
      multiline={field.key === "expression" || field.key === "description"}
      readOnly={readOnly}
      invalid={invalid}
      describedBy={describedBy}
    />
  );
}

/** A number typed as text, so `1.` or `-` survive typing; text that is not a number is kept and reported. */
export function NumberInput({ id, field, value, onChange, readOnly, invalid, describedBy }: InputProps) {
  const [text, setText] = useTextDraft(value, textOfNumber, numberFromText);
  return (
    <input
      id={id}
      type="text"
      inputMode={field.integer ? "numeric" : "decimal"}
      value={text}
      placeholder={field.defaultValue === undefined ? undefined : String(field.defaultValue)}
      onChange={(event) => onChange(setText(event.target.value))}
      readOnly={readOnly}
      aria-invalid={invalid ? true : undefined}
      aria-describedby={describedBy}
      className={`${INPUT_CLASS} h-9`}
    />
  );
}

/** A checkbox; unset shows the schema default. */
export function BooleanInput({ id, field, value, onChange, readOnly, invalid, describedBy }: InputProps) {
  const checked = typeof value === "boolean" ? value : field.defaultValue === true;
  return (
    <input
      id={id}
      type="checkbox"
      checked={checked}
      disabled={readOnly}
      onChange={(event) => onChange(event.target.checked)}
      aria-invalid={invalid ? true : undefined}
      aria-describedby={describedBy}
      className="size-4 rounded border-zinc-300 text-indigo-600 accent-indigo-600 focus:ring-3 focus:ring-indigo-500/20"
    />
  );
}

/** One of the schema's options; optional fields can be unset ("Default"). A stored value outside them is still shown. */
export function SelectInput({ id, field, value, onChange, readOnly, invalid, describedBy }: InputProps) {
  const options = field.options ?? [];
  const current = value === undefined ? "" : String(value);
  const unknown = current !== "" && !options.includes(current);
  const emptyText =
    field.defaultValue !== undefined ? `Default (${String(field.defaultValue)})` : field.optional ? "Not set" : "Choose…";
  return (
    <select
      id={id}
      value={current}
      disabled={readOnly}
      onChange={(event) => onChange(event.target.value === "" ? undefined : event.target.value)}
      aria-invalid={invalid ? true : undefined}
      aria-describedby={describedBy}
      className={`${INPUT_CLASS} h-9 pr-8`}
    >
      {current === "" || field.optional ? <option value="">{emptyText}</option> : null}
      {unknown ? <option value={current}>{current}</option> : null}
      {options.map((option) => (
        <option key={option} value={option}>
          {option}
        </option>
      ))}
    </select>
  );
}
