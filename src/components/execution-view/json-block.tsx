"use client";

import { useState } from "react";
import type { LogLine } from "@/engine/ports";
import { Button } from "@/components/ui/button";
import { formatJson } from "./run-format";

/**
 * A value as indented JSON, with a copy button. Values the server stored
 * truncated (`{ "$truncated": true, … }`, see MAX_STORED_VALUE_KB) are shown
 * as they are, which says so.
 */
export function JsonBlock({ value, label }: { value: unknown; label: string }) {
  const text = formatJson(value);
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(text);
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  };
  return (
    <div className="relative">
      <Button size="sm" variant="ghost" className="absolute top-1 right-1" aria-label={`Copy ${label}`} onClick={() => void copy()}>
        {copied ? "Copied" : "Copy"}
      </Button>
      <pre className="max-h-80 overflow-auto rounded-md bg-zinc-50 p-3 pr-16 font-mono text-xs leading-5 text-zinc-800 ring-1 ring-zinc-200">
        {text}
      </pre>
    </div>
  );
}

export type DataSection = { label: "Input" | "Output" | "Error"; value: unknown } | { label: "Logs"; value: LogLine[] };

const LEVEL_TEXT: Record<LogLine["level"], string> = {
  log: "text-zinc-500",
  info: "text-sky-700",
  debug: "text-zinc-400",
  warn: "text-amber-700",
  error: "text-red-700",
};

/** A code node's console lines, one per row, with their level (warn amber, error red). */
export function LogLines({ lines }: { lines: LogLine[] }) {
  return (
    <ol
      aria-label="Log lines"
      className="max-h-80 overflow-auto rounded-md bg-zinc-50 p-3 font-mono text-xs leading-5 text-zinc-800 ring-1 ring-zinc-200"
    >
      {lines.map((line, index) => (
        <li
          key={index}
          className={`flex gap-2 whitespace-pre-wrap break-all ${line.level === "error" ? "bg-red-50" : line.level === "warn" ? "bg-amber-50" : ""}`}
        >
          <span className={`w-10 shrink-0 font-semibold uppercase ${LEVEL_TEXT[line.level] ?? "text-zinc-500"}`}>{line.level}</span>
          <span className={line.level === "error" ? "text-red-800" : line.level === "warn" ? "text-amber-900" : undefined}>
            {line.message}
          </span>
        </li>
      ))}
    </ol>
  );
}

/**
 * Input / Output / Error (and a code node's Logs) of a run or an execution as tabs (only those it has).
 * `idBase` keeps tab ids unique when several are on the page.
 */
export function DataTabs({ sections, idBase, empty }: { sections: DataSection[]; idBase: string; empty: string }) {
  const [chosen, setChosen] = useState<DataSection["label"] | null>(null);
  if (sections.length === 0) return <p className="text-sm text-zinc-500">{empty}</p>;
  const active = sections.find((s) => s.label === chosen) ?? sections.find((s) => s.label === "Error") ?? sections[0]!;
  return (
    <div>
      <div role="tablist" aria-label="Run data" className="mb-2 flex gap-1">
        {sections.map((section) => {
          const selected = section === active;
          return (
            <button
              key={section.label}
              type="button"
              role="tab"
              id={`${idBase}-${section.label}-tab`}
              aria-selected={selected}
              aria-controls={`${idBase}-${section.label}-panel`}
              onClick={() => setChosen(section.label)}
              className={`rounded-md px-2.5 py-1 text-xs font-medium ${
                selected
                  ? section.label === "Error"
                    ? "bg-red-50 text-red-700 ring-1 ring-red-200"
                    : "bg-indigo-50 text-indigo-700 ring-1 ring-indigo-200"
                  : "text-zinc-600 hover:bg-zinc-100"
              }`}
            >
              {section.label}
            </button>
          );
        })}
      </div>
      <div role="tabpanel" id={`${idBase}-${active.label}-panel`} aria-labelledby={`${idBase}-${active.label}-tab`}>
        {active.label === "Logs" ? <LogLines lines={active.value} /> : <JsonBlock value={active.value} label={active.label} />}
      </div>
    </div>
  );
}
