"use client";

import { useLayoutEffect, useRef, useState, type KeyboardEvent } from "react";
import { applySuggestion, suggestExpressions, type SuggestionResult } from "./expression-suggestions";
import { useExpressionScope } from "./expression-scope";
import { INPUT_CLASS } from "./field-shell";

export interface ExpressionInputProps {
  readonly id: string;
  readonly value: string;
  readonly onValueChange: (text: string) => void;
  /** A textarea (long text, expression mode of JSON fields) instead of a one-line input. */
  readonly multiline?: boolean;
  readonly readOnly?: boolean;
  readonly invalid?: boolean;
  readonly describedBy?: string | undefined;
  /** Only where no `<label htmlFor>` names the input (key/value rows). */
  readonly ariaLabel?: string;
  readonly placeholder?: string;
  readonly onBlur?: () => void;
}

/**
 * A text input that suggests what `{{ … }}` can refer to while the caret is
 * inside one: a combobox with a listbox under it. Arrow keys move, Enter or
 * Tab accept, Escape closes (without closing the panel). Typing `{{` offers
 * `}}` to close the expression.
 */
export function ExpressionInput({
  id,
  value,
  onValueChange,
  multiline,
  readOnly,
  invalid,
  describedBy,
  ariaLabel,
  placeholder,
  onBlur,
}: ExpressionInputProps) {
  const scope = useExpressionScope();
  const inputRef = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const pendingCaret = useRef<number | null>(null);
  const [suggestions, setSuggestions] = useState<SuggestionResult | null>(null);
  const [active, setActive] = useState(0);
  const listId = `${id}-suggestions`;
  const items = suggestions?.items ?? [];
  const open = items.length > 0 && !readOnly;

  useLayoutEffect(() => {
    const caret = pendingCaret.current;
    if (caret === null || inputRef.current === null) return;
    pendingCaret.current = null;
    inputRef.current.setSelectionRange(caret, caret);
  });

  const refresh = (text: string, caret: number | null) => {
    setSuggestions(scope === null || caret === null ? null : suggestExpressions(scope, text, caret));
    setActive(0);
  };

  const accept = (index: number) => {
    const item = items[index];
    if (suggestions === null || item === undefined) return;
    const next = applySuggestion(value, suggestions, item);
    pendingCaret.current = next.caret;
    onValueChange(next.text);
    refresh(next.text, next.caret);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    if (!open) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((current) => (current + step + items.length) % items.length);
    } else if (event.key === "Enter" || event.key === "Tab") {
      event.preventDefault();
      accept(active);
    } else if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      setSuggestions(null);
    }
  };

  const shared = {
    id,
    ref: inputRef,
    value,
    readOnly,
    placeholder,
    role: "combobox",
    "aria-label": ariaLabel,
    "aria-autocomplete": "list" as const,
    "aria-expanded": open,
    "aria-controls": open ? listId : undefined,
    "aria-activedescendant": open ? `${listId}-${active}` : undefined,
    "aria-invalid": invalid ? true : undefined,
    "aria-describedby": describedBy,
    autoComplete: "off",
    spellCheck: false,
    onChange: (event: { target: HTMLInputElement | HTMLTextAreaElement }) => {
      onValueChange(event.target.value);
      refresh(event.target.value, event.target.selectionStart);
    },
    onKeyDown,
    onKeyUp: (event: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      if (event.key === "ArrowLeft" || event.key === "ArrowRight" || event.key === "Home" || event.key === "End") {
        refresh(event.currentTarget.value, event.currentTarget.selectionStart);
      }
    },
    onClick: () => refresh(value, inputRef.current?.selectionStart ?? null),
    onBlur: () => {
      setSuggestions(null);
      onBlur?.();
    },
  };

  return (
    <div className="relative">
      {multiline ? (
        <textarea {...shared} rows={3} className={`${INPUT_CLASS} resize-y py-2 font-mono text-xs`} />
      ) : (
        <input {...shared} type="text" className={`${INPUT_CLASS} h-9`} />
      )}
      {open ? (
        <ul
          id={listId}
          role="listbox"
          aria-label="Suggestions"
          className="absolute inset-x-0 top-full z-20 mt-1 max-h-56 overflow-auto rounded-md border border-zinc-200 bg-white py-1 text-sm shadow-lg"
        >
          {items.map((item, index) => (
            <li
              key={`${item.label}-${index}`}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === active}
              // Keeps focus (and the caret) in the input while clicking.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => accept(index)}
              className={`flex cursor-pointer items-center justify-between gap-3 px-3 py-1.5 ${
                index === active ? "bg-indigo-50 text-indigo-900" : "text-zinc-800"
              }`}
            >
              <span className="truncate font-mono text-xs">{item.label}</span>
              {item.detail ? <span className="shrink-0 text-xs text-zinc-500">{item.detail}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
