import { MAX_LOG_LINE_CHARS, MAX_LOG_LINES } from "@/engine/ports";

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
 * - `console` is a guest-only object. For expressions (GUEST_BOOTSTRAP) its methods
 *   do nothing. For `code` (GUEST_BOOTSTRAP_CODE) log, info, warn,
 *   error and debug append a line to a buffer held in this closure: the
 *   arguments as strings as is, Errors as "Name: message", anything else
 *   JSON.stringify'd (the captured original), joined by spaces, cut at `C`
 *   characters (the last one "…"); after `L` lines further calls only count.
 *   `trace` does nothing.
 * - `finish(value)` → "J" + JSON, "P" for a Promise, "L" + length when the JSON
 *   is longer than the cap. JSON.stringify may throw (cycles, BigInt); the host
 *   classifies that. `finish(_, 1)` → the buffer as JSON
 *   `[dropped, level, message, level, message, …]`, built from primitives only
 *   (no user-replaceable method is called); the host validates it anyway.
 */
export const GUEST_BOOTSTRAP = bootstrap(false);
/** The same for `code`, whose console fills the log buffer (a separate text: expressions don't compile it). */
export const GUEST_BOOTSTRAP_CODE = bootstrap(true);

function bootstrap(capture: boolean): string {
  const console = capture
    ? `var b = [], n = 0, L = ${MAX_LOG_LINES}, C = ${MAX_LOG_LINE_CHARS}, E = Error, A = Reflect.apply, SL = String.prototype.slice;
  function fmt(a) {
    var x, y = typeof a;
    try {
      if (y === "string") return a;
      if (y === "bigint") return a + "n";
      if (y === "symbol") return "Symbol()";
      if (y === "function") return "[Function]";
      if (a instanceof E) return "" + a.name + ": " + a.message;
      x = S(a);
      return x === undefined ? "undefined" : x;
    } catch (_) { return "[a value that could not be shown]"; }
  }
  function lg(v) {
    return function () {
      if (b.length >= 2 * L) { n++; return; }
      var r = "", i = 0;
      for (; i < arguments.length && r.length <= C; i++) r += (i ? " " : "") + fmt(arguments[i]);
      if (r.length > C) r = A(SL, r, [0, C - 1]) + "\\u2026";
      b[b.length] = v; b[b.length] = r;
    };
  }
  def(g, "console", { log: lg("log"), info: lg("info"), warn: lg("warn"), error: lg("error"), debug: lg("debug"), trace: f });`
    : `def(g, "console", { log: f, info: f, warn: f, error: f, debug: f, trace: f });`;
  const readLogs = capture ? `if (q) { var r = "[" + n, i = 0; for (; i < b.length; i++) r += "," + S(b[i]); return r + "]"; }\n    ` : "";
  return `(function (s, t, m) {
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
  ${console}
  return function (v${capture ? ", q" : ""}) {
    ${readLogs}if (v instanceof P) return "P";
    var j = S(v);
    return j === undefined ? "Jnull" : j.length > m ? "L" + j.length : "J" + j;
  };
})`;
}

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
