import { PddlError } from './pddl-error.js';

/** Source position of an s-expression (for error messages). */
export interface SourcePos {
  line: number;
  col: number;
}

/** A symbol (lower-cased `value`, original spelling in `raw`) or a parenthesised list. */
export type SExpr = SSymbol | SList;
/** An s-expression symbol. */
export interface SSymbol extends SourcePos {
  kind: 'symbol';
  value: string;
  raw: string;
}
/** An s-expression list. */
export interface SList extends SourcePos {
  kind: 'list';
  items: SExpr[];
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11;

/**
 * Reads PDDL text into s-expressions. Case is folded (PDDL is case-insensitive) but the original
 * spelling is kept for messages. `;` starts a comment to the end of the line.
 */
export function readSExprs(text: string, file = '<input>'): SExpr[] {
  const top: SExpr[] = [];
  const stack: SList[] = [];
  let line = 1;
  let col = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
      col = 1;
      i++;
      continue;
    }
    if (isSpace(c) || c === 0xfeff) {
      i++;
      col++;
      continue;
    }
    if (c === 59 /* ; */) {
      while (i < n && text.charCodeAt(i) !== 10) i++;
      continue;
    }
    if (c === 40 /* ( */) {
      const list: SList = { kind: 'list', items: [], line, col };
      const parent = stack[stack.length - 1];
      if (parent) parent.items.push(list);
      else top.push(list);
      stack.push(list);
      i++;
      col++;
      continue;
    }
    if (c === 41 /* ) */) {
      if (stack.length === 0) throw new PddlError('syntax', "unbalanced parentheses: unexpected ')'", { line, col }, file);
      stack.pop();
      i++;
      col++;
      continue;
    }
    const startCol = col;
    const start = i;
    while (i < n) {
      const d = text.charCodeAt(i);
      if (isSpace(d) || d === 40 || d === 41 || d === 59) break;
      i++;
      col++;
    }
    const raw = text.slice(start, i);
    const sym: SSymbol = { kind: 'symbol', value: raw.toLowerCase(), raw, line, col: startCol };
    const parent = stack[stack.length - 1];
    if (parent) parent.items.push(sym);
    else top.push(sym);
  }
  const open = stack[stack.length - 1];
  if (open) {
    throw new PddlError('syntax', `unbalanced parentheses: '(' opened here is never closed (input ends at ${line}:${col})`, open, file);
  }
  return top;
}
