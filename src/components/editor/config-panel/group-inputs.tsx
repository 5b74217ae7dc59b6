"use client";

import { Button } from "@/components/ui/button";
import { FieldControl } from "./field-control";
import { moveItem, withKey } from "./field-values";
import { singularLabel } from "./humanize-label";
import type { InputProps } from "./scalar-inputs";
import type { FieldDescriptor } from "./schema-fields";

/*
 * Fields made of other fields: a list of objects (switch cases) and a group of
 * sub-fields (a node's retry settings). Both render each sub-field with
 * FieldControl, so problems at `config.cases[1].handle` appear next to that
 * row's input.
 */

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** "Case 2": how row `index` of a list of `noun`s is named. */
function rowTitle(noun: string, index: number): string {
  return `${noun.charAt(0).toUpperCase()}${noun.slice(1)} ${index + 1}`;
}

/** A sub-field of row `index`: its concrete problem path and a label naming the row ("Case 2 handle"). */
function rowField(sub: FieldDescriptor, listPath: string, noun: string, index: number): FieldDescriptor {
  return { ...sub, path: `${listPath}[${index}].${sub.key}`, label: `${rowTitle(noun, index)} ${sub.label.toLowerCase()}` };
}

/** An empty row: each sub-field's default, or nothing (validation then says what is missing). */
function newRow(fields: readonly FieldDescriptor[]): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const sub of fields) row[sub.key] = sub.defaultValue ?? (sub.kind === "text" || sub.kind === "json" ? "" : undefined);
  return row;
}

/** Rows of sub-fields with add, remove and move up / down. */
export function ListInput({ id, field, value, onChange, readOnly, describedBy, problems }: InputProps) {
  const items: unknown[] = Array.isArray(value) ? value : [];
  const subFields = field.fields ?? [];
  const noun = singularLabel(field.label);
  const setItems = (next: unknown[]) => onChange(next);

  return (
    <div role="group" aria-labelledby={`${id}-label`} aria-describedby={describedBy} className="space-y-2">
      {items.length === 0 ? <p className="text-xs text-zinc-500">{`No ${field.label.toLowerCase()} yet.`}</p> : null}
      {items.map((item, index) => {
        const row = isRecord(item) ? item : {};
        const title = rowTitle(noun, index);
        return (
          <div key={index} role="group" aria-label={title} className="space-y-3 rounded-lg border border-zinc-200 bg-zinc-50/60 p-3">
            <div className="flex items-center justify-between gap-2">
              <span className="text-xs font-semibold tracking-wide text-zinc-500 uppercase">{title}</span>
              {readOnly ? null : (
                <div className="flex gap-1">
                  <Button
                    variant="ghost"
                    size="sm"
                    aria-label={`Move ${noun} ${index + 1} up`}
                    disabled={index === 0}
                    onClick={() => setItems(moveItem(items, index, index - 1))}
                  >
                    ↑
                  </Button>
                  <Button
                    variant="ghost"
                    size="sm"
                    aria-label={`Move ${noun} ${index + 1} down`}
                    disabled={index === items.length - 1}
                    onClick={() => setItems(moveItem(items, index, index + 1))}
                  >
                    ↓
                  </Button>
                  <Button
                    variant="ghost"
                    size="sm"
                    aria-label={`Remove ${noun} ${index + 1}`}
                    onClick={() => setItems(items.filter((_, position) => position !== index))}
                  >
                    ✕
                  </Button>
                </div>
              )}
            </div>
            {subFields.map((sub) => (
              <FieldControl
                key={sub.key}
                field={rowField(sub, field.path, noun, index)}
                value={row[sub.key]}
                onChange={(next) => setItems(items.map((old, position) => (position === index ? withKey(row, sub.key, next) : old)))}
                problems={problems}
                readOnly={readOnly}
              />
            ))}
          </div>
        );
      })}
      {readOnly ? null : (
        <Button size="sm" aria-label={`Add ${noun}`} onClick={() => setItems([...items, newRow(subFields)])}>
          {`+ Add ${noun}`}
        </Button>
      )}
    </div>
  );
}

/** A group of sub-fields stored as one object; emptying every sub-field removes the object. */
export function ObjectInput({ id, field, value, onChange, readOnly, describedBy, problems }: InputProps) {
  const object = isRecord(value) ? value : {};
  return (
    <div role="group" aria-labelledby={`${id}-label`} aria-describedby={describedBy} className="space-y-3 rounded-lg border border-zinc-200 p-3">
      {(field.fields ?? []).map((sub) => (
        <FieldControl
          key={sub.key}
          field={sub}
          value={object[sub.key]}
          onChange={(next) => {
            const updated = withKey(object, sub.key, next);
            onChange(Object.keys(updated).length === 0 ? undefined : updated);
          }}
          problems={problems}
          readOnly={readOnly}
        />
      ))}
    </div>
  );
}
