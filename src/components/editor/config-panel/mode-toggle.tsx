/**
 * The "Fixed / Expression" switch of a field that is not text but may be
 * computed by a `{{ … }}` expression. A radio group named "<label> mode".
 */
export function ModeToggle({
  label,
  expression,
  disabled,
  onChange,
}: {
  readonly label: string;
  readonly expression: boolean;
  readonly disabled?: boolean | undefined;
  readonly onChange: (expression: boolean) => void;
}) {
  const option = (text: string, selected: boolean, next: boolean) => (
    <button
      type="button"
      role="radio"
      aria-checked={selected}
      disabled={disabled}
      onClick={() => onChange(next)}
      className={`px-2 py-0.5 text-xs font-medium transition-colors disabled:cursor-not-allowed ${
        selected ? "bg-indigo-600 text-white" : "bg-white text-zinc-600 hover:bg-zinc-50"
      }`}
    >
      {text}
    </button>
  );
  return (
    <div
      role="radiogroup"
      aria-label={`${label} mode`}
      className="inline-flex overflow-hidden rounded-md border border-zinc-300 shadow-xs"
    >
      {option("Fixed", !expression, false)}
      {option("Expression", expression, true)}
    </div>
  );
}
