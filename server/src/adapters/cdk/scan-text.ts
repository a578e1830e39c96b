// Small lexical helpers over TypeScript/JavaScript text: matching brackets, skipping strings and comments.

/** Offset just past the bracket that closes the one at `open`, or undefined when unbalanced. */
export function matchBracket(text: string, open: number): number | undefined {
  const pairs: Record<string, string> = { '(': ')', '{': '}', '[': ']' };
  const stack: string[] = [];
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (ch === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      if (end < 0) return undefined;
      i = end;
    } else if (ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) return undefined;
      i = end + 1;
    } else if (ch === '"' || ch === "'" || ch === '`') {
      i = skipString(text, i);
    } else if (pairs[ch]) {
      stack.push(pairs[ch]);
    } else if (ch === ')' || ch === '}' || ch === ']') {
      if (stack.pop() !== ch) return undefined;
      if (!stack.length) return i + 1;
    }
  }
  return undefined;
}

/** Offset of the closing quote of the string starting at `start` (template literals without nesting). */
function skipString(text: string, start: number): number {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === quote) return i;
    else if (text[i] === '\n' && quote !== '`') return i;
  }
  return text.length;
}

/** A call or `new` expression: from its start to just past its closing parenthesis. */
export interface CallSpan {
  start: number;
  /** The opening parenthesis of the arguments. */
  open: number;
  end: number;
}

/** The call whose callee starts at `offset` (a `new X.Y(` or `name(`), as V8 stack columns point. */
export function callAt(text: string, offset: number): CallSpan | undefined {
  const head = /^(?:new\s+)?[\w$.]+\s*(?:<[^()]*?>)?\s*\(/.exec(text.slice(offset, offset + 400));
  if (!head) return undefined;
  const open = offset + head[0].length - 1;
  const end = matchBracket(text, open);
  return end === undefined ? undefined : { start: offset, open, end };
}

/** Every `new X(scope, 'id'` with this construct id. */
export function constructCalls(text: string, id: string): CallSpan[] {
  const escaped = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`new\\s+[\\w$.]+\\s*(?:<[^()]*?>)?\\s*\\(\\s*[\\w$.]+\\s*,\\s*(['"\`])${escaped}\\1`, 'g');
  const calls: CallSpan[] = [];
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const call = callAt(text, match.index);
    if (call) calls.push(call);
  }
  return calls;
}

/** The span of `key: value` inside a call's arguments (value up to the next `,` or `}` at its depth). */
export function findProperty(text: string, within: CallSpan, key: string): { span: { start: number; end: number }; valueStart: number; value: string } | undefined {
  const pattern = new RegExp(`(?<![\\w$.])${key}\\s*:\\s*`, 'g');
  pattern.lastIndex = within.open;
  const match = pattern.exec(text);
  if (!match || match.index >= within.end) return undefined;
  const valueStart = match.index + match[0].length;
  let i = valueStart;
  while (i < within.end) {
    const ch = text[i];
    if (ch === '(' || ch === '{' || ch === '[') {
      const close = matchBracket(text, i);
      if (close === undefined) return undefined;
      i = close;
      continue;
    }
    if (ch === '"' || ch === "'" || ch === '`') {
      i = skipString(text, i) + 1;
      continue;
    }
    if (ch === ',' || ch === '}' || ch === ')' || ch === ']') break;
    i++;
  }
  let end = i;
  while (end > valueStart && /\s/.test(text[end - 1])) end--;
  return { span: { start: match.index, end }, valueStart, value: text.slice(valueStart, end) };
}
