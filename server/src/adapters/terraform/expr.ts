// Parses the Terraform expression subset found inside "${...}": references, literals, calls, tuples,
// operators and `cond ? a : b`. Anything else parses to an opaque node (an unknown value, never a guess).

export type Expr =
  | { type: 'literal'; value: string | number | boolean | null }
  /** A quoted string inside an expression: itself a template. */
  | { type: 'template'; text: string }
  | { type: 'traversal'; root: string; steps: Step[] }
  | { type: 'call'; name: string; args: Expr[] }
  | { type: 'tuple'; items: Expr[] }
  | { type: 'cond'; cond: Expr; yes: Expr; no: Expr; condText: string }
  | { type: 'binary'; op: string; left: Expr; right: Expr }
  | { type: 'unary'; op: string; operand: Expr }
  /** `[for k, v in coll : body if cond]` (object `for` expressions stay opaque). */
  | { type: 'for'; key?: string; value: string; collection: Expr; body: Expr; cond?: Expr }
  | { type: 'opaque' };

export type Step = { attr: string } | { index: Expr } | { splat: true };

interface Token {
  kind: 'ident' | 'number' | 'string' | 'punct' | 'end';
  text: string;
  start: number;
  end: number;
}

const PUNCT = ['==', '!=', '<=', '>=', '&&', '||', '=>', '...', '[*]', '.*', '?', ':', '(', ')', '[', ']', '{', '}', ',', '.', '+', '-', '*', '/', '%', '<', '>', '!', '='];

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const start = i;
    if (/[A-Za-z_]/.test(ch)) {
      while (i < src.length && /[A-Za-z0-9_-]/.test(src[i])) i++;
      out.push({ kind: 'ident', text: src.slice(start, i), start, end: i });
      continue;
    }
    if (/[0-9]/.test(ch)) {
      while (i < src.length && /[0-9.eE]/.test(src[i])) {
        // `x[0].id`: a dot followed by a letter ends the number.
        if (src[i] === '.' && !/[0-9]/.test(src[i + 1] ?? '')) break;
        i++;
      }
      out.push({ kind: 'number', text: src.slice(start, i), start, end: i });
      continue;
    }
    if (ch === '"') {
      i++;
      let depth = 0;
      while (i < src.length) {
        if (src[i] === '\\') i += 2;
        else if (src[i] === '$' && src[i + 1] === '{') {
          depth++;
          i += 2;
        } else if (src[i] === '}' && depth > 0) {
          depth--;
          i++;
        } else if (src[i] === '"' && depth === 0) break;
        else i++;
      }
      i++;
      out.push({ kind: 'string', text: src.slice(start, Math.min(i, src.length)), start, end: Math.min(i, src.length) });
      continue;
    }
    const punct = PUNCT.find((p) => src.startsWith(p, i));
    if (!punct) throw new SyntaxError(`unexpected character ${ch}`);
    i += punct.length;
    out.push({ kind: 'punct', text: punct, start, end: i });
  }
  out.push({ kind: 'end', text: '', start: src.length, end: src.length });
  return out;
}

