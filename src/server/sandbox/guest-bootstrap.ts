/**
 * JavaScript that runs INSIDE the guest. QuickJS compiles slowly in wasm
 * (≈ 2-4 µs per statement, measured: the first readable version of this
 * bootstrap cost 320 µs per context, this compact one ≈ 60 µs), so it is terse.
 *
 * GUEST_BOOTSTRAP runs in every fresh context before user code, so what it
 * captures (JSON.stringify, Promise, the real Date) is still pristine. The host
 * calls it with `(scopeJson, startedAtMs, maxResultChars)` and keeps the
 * returned `finish` function as a host-side handle; it is never put on the
 * global object, so user code cannot reach or replace it.
 * - Scope: one JSON string parsed in the guest; each key becomes a writable,
 *   non-enumerable global. No host object or function enters the guest.
 * - Clock: `Date` is replaced by a wrapper whose `Date.now()`, `new Date()` and
 *   `Date()` use `startedAtMs` (execution.startedAt, the only clock the format
 *   allows) and throw a TypeError when it is NaN. `new Date(x)`, `Date.parse`,
 *   `Date.UTC` behave normally. The real constructor stays in this closure;
 *   `Date.prototype.constructor` points at the wrapper.
 * - `console` is a guest-only no-op object, so code that logs still runs.
 * - `finish(value)` → "J" + JSON, "P" for a Promise, "L" + length when the JSON
 *   is longer than the cap. JSON.stringify may throw (cycles, BigInt); the host
 *   classifies that.
 */
export const GUEST_BOOTSTRAP = `(function (s, t, m) {
  "use strict";
  var g = globalThis, O = Object, D = Date, S = JSON.stringify, P = Promise, o = JSON.parse(s),
    d = { writable: true, configurable: true }, k;
  function def(x, n, v) { d.value = v; O.defineProperty(x, n, d); }
  for (k in o) def(g, k, o[k]);
  function now() {
    if (t !== t) throw new TypeError("the sandbox has no clock: Date.now() and new Date() need execution.startedAt");
    return t;
  }
  var W = function Date() {
    return new.target ? Reflect.construct(D, arguments.length ? arguments : [now()], new.target) : new D(now()).toString();
  };
  W.prototype = D.prototype;
  def(W, "length", 7); def(W, "now", now); def(W, "parse", D.parse); def(W, "UTC", D.UTC);
  def(D.prototype, "constructor", W); def(g, "Date", W);
  function f() {}
  def(g, "console", { log: f, info: f, warn: f, error: f, debug: f, trace: f });
  return function (v) {
    if (v instanceof P) return "P";
    var j = S(v);
    return j === undefined ? "Jnull" : j.length > m ? "L" + j.length : "J" + j;
  };
})`;

/**
 * Describes a thrown value as "name␁message␁lineNumber@fileName␁stack"
 * (␁ = U+0001; the host reads it as a C string, so NUL can't be a separator).
 * Compiled only when something was thrown, i.e. after user code ran, so it
 * relies on nothing user code can replace: `typeof`, property reads and `+` on
 * primitives (JSON.stringify only for non-Error objects, inside try). Getters
 * on the error run under the same deadline. Truncation happens on the host.
 */
export const GUEST_DESCRIBE = `(function (e) {
  var n = "", m = "", l = "", st = "", x;
  try {
    if (e !== null && (typeof e === "object" || typeof e === "function")) {
      x = e.message;
      if (typeof x === "string") {
        m = x;
        x = e.name; n = typeof x === "string" && x !== "" ? x : "Error";
        x = e.lineNumber; if (typeof x === "number") { l = "" + x; x = e.fileName; if (typeof x === "string") l += "@" + x; }
        x = e.stack; if (typeof x === "string") st = x;
      } else {
        x = JSON.stringify(e); m = typeof x === "string" ? x : "[object]";
      }
    } else if (typeof e === "symbol") {
      m = "Symbol()";
    } else {
      m = "" + e;
    }
  } catch (_) {
    if (m === "") m = "(a value that could not be described)";
  }
  return n + "\\u0001" + m + "\\u0001" + l + "\\u0001" + st;
})`;
