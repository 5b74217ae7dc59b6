"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ExpressionInput } from "./expression-input";
import { INPUT_CLASS } from "./field-shell";
import { looseJsonFromText, looseJsonTextOf, recordOf, rowsOf, sameValue, type KeyValueRow } from "./field-values";
import type { InputProps } from "./scalar-inputs";

/**
 * A record edited as rows of key → value, with add / remove. Rows live
 * locally, so a row whose key is still empty stays on screen (it is left out
 * of the stored value until it has a key). JSON-valued records (`set.values`)
 * read each value leniently: `42` is a number, `hello` a string.
 */
export function KeyValueInput({ id, field, value, onChange, readOnly, describedBy }: InputProps) {
  const json = field.valueKind === "json";
  const toText = json ? looseJsonTextOf : (stored: unknown) => (typeof stored === "string" ? stored : looseJsonTextOf(stored));
  const fromText = json ? looseJsonFromText : (text: string) => text;
  const [rows, setRows] = useState<KeyValueRow[]>(() => rowsOf(value, toText));
  const [seen, setSeen] = useState<unknown>(value);
  if (!sameValue(seen, value)) {
    setSeen(value);
    if (!sameValue(recordOf(rows, fromText), value)) setRows(rowsOf(value, toText));
  }

  const update = (next: KeyValueRow[]) => {
    setRows(next);
    const record = recordOf(next, fromText);
    const stored = Object.keys(record).length === 0 && field.optional ? undefined : record;
    if (sameValue(stored, value)) return;
    setSeen(stored);
    onChange(stored);
  };
  const edit = (index: number, patch: Partial<KeyValueRow>) =>
    update(rows.map((row, position) => (position === index ? { ...row, ...patch } : row)));

  return (
    <div role="group" aria-labelledby={`${id}-label`} aria-describedby={describedBy} className="space-y-2">
      {rows.length === 0 ? <p className="text-xs text-zinc-500">No entries yet.</p> : null}
      {rows.map((row, index) => (
        <div key={index} className="flex items-start gap-2">
          <input
            type="text"
            value={row.key}
            placeholder="key"
            readOnly={readOnly}
            aria-label={`${field.label} key ${index + 1}`}
            onChange={(event) => edit(index, { key: event.target.value })}
            className={`${INPUT_CLASS} h-9 basis-2/5`}
          />
          <div className="min-w-0 flex-1">
            <ExpressionInput
              id={`${id}-value-${index}`}
              value={row.value}
              ariaLabel={`${field.label} value ${index + 1}`}
              placeholder="value"
              readOnly={readOnly}
              onValueChange={(text) => edit(index, { value: text })}
            />
          </div>
          {readOnly ? null : (
            <Button
              variant="ghost"
              size="sm"
              className="mt-1"
              aria-label={`Remove ${field.label} entry ${index + 1}`}
              onClick={() => update(rows.filter((_, position) => position !== index))}
            >
              ✕
            </Button>
          )}
        </div>
      ))}
      {readOnly ? null : (
        <Button size="sm" aria-label={`Add entry to ${field.label}`} onClick={() => update([...rows, { key: "", value: "" }])}>
          + Add entry
        </Button>
      )}
    </div>
  );
}
