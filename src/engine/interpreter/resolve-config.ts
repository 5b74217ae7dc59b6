import type { EngineError, Json } from "../execution-types";
import { parseTemplate } from "../expression";
import { formatFieldPath, type FieldPath } from "../issue-messages";
import type { Sandbox } from "../ports";
import { setOwn, type JsonObject } from "./json-values";

export type Evaluation<T = Json> = { ok: true; value: T } | { ok: false; error: EngineError };

/**
 * Evaluating `{{ … }}` in config values through the sandbox port.
 *
 * 1. A string that is wholly one expression evaluates to the expression's JSON value.
 * 2. A string with expressions inside text interpolates: strings as they are,
 *    null → "", objects and arrays JSON-stringified, numbers/booleans as text.
 * 3. Arrays and objects are resolved element by element (keys are never evaluated).
 * 4. Other values are returned as they are.
 * A failed evaluation becomes an error on the node:
 * `node <id>: config.values.total: ReferenceError: foo is not defined`. The
 * sandbox's Timeout/SandboxLimit types are kept, anything else is a NodeError;
 * none is retryable (evaluation is deterministic: a retry would fail the same way).
 */
export function resolveValue(
  sandbox: Sandbox,
  nodeId: string,
  value: unknown,
  scope: Record<string, Json>,
  path: FieldPath,
): Evaluation {
  if (typeof value === "string") return evaluateTemplate(sandbox, nodeId, value, scope, path);
  if (Array.isArray(value)) {
    const items: Json[] = [];
    for (const [index, item] of value.entries()) {
      const resolved = resolveValue(sandbox, nodeId, item, scope, [...path, index]);
      if (!resolved.ok) return resolved;
      items.push(resolved.value);
    }
    return { ok: true, value: items };
  }
  if (typeof value === "object" && value !== null) {
    const result: JsonObject = {};
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined) continue;
      const resolved = resolveValue(sandbox, nodeId, item, scope, [...path, key]);
      if (!resolved.ok) return resolved;
      setOwn(result, key, resolved.value);
    }
    return { ok: true, value: result };
  }
  if (value === undefined) return { ok: true, value: null };
  return { ok: true, value: value as Json };
}

/** Resolves every config field except those in `later` (evaluated by the node itself, e.g. per item). */
export function resolveConfig(
  sandbox: Sandbox,
  nodeId: string,
  config: object,
  scope: Record<string, Json>,
  later: readonly string[] = [],
): Evaluation<JsonObject> {
  const result: JsonObject = {};
  for (const [key, value] of Object.entries(config)) {
    if (value === undefined) continue;
    if (later.includes(key)) {
      setOwn(result, key, value as Json);
      continue;
    }
    const resolved = resolveValue(sandbox, nodeId, value, scope, ["config", key]);
    if (!resolved.ok) return resolved;
    setOwn(result, key, resolved.value);
  }
  return { ok: true, value: result };
}

export function evaluateTemplate(
  sandbox: Sandbox,
  nodeId: string,
  template: string,
  scope: Record<string, Json>,
  path: FieldPath,
): Evaluation {
  const parts = parseTemplate(template);
  if (!parts.some((part) => part.kind === "expression")) return { ok: true, value: template };
  const values: Json[] = [];
  for (const part of parts) {
    if (part.kind === "text") {
      values.push(part.text);
      continue;
    }
    const result = sandbox.evaluateExpression(part.source, scopeUsedBy(part.source, scope));
    if (!result.ok) return { ok: false, error: nodeErrorFrom(nodeId, formatFieldPath(path), result.error) };
    if (parts.length === 1) return { ok: true, value: result.value };
    values.push(result.value);
  }
  return { ok: true, value: values.map(interpolated).join("") };
}

/**
 * Only the scope entries whose name occurs in the source: a sandbox has to copy
 * every entry into its VM, and `trigger`/`nodes` can be large, so sending them to
 * an expression like `{{ item * 2 }}` would make big loops quadratic. A name that
 * does not occur in the source cannot be referenced by it (expressions have no eval).
 */
export function scopeUsedBy(source: string, scope: Record<string, Json>): Record<string, Json> {
  const used: Record<string, Json> = {};
  for (const [name, value] of Object.entries(scope)) if (source.includes(name)) used[name] = value;
  return used;
}

function interpolated(value: Json): string {
  if (value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** `node <id>: <where>: <message>`, keeping Timeout/SandboxLimit types; never retryable. */
export function nodeErrorFrom(nodeId: string, where: string, cause: EngineError): EngineError {
  const type = cause.type === "Timeout" || cause.type === "SandboxLimit" ? cause.type : "NodeError";
  const prefix = where === "" ? `node ${nodeId}` : `node ${nodeId}: ${where}`;
  return { type, message: `${prefix}: ${cause.message}`, nodeId, retryable: false };
}

/** A NodeError raised by the interpreter itself about a node (bad input, wrong type…); not retryable. */
export function nodeError(nodeId: string, message: string): EngineError {
  return { type: "NodeError", message: `node ${nodeId}: ${message}`, nodeId, retryable: false };
}
