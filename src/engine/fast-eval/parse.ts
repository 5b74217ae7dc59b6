import { Bail } from "./bail";
import { tokenize, type Punct, type Token } from "./tokenize";

/**
 * A recursive-descent parser for the subset of JavaScript expressions the fast
 * evaluator handles, with JavaScript's precedence: conditional `?:`, `||`,
 * `&&`, `??` (never mixed with `||`/`&&` without parentheses, a SyntaxError in
 * JavaScript), equality, relational, additive, multiplicative, unary
 * (`! - + typeof`), member access (`.name`, `[expr]`, `?.`), and primaries:
 * decimal numbers, quoted strings, true/false/null/undefined, names, `( … )`,
 * array literals and object literals with name/string keys. Calls, `new`,
 * assignments, `in`, template literals, spread, functions… throw Bail.
 */
export type Expr =
  | { type: "literal"; value: number | string | boolean | null | undefined }
  | { type: "name"; name: string }
  | { type: "unary"; op: "!" | "-" | "+" | "typeof"; operand: Expr }
  | { type: "binary"; op: BinaryOp; left: Expr; right: Expr }
  | { type: "logical"; op: "&&" | "||" | "??"; left: Expr; right: Expr; parenthesized?: boolean }
  | { type: "conditional"; test: Expr; then: Expr; otherwise: Expr }
  | { type: "member"; object: Expr; steps: MemberStep[] }
  | { type: "array"; items: Expr[] }
  | { type: "object"; entries: Array<[string, Expr]> };

export type BinaryOp = "+" | "-" | "*" | "/" | "%" | "<" | ">" | "<=" | ">=" | "===" | "!==" | "==" | "!=";
export type MemberStep = { key: Expr; optional: boolean };

/** Words that are not plain references to a scope entry, even if a scope had such a key. */
const RESERVED = new Set([
  "this", "new", "function", "class", "void", "delete", "in", "instanceof", "typeof", "return", "var", "let",
  "const", "if", "else", "for", "while", "do", "switch", "case", "default", "break", "continue", "throw", "try",
  "catch", "finally", "yield", "await", "async", "import", "export", "super", "with", "debugger", "arguments",
  "eval", "of", "static", "enum", "implements", "interface", "package", "private", "protected", "public",
]);

/** Parses a whole expression (the inside of `{{ … }}`). */
export function parseExpression(source: string): Expr {
  const parser = new Parser(tokenize(source));
  const expr = parser.expression();
  parser.expectEnd();
  return expr;
}

/**
 * Parses a `code` body of exactly the form `return <expression>;` (the
 * semicolon optional). A line break right after `return` would return
 * undefined in JavaScript (automatic semicolon insertion): that bails.
 */
export function parseReturnBody(source: string): Expr {
  const parser = new Parser(tokenize(source));
  parser.expectName("return");
  if (parser.peek().newlineBefore) throw new Bail();
  const expr = parser.atPunct(";") || parser.peek().kind === "end" ? LITERAL_UNDEFINED : parser.expression();
  parser.skipPunct(";");
  parser.expectEnd();
  return expr;
}

const LITERAL_UNDEFINED: Expr = { type: "literal", value: undefined };

const EQUALITY: ReadonlySet<Punct> = new Set(["===", "!==", "==", "!="]);
const RELATIONAL: ReadonlySet<Punct> = new Set(["<", ">", "<=", ">="]);
const ADDITIVE: ReadonlySet<Punct> = new Set(["+", "-"]);
const MULTIPLICATIVE: ReadonlySet<Punct> = new Set(["*", "/", "%"]);

class Parser {
  private at = 0;
  constructor(private readonly tokens: Token[]) {}

  peek(): Token {
    return this.tokens[this.at]!;
  }

  atPunct(value: Punct): boolean {
    const token = this.peek();
    return token.kind === "punct" && token.value === value;
  }

  skipPunct(value: Punct): boolean {
    if (!this.atPunct(value)) return false;
    this.at += 1;
    return true;
  }

  expectPunct(value: Punct): void {
    if (!this.skipPunct(value)) throw new Bail();
  }

  expectName(value: string): void {
    const token = this.peek();
    if (token.kind !== "name" || token.value !== value) throw new Bail();
    this.at += 1;
  }

  expectEnd(): void {
    if (this.peek().kind !== "end") throw new Bail();
  }

  expression(): Expr {
    const test = this.shortCircuit();
    if (!this.skipPunct("?")) return test;
    const then = this.expression();
    this.expectPunct(":");
    return { type: "conditional", test, then, otherwise: this.expression() };
  }

  /** `a || b && c`, or a `??` chain — JavaScript forbids mixing the two without parentheses. */
  private shortCircuit(): Expr {
    let left = this.or();
    if (!this.atPunct("??")) return left;
    if (left.type === "logical" && !left.parenthesized) throw new Bail();
    while (this.skipPunct("??")) left = { type: "logical", op: "??", left, right: this.equality() };
    if (this.atPunct("||") || this.atPunct("&&")) throw new Bail();
    return left;
  }

