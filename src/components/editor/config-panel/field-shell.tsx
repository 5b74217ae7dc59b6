import type { ReactNode } from "react";

/** The input look of the app (see src/components/ui/text-field.tsx). */
export const INPUT_CLASS =
  "w-full min-w-0 rounded-md border border-zinc-300 bg-white px-3 text-sm shadow-xs placeholder:text-zinc-400 focus:border-indigo-500 focus:ring-3 focus:ring-indigo-500/20 focus:outline-none read-only:bg-zinc-50 disabled:bg-zinc-50 disabled:text-zinc-500 aria-invalid:border-red-400";

export interface FieldShellProps {
  /** The input's id: the label points at it, and `${id}-help` / `${id}-problems` describe it. */
  readonly id: string;
  readonly label: string;
  readonly help?: string | undefined;
  /** Problem messages for this field, shown under it. */
  readonly messages: readonly string[];
  /** Shown at the right of the label, e.g. the fixed / expression switch. */
  readonly action?: ReactNode;
  /** For groups (key/value, lists) the label is a heading, not a `<label>` of one input. */
  readonly labelIsHeading?: boolean;
  readonly children: ReactNode;
}

/** `aria-describedby` for an input inside a FieldShell. */
export function describedBy(id: string, help: string | undefined, messages: readonly string[]): string | undefined {
  const ids = [help ? `${id}-help` : "", messages.length > 0 ? `${id}-problems` : ""].filter((part) => part !== "");
  return ids.length > 0 ? ids.join(" ") : undefined;
}

/** Label, optional help line, the control, and this field's problems in red. */
export function FieldShell({ id, label, help, messages, action, labelIsHeading, children }: FieldShellProps) {
  return (
    <div className="space-y-1.5">
      <div className="flex items-center justify-between gap-2">
        {labelIsHeading ? (
          <span id={`${id}-label`} className="text-sm font-medium text-zinc-800">
            {label}
          </span>
        ) : (
          <label htmlFor={id} id={`${id}-label`} className="text-sm font-medium text-zinc-800">
            {label}
          </label>
        )}
        {action}
      </div>
      {children}
      <FieldNotes id={id} label={label} help={help} messages={messages} />
    </div>
  );
}

/** A field's help and problems, under its input (ids `<id>-help` / `<id>-problems` for aria-describedby). */
export function FieldNotes({ id, label, help, messages }: { id: string; label: string; help?: string | undefined; messages: readonly string[] }) {
  return (
    <>
      {help ? (
        <p id={`${id}-help`} className="text-xs text-zinc-500">
          {help}
        </p>
      ) : null}
      {messages.length > 0 ? (
        <ul id={`${id}-problems`} className="space-y-0.5 text-xs text-red-700">
          {messages.map((message) => (
            <li key={message}>{`${label}: ${message}`}</li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
