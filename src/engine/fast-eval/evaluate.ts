import type { Json } from "../execution-types";
import { Bail } from "./bail";
import type { BinaryOp, Expr, MemberStep } from "./parse";

/**
 * Evaluates a parsed expression over JSON scope values with the host's own
 * JavaScript operators — which ARE JavaScript's semantics, exactly, as long as
 * every operand is a primitive. Whenever JavaScript would do something the
 * host must not imitate, it throws Bail and the sandbox answers instead:
 * - an operator applied to an object or array (ToPrimitive would call methods),
 *   and `===`/`==` between two objects (identity depends on how the sandbox
 *   copied the scope);
 * - reading a property of null/undefined (the sandbox words the TypeError),
 *   of a number or boolean, an inherited name (`constructor`, `toString`, `map`…),
 *   anything but `length` and indexes of strings and arrays;
 * - a name that is not an own entry of the scope (a global like `Math`, or a
 *   ReferenceError the sandbox words).
 */
type Value = Json | undefined;

export type Evaluated = { value: Value; fresh: Set<object> };

export function evaluate(expr: Expr, scope: Record<string, Json>): Evaluated {
  const fresh = new Set<object>();
  return { value: new Evaluator(scope, fresh).run(expr), fresh };
}

class Evaluator {
  constructor(
    private readonly scope: Record<string, Json>,
    private readonly fresh: Set<object>,
  ) {}

  run(expr: Expr): Value {
    switch (expr.type) {
      case "literal":
        return expr.value;
      case "name":
        if (!Object.hasOwn(this.scope, expr.name)) throw new Bail();
        return this.scope[expr.name];
      case "unary":
        return unary(expr.op, this.run(expr.operand));
      case "binary":
        return binary(expr.op, this.run(expr.left), this.run(expr.right));
      case "logical": {
        const left = this.run(expr.left);
        if (expr.op === "&&") return left ? this.run(expr.right) : left;
        if (expr.op === "||") return left ? left : this.run(expr.right);
        return left === null || left === undefined ? this.run(expr.right) : left;
      }
      case "conditional":
        return this.run(expr.test) ? this.run(expr.then) : this.run(expr.otherwise);
      case "member":
        return this.member(this.run(expr.object), expr.steps);
      case "array": {
        const items = expr.items.map((item) => this.run(item));
        this.fresh.add(items);
        return items as Json[];
      }
      case "object": {
        const object: Record<string, Value> = {};
        for (const [key, value] of expr.entries) object[key] = this.run(value);
        this.fresh.add(object);
        return object as Json;
      }
    }
  }

  /** A member chain; `?.` on null/undefined ends the whole chain with undefined, as in JavaScript. */
  private member(start: Value, steps: MemberStep[]): Value {
    let current = start;
    for (const step of steps) {
      if (step.optional && (current === null || current === undefined)) return undefined;
      current = readProperty(current, this.run(step.key));
    }
    return current;
  }
}

const INDEX = /^(?:0|[1-9]\d{0,9})$/;
/** Object.prototype's names in every engine, in case the host and QuickJS differ. */
const INHERITED = new Set([
  "constructor", "toString", "toLocaleString", "valueOf", "hasOwnProperty", "isPrototypeOf",
  "propertyIsEnumerable", "__proto__", "__defineGetter__", "__defineSetter__", "__lookupGetter__", "__lookupSetter__",
]);

function readProperty(target: Value, keyValue: Value): Value {
  if (typeof keyValue === "object" && keyValue !== null) throw new Bail(); // ToPropertyKey would call methods
  const key = String(keyValue);
  if (typeof target === "string") {
    if (key === "length") return target.length;
    if (INDEX.test(key)) return Number(key) < target.length ? target[Number(key)] : undefined;
    throw new Bail(); // String.prototype's methods
  }
  if (Array.isArray(target)) {
    if (key === "length") return target.length;
    if (INDEX.test(key)) return Number(key) < target.length ? target[Number(key)] : undefined;
    throw new Bail(); // Array.prototype's methods, and other names
  }
  if (typeof target === "object" && target !== null) {
    if (Object.hasOwn(target, key)) return (target as Record<string, Json>)[key];
    if (INHERITED.has(key) || key in target) throw new Bail();
    return undefined;
  }
  throw new Bail(); // null/undefined (a TypeError), numbers and booleans (methods)
}

function isObject(value: Value): value is Json[] | { [key: string]: Json } {
  return typeof value === "object" && value !== null;
}

function unary(op: "!" | "-" | "+" | "typeof", value: Value): Value {
  if (op === "!") return !value;
  if (op === "typeof") return typeof value;
  if (isObject(value)) throw new Bail();
  return op === "-" ? -(value as number) : +(value as number);
}

function binary(op: BinaryOp, left: Value, right: Value): Value {
  if (op === "===" || op === "!==") {
    if (isObject(left) && isObject(right)) throw new Bail();
    return op === "===" ? left === right : left !== right;
  }
  if (isObject(left) || isObject(right)) {
    // `obj == null` is false without converting the object; anything else converts it.
    const other = isObject(left) ? right : left;
    if ((op === "==" || op === "!=") && (other === null || other === undefined)) return op === "!=";
    throw new Bail();
  }
  // Both operands are primitives: the host's operators are JavaScript's.
  const a = left as number;
  const b = right as number;
  switch (op) {
    case "+":
      return (a + b) as Value;
    case "-":
      return a - b;
    case "*":
      return a * b;
    case "/":
      return a / b;
    case "%":
      return a % b;
    case "<":
      return a < b;
    case ">":
      return a > b;
    case "<=":
      return a <= b;
    case ">=":
      return a >= b;
    case "==":
      // eslint-disable-next-line eqeqeq
      return a == b;
    case "!=":
      // eslint-disable-next-line eqeqeq
      return a != b;
  }
}
