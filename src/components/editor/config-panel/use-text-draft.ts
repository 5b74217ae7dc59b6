"use client";

import { useState } from "react";
import { sameValue } from "./field-values";

/**
 * The text a person is typing for a value, kept locally so nothing typed is
 * lost (`1.` stays `1.` although the stored value is 1). It is replaced by the
 * stored value's text only when the value changes from outside (undo, another
 * edit), i.e. when it no longer matches what the text reads as.
 *
 * Returns the text and a setter that also returns the value the text reads as.
 */
export function useTextDraft(
  value: unknown,
  toText: (value: unknown) => string,
  fromText: (text: string) => unknown,
): [string, (text: string) => unknown] {
  const [text, setText] = useState(() => toText(value));
  const [seen, setSeen] = useState<unknown>(value);
  if (!sameValue(seen, value)) {
    setSeen(value);
    if (!sameValue(fromText(text), value)) setText(toText(value));
  }
  const update = (next: string) => {
    const nextValue = fromText(next);
    setText(next);
    setSeen(nextValue);
    return nextValue;
  };
  return [text, update];
}
