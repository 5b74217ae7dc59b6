import { z } from "zod";
import { closestName } from "./closest-name";
import { EXPRESSION_ISSUE_PARAMS } from "./expression";
import type { FieldPath } from "./field-path";

// In their own zod-free module, as problem.ts (and through it the editor) needs them without zod.
export { formatFieldPath, type FieldPath } from "./field-path";

/**
 * Turns zod issues into sentences a business user can act on: "this field is
 * required", "expected a whole number, got "ten"", "unknown field (did you mean
 * "timeoutMs"?)". Issues MUST come from a parse with `{ reportInput: true }`,
 * otherwise every wrong value reads as a missing one.
 *
 * Messages written in the engine's own schemas (refinements, regex checks) are
 * used as they are; zod's generic messages never reach the user.
 */

export interface IssueDescription {
  /** Where the problem is, relative to the parsed value. */
  readonly path: FieldPath;
  /** The sentence, without the field name. */
  readonly text: string;
}

/** How a value reads in a message: `"ten"`, `5`, `a list`, `an object`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

const TYPE_NOUNS: Readonly<Record<string, string>> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  array: "a list",
  tuple: "a list",
  object: "an object",
  record: "an object",
  null: "null",
};
const EXPRESSION_NOUN = "an expression in {{ }}";

/** "a, b or c"; "true or false, or an expression" when a choice already contains "or". */
function joinWithOr(words: readonly string[]): string {
  if (words.length <= 1) return words[0] ?? "";
  const separator = words.some((word) => word.includes(" or ")) ? ", or " : " or ";
  return `${words.slice(0, -1).join(", ")}${separator}${words[words.length - 1]}`;
}

