import { Bail } from "./bail";

/**
 * Tokens of the JavaScript subset the fast evaluator understands. Anything
 * outside it (comments, template literals, regular expressions, `**`, `=`,
 * unicode identifiers or escapes, numeric forms other than plain decimals…)
 * throws Bail: the sandbox, not this code, decides what such source means.
 */
export type Token =
  | { kind: "number"; value: number; newlineBefore: boolean }
  | { kind: "string"; value: string; newlineBefore: boolean }
  | { kind: "name"; value: string; newlineBefore: boolean }
  | { kind: "punct"; value: Punct; newlineBefore: boolean }
  | { kind: "end"; newlineBefore: boolean };

export type Punct = (typeof PUNCTUATORS)[number];

/** Longest first, so `===` wins over `==` and `?.` over `?`. */
const PUNCTUATORS = [
  "===", "!==", "==", "!=", "<=", ">=", "&&", "||", "??", "?.",
  "(", ")", "[", "]", "{", "}", ",", ":", "?", ".", ";", "!", "+", "-", "*", "/", "%", "<", ">",
] as const;

/** After these, the source continues an operator we do not support (`**`, `=`, `=>`, `++`, `<<`, `&`…). */
const UNSUPPORTED_AFTER: Partial<Record<Punct, RegExp>> = {
  "*": /^[*=]/,
  "/": /^[/*=]/, // comments and `/=`
  "+": /^[+=]/,
  "-": /^[-=]/,
  "%": /^=/,
  "<": /^</,
  ">": /^>/,
  "?.": /^\d/, // `a?.5:1` is a conditional, not optional chaining
  "&&": /^=/,
  "||": /^=/,
  "??": /^=/,
  ".": /^[.\d]/, // spread and `.5`
};

const NAME = /^[A-Za-z_$][A-Za-z0-9_$]*/;
/** Decimal literals only: no `0x`, legacy octal `012`, separators `1_0` or BigInt `1n`. */
const NUMBER = /^(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?(?![\w$.])/;
const SIMPLE_ESCAPES: Record<string, string> = { "\\": "\\", "'": "'", '"': '"', n: "\n", t: "\t", r: "\r" };

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  let newlineBefore = false;
  while (at < source.length) {
    const char = source[at]!;
    if (char === " " || char === "\t") {
      at += 1;
      continue;
    }
    if (char === "\n" || char === "\r") {
      newlineBefore = true;
      at += 1;
      continue;
    }
    const rest = source.slice(at, at + 32);
    const name = NAME.exec(rest);
    if (name) {
      // a name longer than 32 characters: read it whole
      const full = NAME.exec(source.slice(at))![0];
      tokens.push({ kind: "name", value: full, newlineBefore });
      at += full.length;
    } else if (char >= "0" && char <= "9") {
      const number = NUMBER.exec(source.slice(at));
      if (!number) throw new Bail();
      tokens.push({ kind: "number", value: Number(number[0]), newlineBefore });
      at += number[0].length;
    } else if (char === '"' || char === "'") {
      const { value, end } = readString(source, at);
      tokens.push({ kind: "string", value, newlineBefore });
      at = end;
    } else {
      const punct = PUNCTUATORS.find((p) => source.startsWith(p, at));
      if (punct === undefined) throw new Bail();
      const after = UNSUPPORTED_AFTER[punct];
      if (after?.test(source.slice(at + punct.length, at + punct.length + 1))) throw new Bail();
      tokens.push({ kind: "punct", value: punct, newlineBefore });
      at += punct.length;
    }
    newlineBefore = false;
  }
  tokens.push({ kind: "end", newlineBefore });
  return tokens;
}

/** A quoted string with only the escapes \\ \' \" \n \t \r; anything else (unicode escapes, line breaks) bails. */
function readString(source: string, start: number): { value: string; end: number } {
  const quote = source[start]!;
  let value = "";
  let at = start + 1;
  while (at < source.length) {
    const char = source[at]!;
    if (char === quote) return { value, end: at + 1 };
    if (char === "\n" || char === "\r" || char === "\u2028" || char === "\u2029") throw new Bail();
    if (char === "\\") {
      const escaped = SIMPLE_ESCAPES[source[at + 1] ?? ""];
      if (escaped === undefined) throw new Bail();
      value += escaped;
      at += 2;
      continue;
    }
    value += char;
    at += 1;
  }
  throw new Bail(); // unterminated
}
