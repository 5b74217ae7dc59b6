import type { Json } from "../execution-types";
import type { Sandbox, SandboxResult } from "../ports";
import { Bail } from "./bail";
import { evaluate } from "./evaluate";
import { parseExpression, parseReturnBody, type Expr } from "./parse";

/**
 * The fast path in front of the sandbox. Most expressions in workflows are
 * paths, arithmetic, comparisons, ternaries and small object literals over the
 * scope (`{{ input.n + 1 }}`, `{{ vars.total > 100 ? "big" : "small" }}`,
 * `return { id: input.id, ok: true };`). A fresh QuickJS context costs ≈ 0.3 ms;
 * evaluating such an expression here costs ≈ 1 µs. The rule that makes it
 * safe: this code answers only when its answer is certainly the sandbox's
 * (same value, same JSON conversion); for anything else — unsupported syntax,
 * calls, errors, conversions of objects — it returns `undefined` and the
 * sandbox answers (see bail.ts, evaluate.ts). Nothing user-written runs on the
 * host: there are no calls, no loops and no property reads outside the JSON
 * data's own properties. test/…/fast-eval-agreement.test.ts checks agreement
 * with the real sandbox on generated expressions.
 */
export function tryExpression(source: string, scope: Record<string, Json>): SandboxResult | undefined {
  return run(parsed(expressionCache, source, parseExpression), scope);
}

/**
 * A `code` body of the form `return <expression>;`. Bodies that mention `console` are left to the
 * sandbox, which alone captures logs (a call would decline anyway; this keeps it so by construction).
 */
export function tryCode(body: string, scope: Record<string, Json>): SandboxResult | undefined {
  return run(parsed(codeCache, body, parseCodeBody), scope);
}

function parseCodeBody(body: string): Expr {
  if (body.includes("console")) throw new Bail();
  return parseReturnBody(body);
}

/** The sandbox with the fast path in front of it. */
export function withFastPath(sandbox: Sandbox): Sandbox {
  return {
    evaluateExpression: (source, scope, limits) => tryExpression(source, scope) ?? sandbox.evaluateExpression(source, scope, limits),
    runCode: (body, scope, limits) => tryCode(body, scope) ?? sandbox.runCode(body, scope, limits),
  };
}

const NOT_HANDLED = null;
type Parsed = Expr | typeof NOT_HANDLED;
/** Parsed sources (or "not handled"), so a loop body's code is parsed once, not per iteration. */
const expressionCache = new Map<string, Parsed>();
const codeCache = new Map<string, Parsed>();
const CACHE_LIMIT = 5_000;
/** Longer sources are rarely this simple; don't spend time (or cache) on them. */
const MAX_SOURCE = 2_000;

function parsed(cache: Map<string, Parsed>, source: string, parse: (source: string) => Expr): Parsed {
  const known = cache.get(source);
  if (known !== undefined) return known;
  let result: Parsed = NOT_HANDLED;
  if (source.length <= MAX_SOURCE) {
    try {
      result = parse(source);
    } catch (error) {
      if (!(error instanceof Bail)) throw error;
    }
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(source, result);
  return result;
}

function run(expr: Parsed, scope: Record<string, Json>): SandboxResult | undefined {
  if (expr === NOT_HANDLED) return undefined;
  try {
    const { value, fresh } = evaluate(expr, scope);
    return { ok: true, value: asJson(value, fresh) };
  } catch (error) {
    if (error instanceof Bail) return undefined;
    throw error;
  }
}

/**
 * What the sandbox's JSON.stringify → parse would make of the value: undefined
 * → null at the top and in arrays, dropped in objects; NaN/±Infinity → null;
 * -0 → 0. Only containers built by the expression are walked: values read from
 * the scope are JSON already.
 */
function asJson(value: Json | undefined, fresh: Set<object>): Json {
  if (value === undefined) return null;
  if (typeof value === "number") return Number.isFinite(value) ? (value === 0 ? 0 : value) : null;
  if (typeof value !== "object" || value === null || !fresh.has(value)) return value;
  if (Array.isArray(value)) return value.map((item) => asJson(item, fresh));
  const object: { [key: string]: Json } = {};
  for (const [key, item] of Object.entries(value as Record<string, Json | undefined>)) {
    if (item !== undefined) object[key] = asJson(item, fresh);
  }
  return object;
}
