/** The text tool-call protocol (spec §3.2): `name(arg=value, …)` then `<CALL>`. */
export const CALL_MARKER = '<CALL>';

/** A parsed text tool call: tool name and arguments. */
export interface ParsedCall {
  /** Tool name. */
  name: string;
  /** Arguments by name (`name({json})` gives the object's keys). */
  args: Record<string, unknown>;
  /** The call expression as written. */
  text: string;
}

/**
 * Result of parsing one call expression: the call, or an error message with the text that failed.
 *
 * @inline
 */
export type ParseResult = { ok: true; call: ParsedCall } | { ok: false; error: string; text: string };

class Cursor {
  i = 0;
  constructor(readonly s: string) {}
  ws() {
    while (this.i < this.s.length && /\s/.test(this.s[this.i] as string)) this.i++;
  }
  peek() {
    return this.s[this.i];
  }
}

function parseValue(c: Cursor): unknown {
  c.ws();
  const ch = c.peek();
  if (ch === '"' || ch === "'") {
    const q = ch;
    c.i++;
    let out = '';
    while (c.i < c.s.length && c.s[c.i] !== q) {
      if (c.s[c.i] === '\\' && c.i + 1 < c.s.length) {
        const e = c.s[c.i + 1] as string;
        out += e === 'n' ? '\n' : e === 't' ? '\t' : e;
        c.i += 2;
      } else out += c.s[c.i++];
    }
    if (c.s[c.i] !== q) throw new Error('unterminated string');
    c.i++;
    return out;
  }
  if (ch === '[') {
    c.i++;
    const list: unknown[] = [];
    c.ws();
    if (c.peek() === ']') return c.i++, list;
    for (;;) {
      list.push(parseValue(c));
      c.ws();
      if (c.peek() === ',') c.i++;
      else if (c.peek() === ']') return c.i++, list;
      else throw new Error(`expected , or ] at ${c.i}`);
    }
  }
  const m = /^-?\d+/.exec(c.s.slice(c.i));
  if (m) {
    c.i += m[0].length;
    return Number(m[0]);
  }
  const word = /^(true|false)\b/.exec(c.s.slice(c.i));
  if (word) {
    c.i += word[0].length;
    return word[0] === 'true';
  }
  throw new Error(`unexpected ${ch === undefined ? 'end of input' : JSON.stringify(ch)} at ${c.i}`);
}

/** Parses one call expression `name(a=1, b="x", c=[…])` or `name({json})`. */
export function parseCallExpression(expr: string): ParseResult {
  const text = expr.trim();
  const head = /^([A-Za-z_][A-Za-z0-9_]*)\s*\(/.exec(text);
  if (!head) return { ok: false, error: 'not a call expression name(arg=value, …)', text };
  const name = head[1] as string;
  const c = new Cursor(text);
  c.i = head[0].length;
  try {
    c.ws();
    if (c.peek() === '{') {
      const end = text.lastIndexOf(')');
      const args = JSON.parse(text.slice(c.i, end)) as Record<string, unknown>;
      return { ok: true, call: { name, args, text } };
    }
    const args: Record<string, unknown> = {};
    if (c.peek() === ')') return { ok: true, call: { name, args, text: text.slice(0, c.i + 1) } };
    for (;;) {
      c.ws();
      const key = /^([A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(text.slice(c.i));
      if (!key) throw new Error(`expected arg=value at ${c.i}`);
      c.i += key[0].length;
      args[key[1] as string] = parseValue(c);
      c.ws();
      if (c.peek() === ',') c.i++;
      else if (c.peek() === ')') return { ok: true, call: { name, args, text: text.slice(0, c.i + 1) } };
      else throw new Error(`expected , or ) at ${c.i}`);
    }
  } catch (e) {
    return { ok: false, error: (e as Error).message, text };
  }
}

const CALL_START = /(^|[\s`])([A-Za-z_][A-Za-z0-9_]*)\s*\(/g;

/** Candidate call expressions in `text` whose names are tools, in order. */
function findCalls(text: string, toolNames: ReadonlySet<string>): { start: number; name: string }[] {
  const out: { start: number; name: string }[] = [];
  for (const m of text.matchAll(CALL_START)) if (toolNames.has(m[2] as string)) out.push({ start: (m.index ?? 0) + (m[1] as string).length, name: m[2] as string });
  return out;
}

/** Finds the end of a call starting at `start` (balanced parentheses outside strings). */
function callEnd(text: string, start: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = start; i < text.length; i++) {
    const ch = text[i] as string;
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return i + 1;
  }
  return -1;
}

/**
 * What a model turn holds: its reasoning text, the first call (if any), and how many more were dropped.
 *
 * @inline
 */
export interface DetectedCalls {
  /** The call to run (the first one). */
  first?: ParseResult;
  /** How many further calls were written in the same turn (dropped). */
  dropped: number;
  /** Text before the first call (the model's reasoning). */
  before: string;
}

/**
 * Detects a tool call in a researcher turn (spec §3.2): the text has a literal `<CALL>`, or the turn
 * ended with `finishReason: 'stop'` (the server stripped the stop string) and its last non-empty
 * line is a call expression. Only the first call runs.
 */
export function detectToolCall(text: string, finishReason: string, toolNames: ReadonlySet<string>): DetectedCalls | undefined {
  const marker = text.indexOf(CALL_MARKER);
  let region: string;
  if (marker >= 0) region = text.slice(0, marker);
  else {
    if (finishReason !== 'stop') return undefined;
    const lines = text.split('\n').filter((l) => l.trim() !== '');
    const last = (lines[lines.length - 1] ?? '').trim().replace(/^`+|`+$/g, '');
    if (!/^[A-Za-z_][A-Za-z0-9_]*\s*\(.*\)$/.test(last)) return undefined;
    const name = /^([A-Za-z_][A-Za-z0-9_]*)/.exec(last)?.[1] as string;
    if (!toolNames.has(name) && !/^[a-z_]+$/.test(name)) return undefined;
    region = text;
  }
  const calls = findCalls(region, toolNames);
  if (!calls.length) {
    // A marker with something call-like that names no tool: report it so the model learns the valid names.
    const any = /([A-Za-z_][A-Za-z0-9_]*)\s*\([^]*\)\s*$/.exec(region.trim());
    if (!any) return marker >= 0 ? { first: { ok: false, error: 'no call expression before <CALL>', text: region.trim() }, dropped: 0, before: region } : undefined;
    return { first: { ok: false, error: `unknown tool ${any[1]}`, text: any[0] }, dropped: 0, before: region.slice(0, any.index) };
  }
  const first = calls[0] as { start: number; name: string };
  const end = callEnd(region, first.start);
  const expr = end > 0 ? region.slice(first.start, end) : region.slice(first.start);
  return { first: parseCallExpression(expr), dropped: calls.length - 1, before: region.slice(0, first.start) };
}
