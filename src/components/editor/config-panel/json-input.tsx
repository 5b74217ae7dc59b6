"use client";

import { useState } from "react";
import { INPUT_CLASS } from "./field-shell";
import { jsonTextOf, parseJsonText, sameValue } from "./field-values";
import type { InputProps } from "./scalar-inputs";

/**
 * A JSON textarea. The text is parsed when the field loses focus; while it is
 * not valid JSON it stays as typed, the stored value is unchanged, and the
 * parse error is shown naming the field.
 */
export function JsonInput({ id, field, value, onChange, readOnly, invalid, describedBy }: InputProps) {
  const [text, setText] = useState(() => jsonTextOf(value));
  const [seen, setSeen] = useState<unknown>(value);
  const [parseError, setParseError] = useState<string | null>(null);
  if (!sameValue(seen, value)) {
    setSeen(value);
    setText(jsonTextOf(value));
    setParseError(null);
  }
  const errorId = `${id}-json-error`;
  const commit = () => {
    const parsed = parseJsonText(text);
    if (!parsed.ok) {
      setParseError(parsed.error);
      return;
    }
    setParseError(null);
    if (!sameValue(parsed.value, value)) {
      setSeen(parsed.value);
      onChange(parsed.value);
    }
  };
  return (
    <div>
      <textarea
        id={id}
        value={text}
        rows={Math.min(10, Math.max(3, text.split("\n").length))}
        spellCheck={false}
        readOnly={readOnly}
        onChange={(event) => setText(event.target.value)}
        onBlur={commit}
        aria-invalid={invalid || parseError !== null ? true : undefined}
        aria-describedby={[describedBy, parseError ? errorId : undefined].filter(Boolean).join(" ") || undefined}
        className={`${INPUT_CLASS} resize-y py-2 font-mono text-xs`}
      />
      {parseError ? (
        <p id={errorId} className="mt-1 text-xs text-red-700">
          {`${field.label}: ${parseError}`}
        </p>
      ) : null}
    </div>
  );
}
