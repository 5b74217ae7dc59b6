import type { Problem } from "@/engine/problem";

/**
 * Pure conversions between what a person types and the config value stored in
 * the draft. The rule everywhere: never lose what was typed. Text that is not
 * yet a valid value is stored as typed (a string), and validation reports it.
 */

/** Problems about the field at `path` or anything inside it (`config.cases` covers `config.cases[1].handle`). */
export function problemsAt(problems: readonly Problem[], path: string): Problem[] {
  return problems.filter(
    (problem) =>
      problem.field !== undefined &&
      (problem.field === path || problem.field.startsWith(`${path}.`) || problem.field.startsWith(`${path}[`)),
  );
}

/** The message without its leading `field: ` (shown next to that field already), but naming a nested field. */
export function messageAt(problem: Problem, path: string): string {
  const field = problem.field;
  if (field === undefined || !problem.message.startsWith(`${field}: `)) return problem.message;
  const text = problem.message.slice(field.length + 2);
  return field === path ? text : `${field.slice(path.length).replace(/^\./, "")}: ${text}`;
}

/** "" → undefined (the field is left out); a number → that number; anything else stays as typed. */
export function numberFromText(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  const number = Number(trimmed);
  return Number.isFinite(number) ? number : text;
}

export function textOfNumber(value: unknown): string {
  if (value === undefined || value === null) return "";
  return typeof value === "string" ? value : String(value);
}

export type JsonParse = { ok: true; value: unknown } | { ok: false; error: string };

/** Strict JSON; "" means "no value". The error is the parser's, in a sentence. */
export function parseJsonText(text: string): JsonParse {
  if (text.trim() === "") return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, error: `not valid JSON (${detail})` };
  }
}

export function jsonTextOf(value: unknown): string {
  return value === undefined ? "" : JSON.stringify(value, null, 2);
}

/**
 * Lenient JSON for one-line values (a key/value row, a switch case): valid JSON
 * is that value (`42`, `true`, `{"a":1}`), anything else is the text as a string,
 * so `hello` and `{{ input.x }}` need no quotes.
 */
export function looseJsonFromText(text: string): unknown {
  const parsed = parseJsonText(text);
  return parsed.ok && parsed.value !== undefined ? parsed.value : text;
}

/** Inverse of `looseJsonFromText`: strings that would read back as something else are quoted. */
export function looseJsonTextOf(value: unknown): string {
  if (value === undefined) return "";
  if (typeof value === "string") {
    const readBack = looseJsonFromText(value);
    return readBack === value ? value : JSON.stringify(value);
  }
  return JSON.stringify(value);
}

/** Whether a value is shown as an expression (a string with `{{`) rather than a fixed value. */
export function looksLikeExpression(value: unknown): boolean {
  return typeof value === "string" && value.includes("{{");
}

/** The `{{ … }}` a fixed value becomes when switched to an expression (`true` → `{{ true }}`). */
export function expressionOf(value: unknown): string {
  if (looksLikeExpression(value)) return value as string;
  if (value === undefined || value === "") return "{{  }}";
  return `{{ ${JSON.stringify(value)} }}`;
}

/** One row of a key/value field. Rows with an empty key are kept on screen but left out of the value. */
export interface KeyValueRow {
  readonly key: string;
  readonly value: string;
}

export function rowsOf(value: unknown, valueText: (value: unknown) => string): KeyValueRow[] {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return [];
  return Object.entries(value).map(([key, entry]) => ({ key, value: valueText(entry) }));
}

export function recordOf(rows: readonly KeyValueRow[], valueOf: (text: string) => unknown): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const row of rows) if (row.key !== "") record[row.key] = valueOf(row.value);
  return record;
}

/** Structural equality of JSON-like values (drafts re-sync only when the stored value really changed). */
export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** `object` with `key` set to `value`, or without `key` when `value` is undefined. */
export function withKey(object: unknown, key: string, value: unknown): Record<string, unknown> {
  const base = typeof object === "object" && object !== null && !Array.isArray(object) ? { ...object } : {};
  const next: Record<string, unknown> = base;
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}

/** `items` with the item at `from` moved to `to`. */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  const next = [...items];
  const [item] = next.splice(from, 1);
  if (item === undefined || to < 0 || to > next.length) return [...items];
  next.splice(to, 0, item);
  return next;
}