/** Decodes the escapes of a quoted HCL string (its ${...} parts stay as written). */
function unquote(token: string): string {
  const body = token.slice(1, token.endsWith('"') && token.length > 1 ? -1 : undefined);
  return body.replace(/\\(["\\nrt])/g, (_m, c: string) => ({ n: '\n', r: '\r', t: '\t' })[c] ?? c);
}

const BINARY: string[][] = [['||'], ['&&'], ['==', '!='], ['<', '>', '<=', '>='], ['+', '-'], ['*', '/', '%']];

class Parser {
  private pos = 0;
  constructor(
    private readonly src: string,
    private readonly tokens: Token[],
  ) {}

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)];
  }

  private next(): Token {
    return this.tokens[Math.min(this.pos++, this.tokens.length - 1)];
  }

  private is(text: string): boolean {
    const t = this.peek();
    return t.kind === 'punct' && t.text === text;
  }

  private expect(text: string): void {
    if (!this.is(text)) throw new SyntaxError(`expected ${text}`);
    this.pos++;
  }

  parseAll(): Expr {
    const expr = this.expr();
    if (this.peek().kind !== 'end') throw new SyntaxError('trailing input');
    return expr;
  }

  expr(): Expr {
    const start = this.peek().start;
    const cond = this.binary(0);
    if (!this.is('?')) return cond;
    const condText = this.src.slice(start, this.tokens[this.pos - 1].end).trim();
    this.pos++;
    const yes = this.expr();
    this.expect(':');
    const no = this.expr();
    return { type: 'cond', cond, yes, no, condText };
  }

  private binary(level: number): Expr {
    if (level >= BINARY.length) return this.unary();
    let left = this.binary(level + 1);
    while (this.peek().kind === 'punct' && BINARY[level].includes(this.peek().text)) {
      const op = this.next().text;
      left = { type: 'binary', op, left, right: this.binary(level + 1) };
    }
    return left;
  }

  private unary(): Expr {
    if (this.is('!') || this.is('-')) {
      const op = this.next().text;
      return { type: 'unary', op, operand: this.unary() };
    }
    return this.postfix(this.primary());
  }

  private postfix(base: Expr): Expr {
    let expr = base;
    for (;;) {
      if (this.is('.') && (this.peek(1).kind === 'ident' || this.peek(1).kind === 'number')) {
        this.pos++;
        expr = step(expr, { attr: this.next().text });
      } else if (this.is('.*') || this.is('[*]')) {
        this.pos++;
        expr = step(expr, { splat: true });
      } else if (this.is('[')) {
        this.pos++;
        const index = this.expr();
        this.expect(']');
        expr = step(expr, { index });
      } else return expr;
    }
  }

  private primary(): Expr {
    const t = this.next();
    if (t.kind === 'number') return { type: 'literal', value: Number(t.text) };
    if (t.kind === 'string') return { type: 'template', text: unquote(t.text) };
    if (t.kind === 'ident') {
      if (t.text === 'true' || t.text === 'false') return { type: 'literal', value: t.text === 'true' };
      if (t.text === 'null') return { type: 'literal', value: null };
      if (this.is('(')) {
        this.pos++;
        const args: Expr[] = [];
        while (!this.is(')')) {
          args.push(this.expr());
          if (this.is('...')) this.pos++;
          if (!this.is(',')) break;
          this.pos++;
        }
        this.expect(')');
        return { type: 'call', name: t.text, args };
      }
      return { type: 'traversal', root: t.text, steps: [] };
    }
    if (t.kind === 'punct' && t.text === '(') {
      const inner = this.expr();
      this.expect(')');
      return inner;
    }
    if (t.kind === 'punct' && t.text === '[') {
      if (this.peek().kind === 'ident' && this.peek().text === 'for') return this.forTuple();
      const items: Expr[] = [];
      while (!this.is(']')) {
        items.push(this.expr());
        if (!this.is(',')) break;
        this.pos++;
      }
      this.expect(']');
      return { type: 'tuple', items };
    }
    if (t.kind === 'punct' && t.text === '{') return this.skipBalanced('{', '}');
    throw new SyntaxError(`unexpected ${t.text || 'end'}`);
  }

  /** `[for v in coll : body]` / `[for k, v in coll : body if cond]`, after the `[`. */
  private forTuple(): Expr {
    const start = this.pos;
    try {
      this.pos++; // for
      const first = this.next();
      if (first.kind !== 'ident') throw new SyntaxError('for without a name');
      let key: string | undefined;
      let value = first.text;
      if (this.is(',')) {
        this.pos++;
        const second = this.next();
        if (second.kind !== 'ident') throw new SyntaxError('for without a value name');
        key = first.text;
        value = second.text;
      }
      const into = this.next();
      if (into.kind !== 'ident' || into.text !== 'in') throw new SyntaxError('for without in');
      const collection = this.expr();
      this.expect(':');
      const body = this.expr();
      let cond: Expr | undefined;
      if (this.peek().kind === 'ident' && this.peek().text === 'if') {
        this.pos++;
        cond = this.expr();
      }
      if (this.is('...')) this.pos++;
      this.expect(']');
      return { type: 'for', ...(key ? { key } : {}), value, collection, body, ...(cond ? { cond } : {}) };
    } catch {
      this.pos = start;
      return this.skipBalanced('[', ']');
    }
  }

  /** Object literals and object `for` expressions: skipped whole, their value is unknown. */
  private skipBalanced(open: string, close: string): Expr {
    let depth = 1;
    while (depth > 0) {
      const t = this.next();
      if (t.kind === 'end') throw new SyntaxError(`unclosed ${open}`);
      if (t.kind === 'punct' && t.text === open) depth++;
      else if (t.kind === 'punct' && t.text === close) depth--;
      else if (t.kind === 'punct' && t.text === '[*]' && open === '[') continue;
    }
    return { type: 'opaque' };
  }
}

function step(expr: Expr, s: Step): Expr {
  // In place: the parser owns the traversal, and copying the steps at each one is quadratic in a long reference.
  if (expr.type === 'traversal') {
    expr.steps.push(s);
    return expr;
  }
  // Attribute access on a call result or tuple: the value is not tracked further.
  if ('index' in s) return { type: 'call', name: '[index]', args: [expr, s.index] };
  return { type: 'call', name: '[step]', args: [expr] };
}

/** Parses one expression; an unparsable one is opaque (unknown), never an error. */
export function parseExpr(src: string): Expr {
  try {
    return new Parser(src, tokenize(src)).parseAll();
  } catch {
    return { type: 'opaque' };
  }
}

export type TemplatePart = { text: string } | { expr: string };

/**
 * Splits a template string into literal text and `${...}` expressions (`$${` is a literal `${`).
 * `%{...}` directives make the template opaque (returns undefined).
 */
export function splitTemplate(text: string): TemplatePart[] | undefined {
  const parts: TemplatePart[] = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('$${', i) || text.startsWith('%%{', i)) {
      literal += text.slice(i + 1, i + 3);
      i += 3;
      continue;
    }
    if (text.startsWith('%{', i)) return undefined;
    if (text.startsWith('${', i)) {
      const end = closingBrace(text, i + 2);
      if (end < 0) return undefined;
      if (literal) parts.push({ text: literal });
      literal = '';
      // `${~ expr ~}` strip markers do not change the value of a whole-string expression.
      parts.push({ expr: text.slice(i + 2, end).replace(/^~/, '').replace(/~$/, '') });
      i = end + 1;
      continue;
    }
    literal += text[i++];
  }
  if (literal || !parts.length) parts.push({ text: literal });
  return parts;
}

/** Index of the `}` closing an interpolation opened before `from`, skipping nested braces and strings. */
function closingBrace(text: string, from: number): number {
  let depth = 0;
  let inString = false;
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === '{') depth++;
    else if (ch === '}') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}