  private or(): Expr {
    let left = this.and();
    while (this.skipPunct("||")) left = { type: "logical", op: "||", left, right: this.and() };
    return left;
  }

  private and(): Expr {
    let left = this.equality();
    while (this.skipPunct("&&")) left = { type: "logical", op: "&&", left, right: this.equality() };
    return left;
  }

  private equality(): Expr {
    return this.binaryLevel(EQUALITY, () => this.relational());
  }

  private relational(): Expr {
    return this.binaryLevel(RELATIONAL, () => this.additive());
  }

  private additive(): Expr {
    return this.binaryLevel(ADDITIVE, () => this.multiplicative());
  }

  private multiplicative(): Expr {
    return this.binaryLevel(MULTIPLICATIVE, () => this.unary());
  }

  private binaryLevel(ops: ReadonlySet<Punct>, operand: () => Expr): Expr {
    let left = operand();
    for (;;) {
      const token = this.peek();
      if (token.kind !== "punct" || !ops.has(token.value)) return left;
      this.at += 1;
      left = { type: "binary", op: token.value as BinaryOp, left, right: operand() };
    }
  }

  private unary(): Expr {
    const token = this.peek();
    if (token.kind === "punct" && (token.value === "!" || token.value === "-" || token.value === "+")) {
      this.at += 1;
      return { type: "unary", op: token.value, operand: this.unary() };
    }
    if (token.kind === "name" && token.value === "typeof") {
      this.at += 1;
      return { type: "unary", op: "typeof", operand: this.unary() };
    }
    return this.member();
  }

  private member(): Expr {
    const object = this.primary();
    const steps: MemberStep[] = [];
    for (;;) {
      if (this.skipPunct(".")) steps.push({ key: this.propertyName(), optional: false });
      else if (this.skipPunct("?.")) {
        if (this.skipPunct("[")) steps.push({ key: this.bracketKey(), optional: true });
        else steps.push({ key: this.propertyName(), optional: true });
      } else if (this.skipPunct("[")) steps.push({ key: this.bracketKey(), optional: false });
      else break;
    }
    if (this.atPunct("(")) throw new Bail(); // a call
    return steps.length === 0 ? object : { type: "member", object, steps };
  }

  private propertyName(): Expr {
    const token = this.peek();
    if (token.kind !== "name") throw new Bail(); // `?.(`, `#private`…
    this.at += 1;
    return { type: "literal", value: token.value };
  }

  private bracketKey(): Expr {
    const key = this.expression();
    this.expectPunct("]");
    return key;
  }

  private primary(): Expr {
    const token = this.peek();
    this.at += 1;
    switch (token.kind) {
      case "number":
      case "string":
        return { type: "literal", value: token.value };
      case "name":
        return this.nameOrKeyword(token.value);
      case "punct":
        if (token.value === "(") {
          const inner = this.expression();
          this.expectPunct(")");
          return inner.type === "logical" ? { ...inner, parenthesized: true } : inner;
        }
        if (token.value === "[") return this.arrayLiteral();
        if (token.value === "{") return this.objectLiteral();
        throw new Bail();
      default:
        throw new Bail();
    }
  }

  private nameOrKeyword(name: string): Expr {
    if (name === "true") return { type: "literal", value: true };
    if (name === "false") return { type: "literal", value: false };
    if (name === "null") return { type: "literal", value: null };
    if (name === "undefined") return LITERAL_UNDEFINED;
    if (RESERVED.has(name)) throw new Bail();
    return { type: "name", name };
  }

  /** `{ input }` names a scope entry; `{ true }` is a SyntaxError in JavaScript. */
  private shorthand(name: string): Expr {
    if (name === "true" || name === "false" || name === "null") throw new Bail();
    return this.nameOrKeyword(name);
  }

  private arrayLiteral(): Expr {
    const items: Expr[] = [];
    while (!this.skipPunct("]")) {
      if (this.atPunct(",")) throw new Bail(); // a hole
      items.push(this.expression());
      if (!this.skipPunct(",")) {
        this.expectPunct("]");
        break;
      }
    }
    return { type: "array", items };
  }

  /** `{ name: expr, "key": expr, name }`; computed keys, methods, accessors and `__proto__` bail. */
  private objectLiteral(): Expr {
    const entries: Array<[string, Expr]> = [];
    while (!this.skipPunct("}")) {
      const token = this.peek();
      if (token.kind !== "name" && token.kind !== "string") throw new Bail();
      this.at += 1;
      const key = token.value;
      if (key === "__proto__") throw new Bail(); // sets the prototype, not a property
      if (this.skipPunct(":")) entries.push([key, this.expression()]);
      else if (token.kind === "name" && (this.atPunct(",") || this.atPunct("}"))) entries.push([key, this.shorthand(key)]);
      else throw new Bail();
      if (!this.skipPunct(",")) {
        this.expectPunct("}");
        break;
      }
    }
    return { type: "object", entries };
  }
}
