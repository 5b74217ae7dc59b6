import { z } from "zod";

/**
 * Recognising `{{ … }}` expressions in config strings. Nothing here evaluates
 * an expression: the sandbox does that at run time. This module only decides
 * which parts of a string are expressions, so the schema can accept
 * `"{{ input.count }}"` where a number is expected.
 *
 * Terminology
 * - template: any config string; it is a sequence of text and expression parts.
 * - expression part: `{{ source }}` where `source` is non-blank JavaScript. The
 *   closing `}}` is the first one outside string literals and outside braces
 *   opened by the source itself, so `{{ {a: {b: 1}} }}` is one expression.
 * - whole expression: a template that is exactly one expression part, with no
 *   text (not even whitespace) around it. It evaluates to the expression's JSON
 *   value; any other template with expressions interpolates into a string.
 * An unclosed `{{` (or an empty `{{ }}`) is plain text.
 */

export type TemplatePart =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "expression"; readonly source: string };

/** A string that is wholly one `{{ … }}` expression. */
export type ExpressionString = `{{${string}}}`;

const QUOTES = new Set(["'", '"', "`"]);

/** Index just past the `}}` that closes the expression starting at `from` (after `{{`), or -1. */
function findExpressionEnd(template: string, from: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = from; i < template.length; i++) {
    const char = template[i];
    if (quote !== undefined) {
      if (char === "\\") i++;
      else if (char === quote) quote = undefined;
      continue;
    }
    if (char !== undefined && QUOTES.has(char)) quote = char;
    else if (char === "{") depth++;
    else if (char === "}") {
      if (depth === 0 && template[i + 1] === "}") return i + 2;
      if (depth > 0) depth--;
    }
  }
  return -1;
}

/** Splits a config string into text and expression parts (adjacent text is merged). */
export function parseTemplate(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  const pushText = (text: string) => {
    if (text === "") return;
    const last = parts[parts.length - 1];
    if (last?.kind === "text") parts[parts.length - 1] = { kind: "text", text: last.text + text };
    else parts.push({ kind: "text", text });
  };
  let cursor = 0;
  while (cursor < template.length) {
    const open = template.indexOf("{{", cursor);
    if (open === -1) break;
    const end = findExpressionEnd(template, open + 2);
    if (end === -1) break;
    const source = template.slice(open + 2, end - 2).trim();
    pushText(template.slice(cursor, open));
    if (source === "") pushText(template.slice(open, end));
    else parts.push({ kind: "expression", source });
    cursor = end;
  }
  pushText(template.slice(cursor));
  return parts;
}

/** True when `value` is a string that is wholly one `{{ … }}` expression. */
export function isWholeExpression(value: unknown): value is ExpressionString {
  if (typeof value !== "string") return false;
  const parts = parseTemplate(value);
  return parts.length === 1 && parts[0]?.kind === "expression";
}

/** True when `value` is a string containing at least one `{{ … }}` expression. */
export function containsExpression(value: unknown): boolean {
  return typeof value === "string" && parseTemplate(value).some((part) => part.kind === "expression");
}

/**
 * Marks the issue raised when a value is not a whole expression, so error
 * messages can say "expected a number or an expression in {{ }}".
 */
export const EXPRESSION_ISSUE_PARAMS = { expectedExpression: true } as const;

/** A string that is wholly one `{{ … }}` expression. */
export const WholeExpression = z.custom<ExpressionString>(isWholeExpression, {
  error: "expected an expression in {{ }}",
  params: EXPRESSION_ISSUE_PARAMS,
});

/**
 * `schema`, or a whole `{{ … }}` expression that computes the value at run time.
 * Use it for every config field whose value may be computed (`delay.seconds`,
 * `loop.items`, …); fields that shape the graph (e.g. `join.n`) stay literal.
 */
export function orExpression<T extends z.ZodType>(schema: T) {
  return z.union([schema, WholeExpression]);
}

/** A string that must contain at least one `{{ … }}` expression (e.g. a map expression). */
export const TemplateWithExpression = z
  .string()
  .refine(containsExpression, { error: "must contain an expression in {{ }}, e.g. {{ item.price * 2 }}" });
