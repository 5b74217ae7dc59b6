"use client";

import { useLayoutEffect, useRef, useState, type KeyboardEvent } from "react";
import type { InputProps } from "./scalar-inputs";

const INDENT = "  ";

/**
 * The code node's source: a monospace textarea with line numbers. Tab inserts
 * two spaces; Escape then Tab moves focus on, so keyboard users are not trapped.
 */
export function CodeInput({ id, value, onChange, readOnly, invalid, describedBy }: InputProps) {
  const text = typeof value === "string" ? value : "";
  const areaRef = useRef<HTMLTextAreaElement>(null);
  const gutterRef = useRef<HTMLDivElement>(null);
  const pendingCaret = useRef<number | null>(null);
  const [tabMovesFocus, setTabMovesFocus] = useState(false);
  const lineCount = text.split("\n").length;

  useLayoutEffect(() => {
    const caret = pendingCaret.current;
    if (caret === null || areaRef.current === null) return;
    pendingCaret.current = null;
    areaRef.current.setSelectionRange(caret, caret);
  });

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Escape") {
      setTabMovesFocus(true);
      return;
    }
    if (event.key !== "Tab" || tabMovesFocus || readOnly || event.shiftKey) {
      if (event.key !== "Tab") setTabMovesFocus(false);
      return;
    }
    event.preventDefault();
    const { selectionStart, selectionEnd } = event.currentTarget;
    pendingCaret.current = selectionStart + INDENT.length;
    onChange(`${text.slice(0, selectionStart)}${INDENT}${text.slice(selectionEnd)}`);
  };

  return (
    <div className="flex overflow-hidden rounded-md border border-zinc-300 bg-white shadow-xs focus-within:border-indigo-500 focus-within:ring-3 focus-within:ring-indigo-500/20">
      <div
        ref={gutterRef}
        aria-hidden="true"
        className="overflow-hidden border-r border-zinc-200 bg-zinc-50 px-2 py-2 text-right font-mono text-xs leading-5 text-zinc-400 select-none"
      >
        {Array.from({ length: lineCount }, (_, index) => (
          <div key={index}>{index + 1}</div>
        ))}
      </div>
      <textarea
        id={id}
        ref={areaRef}
        value={text}
        rows={Math.min(20, Math.max(6, lineCount))}
        wrap="off"
        spellCheck={false}
        readOnly={readOnly}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={onKeyDown}
        onBlur={() => setTabMovesFocus(false)}
        onScroll={(event) => {
          if (gutterRef.current) gutterRef.current.scrollTop = event.currentTarget.scrollTop;
        }}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={describedBy}
        className="min-w-0 flex-1 resize-y bg-transparent px-3 py-2 font-mono text-xs leading-5 text-zinc-900 focus:outline-none"
      />
    </div>
  );
}
