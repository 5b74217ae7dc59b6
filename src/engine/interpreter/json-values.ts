import type { Json } from "../execution-types";

/**
 * Small facts about JSON values the interpreter needs: JavaScript truthiness
 * (if, filter, while), deep equality (switch cases), plain objects (set, merge)
 * and ISO time arithmetic (timers). No clock is read here: times come in.
 */

export type JsonObject = { [key: string]: Json };

export function isJsonObject(value: Json | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** JavaScript truthiness: null, false, 0, NaN and "" are false; everything else (incl. [] and {}) true. */
/**
 * `Object.assign` for JSON data: copies every own key of `source` as a plain
 * data property. Object.assign would SET them, and setting `"__proto__"` (a
 * legitimate key in parsed JSON) changes the target's prototype and drops the key.
 */
export function mergeInto<T extends Record<string, Json>>(target: T, source: Record<string, Json>): T {
  for (const key of Object.keys(source)) setOwn(target, key, source[key]!);
  return target;
}

/** `target[key] = value` as a plain data property, even for `"__proto__"`. */
export function setOwn(target: Record<string, Json>, key: string, value: Json): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

export function isTruthy(value: Json | undefined): boolean {
  return Boolean(value);
}

/** Structural equality; object key order does not matter. */
export function deepEqual(a: Json | undefined, b: Json | undefined): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((item, index) => deepEqual(item, b[index]));
  }
  if (isJsonObject(a) && isJsonObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && deepEqual(a[key], b[key]));
  }
  return false;
}

/** `iso` plus `ms` milliseconds, as an ISO string. */
export function addMilliseconds(iso: string, ms: number): string {
  return new Date(Date.parse(iso) + ms).toISOString();
}

/** How a value reads in an error message: "a list", "an object", "null", `"text"`, `5`. */
export function describeJson(value: Json | undefined): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return String(value);
}
