"use client";

import { useRef, useState } from "react";
import { Button } from "./button";

/**
 * A secret the server returns once (an API token, a generated password): in a
 * read-only field that selects itself on focus, with a Copy button. Copying
 * uses the Clipboard API where the browser offers it (https or localhost) and
 * falls back to selecting the text and the old copy command on plain http.
 */
export function SecretOnce({ label, value, warning }: { label: string; value: string; warning: string }) {
  const field = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);

  async function copy() {
    try {
      if (navigator.clipboard) await navigator.clipboard.writeText(value);
      else {
        field.current?.select();
        if (!document.execCommand("copy")) throw new Error("copy refused");
      }
      setCopied("yes");
    } catch {
      field.current?.select();
      setCopied("failed");
    }
  }

  return (
    <div className="rounded-lg border border-amber-200 bg-amber-50 p-3">
      <p className="flex items-start gap-1.5 text-sm text-amber-900">
        <svg aria-hidden="true" viewBox="0 0 16 16" className="mt-0.5 size-4 shrink-0" fill="none" stroke="currentColor" strokeWidth="1.6">
          <path d="M8 2 1.5 13.5h13L8 2Z" strokeLinejoin="round" />
          <path d="M8 6.5v3M8 11.5v.01" strokeLinecap="round" />
        </svg>
        {warning}
      </p>
      <div className="mt-2 flex gap-2">
        <input
          ref={field}
          readOnly
          aria-label={label}
          value={value}
          onFocus={(event) => event.currentTarget.select()}
          className="h-8 min-w-0 flex-1 rounded-md border border-amber-300 bg-white px-2 font-mono text-xs text-zinc-900 focus:outline-none"
        />
        <Button size="sm" onClick={() => void copy()}>
          {copied === "yes" ? "Copied" : "Copy"}
        </Button>
      </div>
      {copied === "failed" ? <p className="mt-1 text-xs text-amber-900">Copying is blocked here; the text is selected — press Ctrl+C (⌘C).</p> : null}
    </div>
  );
}