function formatLiteral(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

function isExpressionIssue(issue: z.core.$ZodIssue): boolean {
  return issue.code === "custom" && issue.params?.expectedExpression === EXPRESSION_ISSUE_PARAMS.expectedExpression;
}

/** A union branch that failed only because the value had the wrong type (as opposed to a wrong detail). */
function isTypeMismatch(branch: readonly z.core.$ZodIssue[]): boolean {
  return branch.every((issue) => issue.path.length === 0 && (issue.code === "invalid_type" || isExpressionIssue(issue)));
}

function expandSchema(schema: z.core.$ZodType): z.core.$ZodType[] {
  if (
    schema instanceof z.ZodOptional ||
    schema instanceof z.ZodNullable ||
    schema instanceof z.ZodDefault ||
    schema instanceof z.ZodPrefault
  ) {
    return expandSchema(schema.unwrap());
  }
  if (schema instanceof z.ZodUnion) return schema.options.flatMap(expandSchema);
  if (schema instanceof z.ZodPipe) return expandSchema(schema.in);
  return [schema];
}

/** The schemas that may apply to the value at `path` (every option of a union on the way). */
function schemasAt(schema: z.core.$ZodType, path: FieldPath): z.core.$ZodType[] {
  let candidates = expandSchema(schema);
  for (const key of path) {
    candidates = candidates.flatMap((candidate) => {
      if (candidate instanceof z.ZodObject && typeof key === "string") {
        const child: z.core.$ZodType | undefined = candidate.shape[key];
        return child === undefined ? [] : expandSchema(child);
      }
      if (candidate instanceof z.ZodArray && typeof key === "number") return expandSchema(candidate.element);
      if (candidate instanceof z.ZodRecord && typeof key === "string") return expandSchema(candidate.valueType);
      return [];
    });
  }
  return candidates;
}

/** The field names the schema allows in the object at `path` (for "did you mean" hints). */
export function knownKeysAt(schema: z.core.$ZodType, path: FieldPath): string[] {
  return schemasAt(schema, path).flatMap((candidate) =>
    candidate instanceof z.ZodObject ? Object.keys(candidate.shape) : [],
  );
}

/** "a whole number" where zod only says "number" but the schema at `path` wants an integer. */
function describeExpectedType(expected: string, schema: z.core.$ZodType | undefined, path: FieldPath): string {
  if (expected === "number" && schema !== undefined) {
    const wantsInteger = schemasAt(schema, path).some(
      (candidate) => candidate instanceof z.ZodNumber && candidate.format === "safeint",
    );
    if (wantsInteger) return TYPE_NOUNS.int ?? expected;
  }
  return TYPE_NOUNS[expected] ?? expected;
}

function describeSize(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig): string {
  const small = issue.code === "too_small";
  const limit = Number(small ? issue.minimum : issue.maximum);
  const got = issue.input === undefined ? "" : `, got ${describeValue(issue.input)}`;
  switch (issue.origin) {
    case "number":
    case "int":
    case "bigint":
      if (small) return `${issue.inclusive === false ? "must be greater than" : "must be at least"} ${limit}${got}`;
      return `${issue.inclusive === false ? "must be less than" : "must be at most"} ${limit}${got}`;
    case "string":
      if (small && limit === 1) return "must not be empty";
      return `must be ${small ? "at least" : "at most"} ${limit} characters long`;
    case "array":
    case "set":
      if (small && limit === 1) return "must have at least one item";
      return `must have ${small ? "at least" : "at most"} ${limit} items`;
    default:
      return small ? `is too small (minimum ${limit})` : `is too large (maximum ${limit})`;
  }
}

function describeFormat(issue: z.core.$ZodIssueInvalidStringFormat): string {
  const got = `, got ${describeValue(issue.input)}`;
  switch (issue.format) {
    case "datetime":
      return `must be a date and time in ISO 8601 form with a time zone, e.g. 2025-01-31T09:00:00Z${got}`;
    case "email":
      return `must be an email address${got}`;
    case "url":
      return `must be a URL${got}`;
    default:
      // The engine's own regex checks carry their own sentence; zod's start with "Invalid".
      return issue.message.startsWith("Invalid") ? `has the wrong format${got}` : issue.message;
  }
}

function describeUnion(issue: z.core.$ZodIssueInvalidUnion, schema: z.core.$ZodType | undefined): IssueDescription[] {
  const path = issue.path.filter((key) => typeof key !== "symbol");
  if (issue.errors.length === 0) {
    const options = "options" in issue && issue.options !== undefined ? issue.options : [];
    return [{ path, text: options.length > 0 ? `expected one of ${options.map(String).join(", ")}` : "is not valid" }];
  }
  // A branch that got the type right but a detail wrong explains the problem best.
  const detailed = issue.errors.find((branch) => !isTypeMismatch(branch));
  if (detailed !== undefined) {
    return detailed.flatMap((inner) => describeIssue({ ...inner, path: [...path, ...inner.path] }, schema));
  }
  const nouns = new Set<string>();
  for (const inner of issue.errors.flat()) {
    if (isExpressionIssue(inner)) nouns.add(EXPRESSION_NOUN);
    else if (inner.code === "invalid_type") nouns.add(describeExpectedType(inner.expected, schema, path));
  }
  return [{ path, text: `expected ${joinWithOr([...nouns])}, got ${describeValue(issue.input)}` }];
}

function describeIssue(issue: z.core.$ZodIssue, schema: z.core.$ZodType | undefined): IssueDescription[] {
  const path = issue.path.filter((key) => typeof key !== "symbol");
  const got = issue.input === undefined ? "" : `, got ${describeValue(issue.input)}`;
  if ((issue.code === "invalid_type" || issue.code === "invalid_union") && issue.input === undefined) {
    return [{ path, text: "this field is required" }];
  }
  if (issue.code === "invalid_value" && issue.input === undefined) {
    const allowed = issue.values.length === 1 ? `it must be ${formatLiteral(issue.values[0])}` : `one of ${issue.values.map(String).join(", ")}`;
    return [{ path, text: `this field is required (${allowed})` }];
  }
  switch (issue.code) {
    case "invalid_type":
      return [{ path, text: `expected ${describeExpectedType(issue.expected, schema, path)}${got}` }];
    case "invalid_union":
      return describeUnion(issue, schema);
    case "invalid_value":
      return [
        {
          path,
          text:
            issue.values.length === 1
              ? `must be ${formatLiteral(issue.values[0])}${got}`
              : `expected one of ${issue.values.map(String).join(", ")}${got}`,
        },
      ];
    case "unrecognized_keys":
      return issue.keys.map((key) => {
        const suggestion = schema === undefined ? undefined : closestName(key, knownKeysAt(schema, path));
        const hint = suggestion === undefined ? "" : ` (did you mean "${suggestion}"?)`;
        return { path: [...path, key], text: `unknown field${hint}` };
      });
    case "too_small":
    case "too_big":
      return [{ path, text: describeSize(issue) }];
    case "invalid_format":
      return [{ path, text: describeFormat(issue) }];
    case "not_multiple_of":
      return [{ path, text: `must be a multiple of ${issue.divisor}${got}` }];
    case "invalid_key":
    case "invalid_element":
      return issue.issues.flatMap((inner) => describeIssue({ ...inner, path: [...path, ...inner.path] }, schema));
    case "custom":
      return [{ path, text: issue.message === "Invalid input" ? `is not valid${got}` : issue.message }];
  }
}

/** Clear sentences for the issues of one parse of `schema` (used for "did you mean" hints). */
export function describeIssues(
  issues: readonly z.core.$ZodIssue[],
  schema?: z.core.$ZodType,
): IssueDescription[] {
  return issues.flatMap((issue) => describeIssue(issue, schema));
}
