"use client";

import { useEffect, useId, useRef } from "react";
import { Button } from "@/components/ui/button";
import type { ParsedRunInput } from "./run-input";

export type RunInputDialogProps = {
  text: string;
  parsed: ParsedRunInput;
  onTextChange: (text: string) => void;
  /** Run with this input (only offered while it is valid JSON). */
  onRun: () => void;
  running: boolean;
  disabled: boolean;
  onClose: () => void;
};

/**
 * The popover under "Run input": a JSON box checked as you type, with the
 * parse error under it and the run button disabled while the JSON is invalid.
 * Non-modal: Escape closes it, as does the toggle button; the text is kept.
 */
export function RunInputDialog({ text, parsed, onTextChange, onRun, running, disabled, onClose }: RunInputDialogProps) {
  const fieldId = useId();
  const hintId = `${fieldId}-hint`;
  const errorId = `${fieldId}-error`;
  const field = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    field.current?.focus();
  }, []);

  return (
    <div
      role="dialog"
      aria-label="Run input"
      onKeyDown={(event) => {
        if (event.key === "Escape") {
          event.stopPropagation();
          onClose();
        }
      }}
      className="absolute top-full right-0 z-30 mt-1.5 w-[26rem] max-w-[calc(100vw-2rem)] rounded-lg border border-zinc-200 bg-white p-3 shadow-lg"
    >
      <label htmlFor={fieldId} className="block text-sm font-medium text-zinc-800">
        Input (JSON)
      </label>
      <p id={hintId} className="mt-0.5 text-xs text-zinc-500">
        What the trigger hands to the first node. Remembered for this workflow on this browser.
      </p>
      <textarea
        ref={field}
        id={fieldId}
        value={text}
        onChange={(event) => onTextChange(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Enter" && (event.metaKey || event.ctrlKey) && parsed.ok && !disabled && !running) {
            event.preventDefault();
            onRun();
          }
        }}
        rows={9}
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        aria-invalid={parsed.ok ? undefined : true}
        aria-describedby={parsed.ok ? hintId : `${hintId} ${errorId}`}
        className="mt-1.5 block w-full resize-y rounded-md border border-zinc-300 bg-white px-2.5 py-2 font-mono text-xs leading-5 text-zinc-900 shadow-xs focus:border-indigo-500 focus:ring-3 focus:ring-indigo-500/20 focus:outline-none aria-invalid:border-red-400 aria-invalid:focus:ring-red-500/20"
      />
      <p id={errorId} aria-live="polite" className="mt-1 min-h-4 text-xs text-red-700">
        {parsed.ok ? "" : parsed.message}
      </p>
      <div className="mt-2 flex items-center justify-end gap-2">
        <Button size="sm" variant="ghost" onClick={onClose}>
          Close
        </Button>
        <Button size="sm" variant="primary" onClick={onRun} disabled={!parsed.ok || disabled || running}>
          Run with this input
        </Button>
      </div>
    </div>
  );
}
