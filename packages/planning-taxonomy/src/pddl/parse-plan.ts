import { PddlError } from './pddl-error.js';

/** One step of a parsed plan: an action name and its arguments. */
export interface PlanStep {
  name: string;
  args: string[];
  /** 1-based source line. */
  line: number;
}

/** Options of parsing a plan. */
export interface ParsePlanOptions {
  /**
   * Strict: every non-empty, non-comment line must be `(name arg*)`, optionally with an `N:`
   * prefix and a `[d]` suffix. Lenient (default, our choice): also accepts bare `name arg*` lines
   * and several `( ... )` groups on one line.
   */
  strict?: boolean;
  file?: string;
}

const TOKEN_RE = /^[a-z0-9_][a-z0-9_\-.]*$/;

function splitArgs(body: string, line: number, col: number, file: string): { name: string; args: string[] } {
  const toks = body.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (toks.length === 0) throw new PddlError('plan-syntax', 'empty action ()', { line, col }, file);
  for (const t of toks) if (!TOKEN_RE.test(t)) throw new PddlError('plan-syntax', `invalid name '${t}' in plan step`, { line, col }, file);
  return { name: toks[0]!, args: toks.slice(1) };
}

/** Parses a plan file into steps. Throws `PddlError` (kind `plan-syntax`) naming the line. */
export function parsePlan(text: string, options: ParsePlanOptions = {}): PlanStep[] {
  const file = options.file ?? '<plan>';
  const steps: PlanStep[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    let s = lines[i]!;
    const semi = s.indexOf(';');
    if (semi >= 0) s = s.slice(0, semi);
    s = s.trim();
    if (!s) continue;
    const lineNo = i + 1;
    s = s.replace(/^\d+(\.\d+)?\s*:\s*/, '').replace(/\s*\[[^\]]*\]\s*$/, '').trim();
    if (s.startsWith('(')) {
      let rest = s;
      let col = lines[i]!.indexOf('(') + 1;
      while (rest.length) {
        if (!rest.startsWith('(')) {
          throw new PddlError('plan-syntax', `unexpected text '${rest}' after an action on plan line ${lineNo}`, { line: lineNo, col }, file);
        }
        const close = rest.indexOf(')');
        if (close < 0) throw new PddlError('plan-syntax', `unbalanced parentheses on plan line ${lineNo}`, { line: lineNo, col }, file);
        const inner = rest.slice(1, close);
        if (inner.includes('(')) throw new PddlError('plan-syntax', `nested parentheses on plan line ${lineNo}`, { line: lineNo, col }, file);
        steps.push({ ...splitArgs(inner, lineNo, col, file), line: lineNo });
        const next = rest.slice(close + 1);
        const trimmed = next.trimStart();
        col += close + 1 + (next.length - trimmed.length);
        rest = trimmed;
        if (rest && options.strict) throw new PddlError('plan-syntax', `more than one action on plan line ${lineNo}`, { line: lineNo, col }, file);
      }
      continue;
    }
    if (options.strict) {
      throw new PddlError('plan-syntax', `plan line ${lineNo} is not of the form (action arg ...): '${lines[i]!.trim()}'`, { line: lineNo, col: 1 }, file);
    }
    if (s.includes(')')) throw new PddlError('plan-syntax', `unbalanced parentheses on plan line ${lineNo}`, { line: lineNo, col: s.indexOf(')') + 1 }, file);
    steps.push({ ...splitArgs(s, lineNo, 1, file), line: lineNo });
  }
  return steps;
}

/** A plan step as text, `(name arg1 arg2)`. */
export function stepText(s: { name: string; args: string[] }): string {
  return s.args.length ? `(${s.name} ${s.args.join(' ')})` : `(${s.name})`;
}
